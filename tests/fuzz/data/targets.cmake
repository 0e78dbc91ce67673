# The fuzz targets of the data parsers (issue 18): plan and units files, the welfare lists, the JSON
# codec, the sync protocol's messages and the hub. Included by tests/fuzz/CMakeLists.txt, after
# da06_fuzz_target() is defined (see there for the two builds); sources, seed corpora
# (tests/fuzz/corpus/<name>/) and dictionaries (tests/fuzz/dict/<name>.dict) follow its conventions.
# The welfare and hub targets make an encrypted database once per process on /dev/shm.

# The JSON codec (domain/core/Json): parse, and writing then reading back keeps the value.
da06_fuzz_target(json SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzJson.cpp LIBS da06::core MAX_LEN 4096)
# A plan file (assets/plans/FORMAT.md), loaded as `da06 plan import` does, and its JSON forms.
da06_fuzz_target(plan_json SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzPlanJson.cpp LIBS da06::domain MAX_LEN 16384)
# Units files (assets/units/FORMAT.md) in JSON and in CSV.
da06_fuzz_target(units_json SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzUnitsJson.cpp LIBS da06::work MAX_LEN 8192)
da06_fuzz_target(units_csv SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzUnitsCsv.cpp LIBS da06::work MAX_LEN 4096)
# A welfare beneficiary list imported from CSV (WelfareService::importList on a real store).
da06_fuzz_target(welfare_csv SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzWelfareCsv.cpp
  LIBS da06::desk da06::schema da06::domain MAX_LEN 4096)
# Every sync protocol message a desk or a hub decodes, and its encode/decode round trip.
da06_fuzz_target(sync_messages SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzSyncMessages.cpp
  LIBS da06::sync_protocol MAX_LEN 8192)
# The hub's handling of a request (HubService::handle: headers, authentication, query, bodies).
da06_fuzz_target(hub_request SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzHubRequest.cpp
  LIBS da06::hub_core da06::sync_auth MAX_LEN 8192)
# The hub store applying a decoded push of an enrolled device (HubStore::push, the merge).
da06_fuzz_target(hub_push SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/data/FuzzHubPush.cpp
  LIBS da06::hub_core da06::sync_auth MAX_LEN 8192)
