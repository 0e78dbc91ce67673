// The sanitizer options compiled into every program of the sanitizer build (DA06_SANITIZE,
// cmake/Options.cmake links this object into each executable). The tests start our own programs
// (the da06 CLI, da06-hub, the virtual card) with a minimal environment (tests/support keeps
// PATH, HOME, TMPDIR…), so the ASAN_OPTIONS, LSAN_OPTIONS and UBSAN_OPTIONS that
// installer/asan-suite.sh exports never reach them: these defaults do. The runtimes read the
// defaults first and the environment after, so an exported variable still wins.
// Every report also goes to a file under DA06_SANITIZER_LOG_DIR (log_path): a child whose
// failure the test does not look at (stderr captured and dropped, a non-zero exit expected)
// still leaves its report there, and installer/asan-suite.sh fails when any report exists.
#include <sanitizer/asan_interface.h>
#include <sanitizer/lsan_interface.h>

#define DA06_ASAN_COMMON "log_path=" DA06_SANITIZER_LOG_DIR "/report:log_exe_name=1:print_summary=1"

extern "C" {

const char* __asan_default_options()
{
    return DA06_ASAN_COMMON ":detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
                            ":check_initialization_order=1";
}

const char* __lsan_default_options()
{
    return "suppressions=" DA06_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

// Declared by newer runtimes' ubsan_interface.h, not by g++ 12's headers.
const char* __ubsan_default_options();
const char* __ubsan_default_options()
{
    return DA06_ASAN_COMMON ":print_stacktrace=1:halt_on_error=1";
}
}
