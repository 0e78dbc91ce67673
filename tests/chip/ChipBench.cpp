// Benchmark of a full chip read on the card modelled in the tests (in-process, no PC/SC): time and
// APDU count for PACE and BAC, a chip taking Le 256 and one refusing Le above 160, with the
// adaptive READ BINARY against a fixed Le (256 and 128). Built, not run by CTest:
//   chip_bench [repeats]
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

#include "client/readers/emrtd/ChipSession.h"
#include "domain/identity/chip/Mrz.h"
#include "tests/chip/ChipTestData.h"
#include "tests/chip/ChipTestPki.h"
#include "tests/chip/FakeCard.h"

using namespace da06;
using namespace da06::emrtd;
using namespace chiptest;

int main(int argc, char** argv)
{
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    Person person;
    Pki pki = makePki();
    Pkey caKey = ecKey();
    Pkey aaKey = ecKey();
    const Bytes photo = makeJpeg2000(400, 520, false);
    std::map<int, Bytes> dgs{{1, dg1(mrzOf(person))},
                             {2, makeDg2(photo, 400, 520)},
                             {13, dg13Of(person)},
                             {14, makeDg14(caKey.get())},
                             {15, makeDg15(aaKey.get())}};
    const Bytes sod = makeSod(dgs, pki);
    std::cout << "photo " << photo.size() << " bytes (JPEG 2000 codestream), DG2 " << dgs[2].size() << " bytes\n";
    std::cout << "access  chip-max-Le  reader        APDUs  ms(avg of " << repeats << ")\n";
    for (const bool pace : {true, false}) {
        for (const int maxLe : {256, 160}) {
            struct Strategy {
                const char* name;
                int initialLe;
                bool adaptive;
            };
            for (const Strategy s : {Strategy{"adaptive", 256, true}, Strategy{"fixed-256", 256, false},
                                     Strategy{"fixed-128", 128, false}}) {
                std::size_t apdus = 0;
                double total = 0;
                bool ok = true;
                for (int i = 0; i < repeats; ++i) {
                    FakeCardConfig c;
                    if (pace) {
                        c.files[0x011C] = makeCardAccess();
                        c.can = person.id12.substr(6);
                    }
                    c.files[0x011E] = efCom({0x61, 0x75, 0x6D, 0x6E, 0x6F});
                    for (const auto& [dg, bytes] : dgs) {
                        c.files[static_cast<std::uint16_t>(0x0100 + dg)] = bytes;
                    }
                    c.files[0x011D] = sod;
                    c.mrzInformation = *chip::bacMrzInformationFromId12(person.id12, person.dobMrz, person.expiryMrz);
                    c.maxLe = maxLe;
                    c.activeAuthKey = aaKey.get();
                    c.chipAuthKey = caKey.get();
                    FakeCard card(c);
                    ReadOptions o;
                    o.initialLe = s.initialLe;
                    o.adaptiveLe = s.adaptive;
                    o.asOf = Date{2024, 6, 30};
                    CancelToken cancel;
                    const auto key = AccessKey::fromId12(person.id12, person.dobMrz, person.expiryMrz);
                    const auto t0 = std::chrono::steady_clock::now();
                    auto r = readChip(card, *key, o, Progress(), cancel);
                    total += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                    if (!r) {
                        ok = false;
                        break;
                    }
                    apdus = r->apduCount;
                }
                std::cout << (pace ? "PACE    " : "BAC     ") << maxLe << "          " << s.name
                          << (std::string(14 - std::string(s.name).size(), ' '));
                if (ok) {
                    std::cout << apdus << "    " << total / repeats << "\n";
                } else {
                    std::cout << "fails (the chip refuses the Le)\n";
                }
            }
        }
    }
    return 0;
}
