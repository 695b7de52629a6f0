# install(): headers, both libraries, the exported CMake package and a
# pkg-config file.
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/litestone
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/litestone/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/litestone)
set_target_properties(litestone_static PROPERTIES EXPORT_NAME litestone)
set_target_properties(litestone_shared PROPERTIES EXPORT_NAME litestone_shared)
install(TARGETS litestone_static litestone_shared EXPORT litestoneTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT litestoneTargets NAMESPACE litestone::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/litestone)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/litestoneConfig.cmake.in
  ${PROJECT_BINARY_DIR}/litestoneConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/litestone
  PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/litestoneConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/litestoneConfig.cmake
              ${PROJECT_BINARY_DIR}/litestoneConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/LitestoneGenerate.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/litestone)
configure_file(${PROJECT_SOURCE_DIR}/cmake/litestone.pc.in ${PROJECT_BINARY_DIR}/litestone.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/litestone.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
