// da06_vcard_make: builds the folder of a virtual CCCD for the tests (see tests/vcard/README.md).
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "domain/text/Text.h"
#include "tests/vcard/CardMaker.h"

using namespace da06;
using namespace da06::vcard;

namespace {

const char* kUsage =
    "usage: da06_vcard_make --out DIR [--person N | --json FILE] [field options] [--pki DIR]\n"
    "                       [--tamper DGn] [--no-aa] [--no-ca] [--seed N]\n"
    "       da06_vcard_make --make-pki DIR [--out DIR ...]\n"
    "  --person N     one of the built-in test people (0-3, default 0)\n"
    "  --json FILE    a person: {\"id\",\"name\",\"dob\",\"sex\",\"nationality\",\"ethnicity\",\"religion\",\n"
    "                 \"origin\",\"residence\",\"features\",\"issued\",\"expires\",\"father\",\"mother\",\n"
    "                 \"spouse\",\"oldId\"} (dates dd/MM/yyyy, sex Nam or Nữ)\n"
    "  field options  --id --name --dob --sex --nationality --ethnicity --religion --origin --residence\n"
    "                 --features --issued --expires --father --mother --spouse --old-id (override)\n"
    "  --make-pki DIR write a test CSCA (csca.pem) and document signer (ds.pem, ds.key) into DIR\n"
    "  --pki DIR      sign EF.SOD with DIR/ds.pem and DIR/ds.key (default: DIR/pki of the card, made)\n"
    "  --tamper DGn   change data group n after signing (passive authentication must then fail)\n"
    "  --no-aa        no active authentication (no DG15)\n"
    "  --no-ca        no chip authentication key in DG14\n";

int usage(const std::string& why)
{
    std::cerr << "da06_vcard_make: " << why << "\n" << kUsage;
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    std::map<std::string, std::string> opts;
    bool noAa = false;
    bool noCa = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (a == "--no-aa") {
            noAa = true;
            continue;
        }
        if (a == "--no-ca") {
            noCa = true;
            continue;
        }
        if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
            return usage("unexpected argument " + a);
        }
        opts[a.substr(2)] = argv[++i];
    }
    static const std::map<std::string, std::string Person::*> fields = {{"id", &Person::id},
                                                                        {"name", &Person::fullName},
                                                                        {"dob", &Person::dateOfBirth},
                                                                        {"sex", &Person::sex},
                                                                        {"nationality", &Person::nationality},
                                                                        {"ethnicity", &Person::ethnicity},
                                                                        {"religion", &Person::religion},
                                                                        {"origin", &Person::placeOfOrigin},
                                                                        {"residence", &Person::residence},
                                                                        {"features", &Person::features},
                                                                        {"issued", &Person::issueDate},
                                                                        {"expires", &Person::expiryDate},
                                                                        {"father", &Person::father},
                                                                        {"mother", &Person::mother},
                                                                        {"spouse", &Person::spouse},
                                                                        {"old-id", &Person::oldId}};
    for (const auto& [k, v] : opts) {
        if (!fields.contains(k) && k != "out" && k != "person" && k != "json" && k != "pki" && k != "make-pki" &&
            k != "tamper" && k != "seed") {
            return usage("unknown option --" + k);
        }
    }
    if (opts.contains("make-pki")) {
        if (auto st = makePki(opts["make-pki"]); !st) {
            std::cerr << "da06_vcard_make: " << st.error().message << "\n";
            return 1;
        }
        if (!opts.contains("out")) {
            return 0;
        }
        if (!opts.contains("pki")) {
            opts["pki"] = opts["make-pki"];
        }
    }
    if (!opts.contains("out")) {
        return usage("--out DIR is required");
    }
    Person person;
    if (opts.contains("json")) {
        if (opts.contains("person")) {
            return usage("--person and --json exclude each other");
        }
        auto loaded = loadPersonJson(opts["json"]);
        if (!loaded) {
            std::cerr << "da06_vcard_make: " << loaded.error().message << "\n";
            return 5;
        }
        person = *loaded;
    } else {
        std::size_t n = 0;
        if (opts.contains("person")) {
            const std::string& s = opts["person"];
            if (s.size() != 1 || s[0] < '0' || s[0] > '9' ||
                static_cast<std::size_t>(s[0] - '0') >= defaultPeople().size()) {
                return usage("--person must be 0.." + std::to_string(defaultPeople().size() - 1));
            }
            n = static_cast<std::size_t>(s[0] - '0');
        }
        person = defaultPeople()[n];
    }
    for (const auto& [k, member] : fields) {
        if (opts.contains(k)) {
            auto nfc = text::toNfc(opts[k]);
            if (!nfc) {
                return usage("--" + k + " is not UTF-8");
            }
            person.*member = *nfc;
        }
    }
    MakeOptions mo;
    if (opts.contains("pki")) {
        mo.pkiDir = opts["pki"];
    }
    if (opts.contains("tamper")) {
        std::string t = opts["tamper"];
        if (t.rfind("DG", 0) == 0 || t.rfind("dg", 0) == 0) {
            t = t.substr(2);
        }
        static const std::map<std::string, int> allowed = {{"1", 1}, {"2", 2}, {"13", 13}, {"14", 14}, {"15", 15}};
        if (!allowed.contains(t)) {
            return usage("--tamper takes DG1, DG2, DG13, DG14 or DG15");
        }
        mo.tamperDataGroup = allowed.at(t);
    }
    // Each person gets a face of their own unless --seed says otherwise.
    mo.seed = 0;
    for (char c : person.id) {
        mo.seed = mo.seed * 31 + static_cast<unsigned char>(c);
    }
    if (opts.contains("seed")) {
        mo.seed = static_cast<unsigned>(std::strtoul(opts["seed"].c_str(), nullptr, 10));
    }
    mo.activeAuthentication = !noAa;
    mo.chipAuthentication = !noCa;
    if (mo.tamperDataGroup == 15 && noAa) {
        return usage("--tamper DG15 needs active authentication");
    }
    if (auto st = makeCard(person, opts["out"], mo); !st) {
        std::cerr << "da06_vcard_make: " << st.error().message << "\n";
        return st.error().code == ErrorCode::InvalidInput ? 5 : 1;
    }
    std::cout << "card written to " << opts["out"] << "\n";
    return 0;
}
