# Compiler settings shared by every litestone target.

find_program(LITESTONE_CCACHE ccache)
if(LITESTONE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # The precompiled header needs these sloppiness settings to get cache hits.
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${LITESTONE_CCACHE})
endif()

add_library(litestone_flags INTERFACE)
# -fPIC everywhere (it comes after CMake's -fPIE for executables) so that the
# libraries and the executables can share one precompiled header.
# Symbols are hidden unless marked LITESTONE_EXPORT; every target (and the
# precompiled header) uses the same visibility flags, which clang requires.
target_compile_options(litestone_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -fPIC
                       -fvisibility=hidden -fvisibility-inlines-hidden)
if(LITESTONE_WERROR)
  target_compile_options(litestone_flags INTERFACE -Werror)
endif()
if(LITESTONE_SANITIZE)
  target_compile_options(litestone_flags INTERFACE -fsanitize=address,undefined
                         -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(litestone_flags INTERFACE -fsanitize=address,undefined)
endif()

# One precompiled header for the heavy third-party includes, reused by every
# target so that nlohmann/json is parsed once per build.
add_library(litestone_pch OBJECT ${CMAKE_CURRENT_LIST_DIR}/pch.cpp)
target_link_libraries(litestone_pch PRIVATE litestone_flags nlohmann_json::nlohmann_json)
target_precompile_headers(litestone_pch PRIVATE
  <nlohmann/json.hpp> <string> <vector> <map> <unordered_map> <memory>
  <optional> <functional> <stdexcept> <string_view> <mutex>)

function(litestone_use_pch target)
  target_precompile_headers(${target} REUSE_FROM litestone_pch)
endfunction()

# litestone_layer(<name> SOURCES ... DEPS ...) defines an OBJECT library for one
# layer of src/. A layer links only to the layers below it (STYLE 1.4).
#
# The layer rule is enforced by the include path: a layer does not see src/
# but a folder of its own, <build>/layers/<name>/, holding a link to its own
# folder and to the folders of the layers below it (transitively). So
# `#include "client/state.hpp"` in src/engine/ fails to compile. Layers above
# get the include folders of the layers they link, never of those above them.
function(litestone_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS;LIBS" ${ARGN})
  set(visible ${name})
  foreach(dep IN LISTS L_DEPS)
    get_property(below GLOBAL PROPERTY LITESTONE_VISIBLE_${dep})
    list(APPEND visible ${dep} ${below})
  endforeach()
  list(REMOVE_DUPLICATES visible)
  set_property(GLOBAL PROPERTY LITESTONE_VISIBLE_${name} ${visible})
  set(include_dir ${PROJECT_BINARY_DIR}/layers/${name})
  file(REMOVE_RECURSE ${include_dir})
  file(MAKE_DIRECTORY ${include_dir})
  foreach(layer IN LISTS visible)
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/${layer} ${include_dir}/${layer} SYMBOLIC)
  endforeach()
  if(NOT L_SOURCES)
    # A layer with no code yet still exists, so that layers above can link it.
    add_library(litestone_${name} INTERFACE)
    target_link_libraries(litestone_${name} INTERFACE litestone_flags ${L_LIBS})
    foreach(dep IN LISTS L_DEPS)
      target_link_libraries(litestone_${name} INTERFACE litestone_${dep})
    endforeach()
    return()
  endif()
  add_library(litestone_${name} OBJECT ${L_SOURCES})
  target_include_directories(litestone_${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
           $<BUILD_INTERFACE:${include_dir}>)
  target_link_libraries(litestone_${name} PUBLIC litestone_flags nlohmann_json::nlohmann_json
                        ${L_LIBS})
  foreach(dep IN LISTS L_DEPS)
    target_link_libraries(litestone_${name} PUBLIC litestone_${dep})
  endforeach()
  target_compile_definitions(litestone_${name} PRIVATE LITESTONE_BUILDING)
  litestone_use_pch(litestone_${name})
  set_property(GLOBAL APPEND PROPERTY LITESTONE_LAYERS litestone_${name})
endfunction()
