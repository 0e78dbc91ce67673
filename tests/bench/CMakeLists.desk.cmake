# Front-desk benchmark (issue 8): check records at volume — record, search, statistics, purge.
add_executable(bench_desk bench_desk.cpp)
target_link_libraries(bench_desk PRIVATE da06::desk da06::schema da06::assets)
