// Regression replay of a fuzz target without libFuzzer (the g++ build, CTest fuzz_replay_<name>):
// every regular file of the directories (and every file) named on the command line goes once
// through LLVMFuzzerTestOneInput, in name order. No mutation and no timing: the committed corpus
// (seeds and the inputs of past crashes) must still pass. Exits 1 when no input was found.
//   fuzz_<name> tests/fuzz/corpus/<name> [more files or folders…]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::uint8_t> readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        if (std::filesystem::is_directory(arg)) {
            for (const auto& entry : std::filesystem::directory_iterator(arg)) {
                if (entry.is_regular_file()) {
                    inputs.push_back(entry.path());
                }
            }
        } else if (std::filesystem::is_regular_file(arg)) {
            inputs.push_back(arg);
        } else {
            std::fprintf(stderr, "fuzz replay: %s is neither a file nor a folder\n", argv[i]);
            return 2;
        }
    }
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) {
        std::fprintf(stderr, "fuzz replay: no input (give the corpus folder)\n");
        return 1;
    }
    for (const auto& path : inputs) {
        std::fprintf(stderr, "fuzz replay: %s\n", path.string().c_str());
        const std::vector<std::uint8_t> bytes = readFile(path);
        // A copy of exactly the input's size, so that reading past its end is caught under ASan.
        const auto copy = std::make_unique<std::uint8_t[]>(bytes.size() + (bytes.empty() ? 1 : 0));
        std::copy(bytes.begin(), bytes.end(), copy.get());
        LLVMFuzzerTestOneInput(copy.get(), bytes.size());
    }
    std::printf("fuzz replay: %zu input(s), no failure\n", inputs.size());
    return 0;
}
