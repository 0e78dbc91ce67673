// Two programs that must FAIL, proving that the slice reports failures as failures: one with a
// failed check, one that crashes (a null write: under wine without winedbg this must not exit 0).
#include <boost/test/unit_test.hpp>

#include <cstdlib>

BOOST_AUTO_TEST_CASE(deliberately_failing_check)
{
#ifdef DA06_MUST_CRASH
    volatile int* volatile p = nullptr;
    *p = 42; // an access violation, not a test failure
#endif
    BOOST_CHECK_EQUAL(1 + 1, 3);
}
