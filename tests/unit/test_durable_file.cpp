// writeFileDurably: the content lands whole, replaces the old one, leaves no temporary file, and a
// failure leaves the target as it was. Runs natively and, in the portable slice, under wine (the
// Windows implementation).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "domain/core/DurableFile.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

fs::path freshFolder()
{
    std::random_device rd;
    const fs::path p = fs::temp_directory_path() / ("da06-durable-" + std::to_string(rd()));
    fs::create_directories(p);
    return p;
}

} // namespace

BOOST_AUTO_TEST_SUITE(durable_file)

BOOST_AUTO_TEST_CASE(writes_replaces_and_cleans_up)
{
    const fs::path dir = freshFolder();
    const fs::path target = dir / "khóa.keys"; // a Vietnamese file name, as users choose them
    std::string big(3 * 1024 * 1024 + 17, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) {
        big[i] = static_cast<char>(i * 131 % 251);
    }
    BOOST_REQUIRE(da06::writeFileDurably(target, big).has_value());
    BOOST_TEST(slurp(target) == big);
    BOOST_REQUIRE(da06::writeFileDurably(target, "mới").has_value());
    BOOST_TEST(slurp(target) == "mới");
    BOOST_TEST(!fs::exists(dir / "khóa.keys.tmp"));
#ifndef _WIN32
    BOOST_TEST(
        ((fs::status(target).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write)));
#endif
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(failure_leaves_the_target_alone)
{
    const fs::path dir = freshFolder();
    const fs::path missing = dir / "no-such-folder" / "store.keys";
    const auto r = da06::writeFileDurably(missing, "x");
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == da06::ErrorCode::Io));
    BOOST_TEST(r.error().message.find("store.keys") != std::string::npos);

    // The target is a folder: the rename fails, the temporary file is removed.
    const fs::path folder = dir / "taken";
    fs::create_directories(folder / "inside");
    const auto r2 = da06::writeFileDurably(folder, "x");
    BOOST_REQUIRE(!r2.has_value());
    BOOST_TEST(fs::is_directory(folder / "inside"));
    BOOST_TEST(!fs::exists(dir / "taken.tmp"));
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
