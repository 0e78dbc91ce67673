# Reports benchmark (issue 9): district (100 units) and province (1,000 units), a year of reports:
# compile, PDF, XLSX, CSV, and the growth from 100 to 1,000 units.
add_executable(bench_reports ${CMAKE_CURRENT_LIST_DIR}/bench_reports.cpp)
target_link_libraries(bench_reports PRIVATE da06::report da06::reports da06::schema da06::assets)
