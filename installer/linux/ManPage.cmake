# cmake -DPROGRAM=… -DTEMPLATE=….1.in -DOUTPUT=….1.gz -DVERSION=… -P ManPage.cmake
# A man page whose command list is the program's own --help text (so the two never drift), gzipped
# the way Debian wants (-9n: no name, no time stamp).
execute_process(COMMAND ${PROGRAM} --help OUTPUT_VARIABLE help ERROR_VARIABLE help_err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --help failed (${rc}): ${help_err}")
endif()
string(APPEND help "${help_err}")
# troff: backslashes first, then lines that would start a request.
string(REPLACE "\\" "\\e" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(REPLACE "-" "\\-" help "${help}")
string(STRIP "${help}" help)
string(TIMESTAMP DATE "%Y-%m-%d" UTC)   # honours SOURCE_DATE_EPOCH for reproducible pages
file(READ ${TEMPLATE} page)
string(REPLACE "@HELP@" "${help}" page "${page}")
string(REPLACE "@VERSION@" "${VERSION}" page "${page}")
string(REPLACE "@DATE@" "${DATE}" page "${page}")
get_filename_component(plain ${OUTPUT} NAME_WLE)
get_filename_component(dir ${OUTPUT} DIRECTORY)
file(WRITE ${dir}/${plain} "${page}")
execute_process(COMMAND gzip -9nf ${dir}/${plain} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip failed for ${dir}/${plain}")
endif()
