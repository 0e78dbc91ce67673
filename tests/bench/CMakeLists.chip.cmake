# Chip reading benchmark (issue 6): full reads of the virtual CCCD through pcscd, PACE and BAC,
# fixed-256 against adaptive READ BINARY. The modelled-card benchmark of tests/chip (chip_bench)
# counts APDUs without a reader.
add_executable(bench_chip ${CMAKE_CURRENT_LIST_DIR}/bench_chip.cpp)
target_link_libraries(bench_chip PRIVATE da06::emrtd da06::pcsc da06_pcscd_fixture da06_test_support)
add_dependencies(bench_chip da06_vcard da06_vcard_make)
