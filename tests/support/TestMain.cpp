// One main() per test program (the shared Boost.Test library, BOOST_TEST_DYN_LINK).
#define BOOST_TEST_MODULE da06
#include <boost/test/unit_test.hpp>
