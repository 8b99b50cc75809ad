# One-line helpers so a module, a program or a test is one call (see docs/style.md).

function(kc_set_warnings)
  # -Wno-restrict: GCC 12 reports false positives on std::string concatenation at -O3
  # (GCC bug 105329), which -Werror would turn into a failed CI build.
  add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wno-restrict)
  if(KC_WERROR)
    add_compile_options(-Werror)
  endif()
  if(KC_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
  endif()
endfunction()

# kc_module(pharm SOURCES a.cpp b.cpp DEPS kc::core) -> library kc_pharm, alias kc::pharm.
# Headers are included as "pharm/x.h" from src/.
function(kc_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(kc_${name} STATIC ${ARG_SOURCES})
  add_library(kc::${name} ALIAS kc_${name})
  target_include_directories(kc_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(kc_${name} PUBLIC ${ARG_DEPS})
endfunction()

# kc_test(pharm_solver SOURCES solver_test.cpp DEPS kc::pharm) -> one ctest per GoogleTest case;
# PROPERTIES are set on each of them (e.g. ENVIRONMENT, FIXTURES_REQUIRED).
function(kc_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS;PROPERTIES" ${ARGN})
  add_executable(test_${name} ${ARG_SOURCES})
  target_link_libraries(test_${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(test_${name} PRIVATE
    KC_SOURCE_DIR="${PROJECT_SOURCE_DIR}" KC_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set(properties ${ARG_PROPERTIES})
  if(ARG_LABELS)
    list(APPEND properties LABELS "${ARG_LABELS}")
  endif()
  if(properties)
    gtest_discover_tests(test_${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${properties})
  else()
    gtest_discover_tests(test_${name} DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# kc_bench(pharm SOURCES pharm_bench.cpp DEPS kc::pharm) -> bench_pharm.
function(kc_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(bench_${name} ${ARG_SOURCES})
  target_link_libraries(bench_${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
  target_compile_definitions(bench_${name} PRIVATE KC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endfunction()
