# Every library of the design card is found here, once, so that the dependency set is settled.
# Debian 12 package names: installer/deps.sh. Traps: ../shared/docs/toolchain.md.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Encrypted store. SQLITE_HAS_CODEC declares sqlite3_key().
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
# Unicode normalization (NFC) and case folding of Vietnamese text.
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
# Key derivation and wrapping, hashes, TLS.
find_package(OpenSSL 3.0 REQUIRED)
# Desktop.
find_package(wxWidgets 3.2 REQUIRED COMPONENTS html adv core base)
# wx as a target (never ${wxWidgets_USE_FILE}, which puts wx's include paths, __WXGTK__ and flags on
# every target of a folder): only the desktop's library and program link it, so no other library
# can include a wx header (tests/layering proves it).
add_library(da06_wx INTERFACE)
add_library(da06::wx ALIAS da06_wx)
target_include_directories(da06_wx SYSTEM INTERFACE ${wxWidgets_INCLUDE_DIRS})
target_compile_definitions(da06_wx INTERFACE ${wxWidgets_DEFINITIONS})
target_compile_options(da06_wx INTERFACE ${wxWidgets_CXX_FLAGS})
target_link_libraries(da06_wx INTERFACE ${wxWidgets_LIBRARIES})
# Sync client (HTTPS).
find_package(CURL REQUIRED)
# Hub server. Never Poco::DataSQLite: it brings the system libsqlite3, whose symbols clash with SQLCipher's.
find_package(Poco REQUIRED COMPONENTS Foundation Net NetSSL JSON Util Crypto)
# Card readers and the eMRTD chip.
if(WIN32)
  # Windows: PC/SC is the system's WinSCard; OpenPACE comes from the overlay port of vcpkg.json
  # (installer/windows/vcpkg-ports/openpace). The same target names as on Linux.
  add_library(PkgConfig::PCSC INTERFACE IMPORTED)
  set_property(TARGET PkgConfig::PCSC PROPERTY INTERFACE_LINK_LIBRARIES winscard)
  find_package(openpace CONFIG REQUIRED)
  add_library(PkgConfig::EAC INTERFACE IMPORTED)
  set_property(TARGET PkgConfig::EAC PROPERTY INTERFACE_LINK_LIBRARIES OpenPACE::eac)
else()
  pkg_check_modules(PCSC REQUIRED IMPORTED_TARGET libpcsclite)
  pkg_check_modules(EAC REQUIRED IMPORTED_TARGET libeac)
endif()
find_package(OpenJPEG REQUIRED)
# QR codes.
find_package(ZXing REQUIRED)
# Reports.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# Hub on PostgreSQL.
find_package(PostgreSQL REQUIRED)
# Tests.
find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)

# gettext tools for the catalogs.
find_program(MSGFMT_EXECUTABLE msgfmt REQUIRED)

# OpenJPEG's config exports a target named openjp2 with its include dir in a variable.
if(TARGET openjp2 AND OPENJPEG_INCLUDE_DIRS)
  set_property(TARGET openjp2 APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${OPENJPEG_INCLUDE_DIRS})
endif()
