#!/usr/bin/env bash
# Configure and build with the given preset (default: dev). Shared by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET=${1:-dev}
cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET" -j "$(nproc)"
