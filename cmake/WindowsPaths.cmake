# The Windows-specific code paths, compiled (and where possible linked) in the portable slice with
# mingw-w64, so that CI proves they build: the durable file writer (in da06::core, tested under
# wine), the passphrase prompt on the console, process hardening, serial scanners on COMn, and the
# PC/SC reader manager against mingw's winscard.h (wine's WinSCard is a stub, so only compiled).
if(NOT WIN32)
  return()
endif()
add_library(da06_windows_paths OBJECT
  ${PROJECT_SOURCE_DIR}/client/cli/Terminal.cpp
  ${PROJECT_SOURCE_DIR}/client/platform/Hardening.cpp
  ${PROJECT_SOURCE_DIR}/client/readers/SerialPort.cpp
  ${PROJECT_SOURCE_DIR}/client/readers/SerialPortWindows.cpp
  ${PROJECT_SOURCE_DIR}/client/readers/ScanLineSplitter.cpp)
target_link_libraries(da06_windows_paths PRIVATE da06::options da06::core)

# The PC/SC reader manager and channel against mingw's winscard.h (linking winscard works too;
# wine's WinSCard is a stub, so nothing of it runs here).
add_library(da06_windows_pcsc OBJECT
  ${PROJECT_SOURCE_DIR}/client/readers/pcsc/PcscContext.cpp
  ${PROJECT_SOURCE_DIR}/client/readers/pcsc/PcscCardChannel.cpp
  ${PROJECT_SOURCE_DIR}/client/readers/pcsc/ReaderManager.cpp)
target_link_libraries(da06_windows_pcsc PRIVATE da06::options da06::core)
