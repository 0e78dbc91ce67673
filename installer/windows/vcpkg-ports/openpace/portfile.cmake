# OpenPACE ships an autotools build; on MSVC this port compiles its library sources with the small
# CMakeLists.txt beside this file (libeac only: no tools, no Python bindings). The source list
# follows src/Makefile.am of the release; check it when you change the version (WINDOWS.md).
vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO frankmorgner/openpace
    REF "${VERSION}"
    SHA512 0  # fill in on first use: vcpkg prints the expected hash (installer/WINDOWS.md, step 3)
    HEAD_REF master)
file(COPY "${CMAKE_CURRENT_LIST_DIR}/CMakeLists.txt" DESTINATION "${SOURCE_PATH}")
vcpkg_cmake_configure(SOURCE_PATH "${SOURCE_PATH}")
vcpkg_cmake_install()
file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/debug/include")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/COPYING")
