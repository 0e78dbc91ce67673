# One INTERFACE target carries the language level, the warnings and the sanitizers.
add_library(da06_options INTERFACE)
add_library(da06::options ALIAS da06_options)
target_compile_features(da06_options INTERFACE cxx_std_23)
# The one include root of every target: includes name a header by its path from the repository root.
target_include_directories(da06_options INTERFACE ${PROJECT_SOURCE_DIR})
set(CMAKE_CXX_EXTENSIONS OFF)
if(MSVC)
  # Windows (installer/WINDOWS.md): UTF-8 sources and execution charset (Vietnamese literals),
  # standard conformance, Unicode Win32 APIs, no min/max macros.
  target_compile_options(da06_options INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus /EHsc
    $<$<BOOL:${DA06_WERROR}>:/WX>)
  target_compile_definitions(da06_options INTERFACE UNICODE _UNICODE NOMINMAX WIN32_LEAN_AND_MEAN
    _CRT_SECURE_NO_WARNINGS)
else()
  target_compile_options(da06_options INTERFACE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic>
    $<$<BOOL:${DA06_WERROR}>:-Werror>)
endif()
if(DA06_SANITIZE)
  target_compile_options(da06_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(da06_options INTERFACE -fsanitize=address,undefined)
endif()
