#include <boost/test/unit_test.hpp>

#include "domain/text/Text.h"

using namespace da06;

BOOST_AUTO_TEST_SUITE(vietnamese_text)

BOOST_AUTO_TEST_CASE(nfc_normalization)
{
    const std::string nfd = "Nguye\xCC\x82\xCC\x83n"; // e + combining circumflex + combining tilde
    BOOST_TEST(*text::toNfc(nfd) == "Nguyễn");
    BOOST_TEST(*text::toNfc("Đà Nẵng") == "Đà Nẵng");
    BOOST_TEST(!text::toNfc("\xC3\x28"));
    BOOST_TEST(text::isValidUtf8("Tây Ninh"));
    BOOST_TEST(!text::isValidUtf8("\xFF"));
}

BOOST_AUTO_TEST_CASE(folding_for_search)
{
    BOOST_TEST(text::fold("Nguyễn Văn An") == "nguyen van an");
    BOOST_TEST(text::fold("ĐÀ NẴNG") == "da nang");
    BOOST_TEST(text::fold("  Sở   Y tế ") == "so y te");
    BOOST_TEST(text::fold("Nguye\xCC\x82\xCC\x83n") == "nguyen");
    BOOST_TEST(text::matchesFolded(text::fold("Công an Tỉnh Tây Ninh"), text::fold("cong an tay")));
    BOOST_TEST(text::matchesFolded(text::fold("Công an Tỉnh Tây Ninh"), text::fold("Tây   công")));
    BOOST_TEST(!text::matchesFolded(text::fold("Công an Tỉnh"), text::fold("Sở")));
    BOOST_TEST(text::matchesFolded("abc", ""));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(case_fold_keeps_diacritics)
{
    BOOST_TEST(da06::text::caseFold("ĐẶNG  QUỐC BẢO ") == "đặng quốc bảo");
    BOOST_TEST(da06::text::caseFold("Đặng Quốc Bảo") == da06::text::caseFold("đặng quốc bảo"));
    BOOST_TEST(da06::text::caseFold("Bảo") != da06::text::caseFold("Bào")); // another tone mark
    // Decomposed input (as some scanners type it) folds to the same NFC text.
    BOOST_TEST(da06::text::caseFold("Nu\xCC\x9B\xCC\x83") == "nữ");
    BOOST_TEST(da06::text::caseFold("") == "");
}
