# bench_sync [records] [pull limit]: the first sync of a district desk from a real da06-hub.
add_executable(bench_sync bench_sync.cpp)
target_link_libraries(bench_sync PRIVATE da06::sync_client da06::work da06::schema da06::assets da06_test_support)
target_compile_definitions(bench_sync PRIVATE DA06_HUB_PROGRAM="$<TARGET_FILE:da06-hub>")
add_dependencies(bench_sync da06-hub)
