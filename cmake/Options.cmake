# One INTERFACE target carries the language level, the warnings and the sanitizers.
add_library(da06_options INTERFACE)
add_library(da06::options ALIAS da06_options)
target_compile_features(da06_options INTERFACE cxx_std_23)
# The one include root of every target: includes name a header by its path from the repository root.
target_include_directories(da06_options INTERFACE ${PROJECT_SOURCE_DIR})
set(CMAKE_CXX_EXTENSIONS OFF)
if(MSVC)
  # Windows (installer/WINDOWS.md): UTF-8 sources and execution charset (Vietnamese literals),
  # standard conformance, Unicode Win32 APIs, no min/max macros.
  target_compile_options(da06_options INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus /EHsc
    $<$<BOOL:${DA06_WERROR}>:/WX>)
  target_compile_definitions(da06_options INTERFACE UNICODE _UNICODE NOMINMAX WIN32_LEAN_AND_MEAN
    _CRT_SECURE_NO_WARNINGS)
else()
  target_compile_options(da06_options INTERFACE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic>
    $<$<BOOL:${DA06_WERROR}>:-Werror>)
endif()
# The sanitizer build (preset asan, run by installer/asan-suite.sh): AddressSanitizer (with
# LeakSanitizer) and UBSan. -fno-sanitize-recover=all makes every UBSan finding abort the program:
# without it UBSan prints a report and the test still exits 0. UBSan's vptr check (part of
# "undefined" with g++) needs RTTI, which we and Debian's wx/Poco/Boost builds keep (no
# -fno-rtti anywhere), so it needs no exception; g++ 12 has no -fsanitize=function (clang only).
# _GLIBCXX_ASSERTIONS adds the standard library's cheap bounds checks (operator[], front/back on
# empty containers), which catch reads ASan cannot see inside a vector's spare capacity; it does
# not change the ABI, unlike _GLIBCXX_DEBUG.
if(DA06_SANITIZE)
  target_compile_options(da06_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  target_compile_definitions(da06_options INTERFACE _GLIBCXX_ASSERTIONS)
  target_link_options(da06_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
  # The runtime options every sanitized program carries (tests/sanitizers/SanitizerDefaults.cpp),
  # compiled once and linked into each executable only.
  add_library(da06_sanitizer_defaults OBJECT ${PROJECT_SOURCE_DIR}/tests/sanitizers/SanitizerDefaults.cpp)
  target_compile_definitions(da06_sanitizer_defaults PRIVATE
    DA06_SANITIZER_LOG_DIR="${CMAKE_BINARY_DIR}/sanitizer-reports"
    DA06_LSAN_SUPPRESSIONS="${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp")
  target_sources(da06_options INTERFACE
    $<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:$<TARGET_OBJECTS:da06_sanitizer_defaults>>)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/sanitizer-reports)
endif()
