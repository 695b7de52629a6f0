# litestone_generate(TARGET tgt SCHEMA file.lite [HEADER name.hpp]
#                    [NAMESPACE ns] [ONLY model...])
# Runs `litestone types` at build time into
# ${CMAKE_CURRENT_BINARY_DIR}/litestone_generated/<tgt>/<HEADER> (default
# <schema name>_models.hpp), adds that folder to tgt's include path and
# regenerates when the schema or any file it imports changes (the CLI writes
# a depfile listing every file it read). Installed with the package; the CLI
# is found as LITESTONE_EXECUTABLE (set by litestoneConfig.cmake), or the
# in-tree litestone_cli target.
function(litestone_generate)
  cmake_parse_arguments(G "" "TARGET;SCHEMA;HEADER;NAMESPACE" "ONLY" ${ARGN})
  if(NOT G_TARGET OR NOT G_SCHEMA)
    message(FATAL_ERROR "litestone_generate: TARGET and SCHEMA are required")
  endif()
  if(NOT TARGET ${G_TARGET})
    message(FATAL_ERROR "litestone_generate: ${G_TARGET} is not a target")
  endif()
  if(TARGET litestone_cli)
    set(exe $<TARGET_FILE:litestone_cli>)
    set(exe_dep litestone_cli)
  elseif(LITESTONE_EXECUTABLE)
    set(exe ${LITESTONE_EXECUTABLE})
    set(exe_dep ${LITESTONE_EXECUTABLE})
  else()
    message(FATAL_ERROR "litestone_generate: the litestone CLI was not found (set LITESTONE_EXECUTABLE)")
  endif()
  get_filename_component(schema "${G_SCHEMA}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT G_HEADER)
    get_filename_component(base "${schema}" NAME_WE)
    set(G_HEADER "${base}_models.hpp")
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/litestone_generated/${G_TARGET}")
  set(header "${dir}/${G_HEADER}")
  set(args --schema ${schema} types ${header} --depfile ${header}.d)
  if(G_NAMESPACE)
    list(APPEND args --namespace ${G_NAMESPACE})
  endif()
  if(G_ONLY)
    list(JOIN G_ONLY "," only)
    list(APPEND args --only=${only})
  endif()
  add_custom_command(OUTPUT ${header}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${exe} ${args}
    DEPENDS ${schema} ${exe_dep}
    DEPFILE ${header}.d
    COMMENT "litestone types ${G_SCHEMA} -> ${G_HEADER}"
    VERBATIM)
  target_sources(${G_TARGET} PRIVATE ${header})
  target_include_directories(${G_TARGET} PRIVATE ${dir})
endfunction()
