# Hub benchmark (issue 7): 200 desks syncing at once against one da06-hub, SQLite and PostgreSQL.
add_executable(bench_hub bench_hub.cpp ${PROJECT_SOURCE_DIR}/tests/sync/hub/HubTestSupport.cpp)
target_compile_definitions(bench_hub PRIVATE DA06_HUB_PROGRAM="$<TARGET_FILE:da06-hub>")
target_link_libraries(bench_hub PRIVATE da06::sync_protocol da06::sync_auth da06::core da06_test_support CURL::libcurl)
add_dependencies(bench_hub da06-hub)
