# Work benchmark (issue 4): province-sized store, dashboard and overdue queries, SQLCipher vs SQLite.
add_executable(bench_work bench_work.cpp)
target_link_libraries(bench_work PRIVATE da06::work da06::schema da06::assets)
