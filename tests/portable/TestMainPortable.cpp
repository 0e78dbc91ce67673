// main() of the portable test programs: Boost.Test in its single-header form, so the programs need
// no Boost library built for the target (mingw-w64 has none in Debian).
#define BOOST_TEST_MODULE da06_portable
#include <boost/test/included/unit_test.hpp>
