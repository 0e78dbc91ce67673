# Cross-compiling the portable slice for Windows with Debian's mingw-w64 (the -posix variant, which
# has std::thread and std::mutex), and running its tests under wine:
#   cmake -S . -B build-mingw -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/mingw-w64.cmake -DDA06_PORTABLE_ONLY=ON
# installer/windows-slice.sh does exactly this, then runs ctest.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# Static: the programs need only Windows' own DLLs, so wine runs them without a runtime folder.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
# Every test program runs through wine, with its crash dialog off (without it a crashing test can
# exit 0) and its debug output off.
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/wine-run.sh)
# g++ 12 (mingw) reports a false -Wrestrict inside std::string's char_traits at -O2 (GCC bug
# 105329); it is not about our code, and -Werror would stop the slice on it.
set(CMAKE_CXX_FLAGS_INIT "-Wno-restrict")
