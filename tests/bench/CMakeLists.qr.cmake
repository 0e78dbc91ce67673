# bench_qr — QR decoding on a generated, degraded corpus: da06::readers (ZXing-cpp) against
# zbarimg (zbar-tools) on the same images, and the time to decode a 1920×1080 frame.
# A build target, not a CTest test:  build/bin/bench_qr [--images N] [--seed N] [--keep DIR]
# Included from tests/bench/CMakeLists.txt; the corpus helper lives in tests/identity.
find_package(PNG REQUIRED)
find_package(JPEG REQUIRED)
add_executable(bench_qr ${CMAKE_CURRENT_LIST_DIR}/bench_qr.cpp)
target_link_libraries(bench_qr PRIVATE da06::options da06::readers da06_qr_corpus da06_test_support)
