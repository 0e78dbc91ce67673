#!/usr/bin/env bash
# The one list of Debian 12 packages DA06 Desk needs to build, test and run.
# Installs only what is missing; runs apt-get as root or through sudo.
#   installer/deps.sh                  build + run + test packages
#   installer/deps.sh windows-slice    the mingw-w64 cross compiler and wine (installer/windows-slice.sh)
#   installer/deps.sh format           clang-format 19, for the layout check of CI (installer/check-format.sh)
#   installer/deps.sh fuzz             clang 19 with libFuzzer and the sanitizer runtimes (tests/fuzz/run.sh)
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  libwxgtk3.2-dev libsqlcipher-dev libcurl4-openssl-dev libpoco-dev libpcsclite-dev
  libzxing-dev libboost-test-dev libssl-dev libopenjp2-7-dev libeac-dev libutf8proc-dev
  libcairo2-dev libpango1.0-dev libxlsxwriter-dev libpq-dev gettext
  # image files for the QR reader (PNG, JPEG; BMP is decoded by the project)
  libpng-dev libjpeg62-turbo-dev
  # the keyboard-wedge emulator of the GUI tests (tests/gui/wedge): Xlib and XTEST
  libx11-dev libxtst-dev
  # cpack -G DEB: dpkg-shlibdeps (dpkg-dev, with build-essential) needs the file utility
  file dpkg-dev
)
RUN_PACKAGES=(
  pcscd vsmartcard-vpcd xvfb xauth fonts-dejavu-core fonts-liberation2 postgresql
  imagemagick qrencode zbar-tools poppler-utils procps x11-utils xdotool unzip
)

# The portable slice cross-compiled for Windows and run under wine (issue "Installers and the
# Windows build"); Boost's headers come from libboost-test-dev above.
WINDOWS_SLICE_PACKAGES=(
  cmake make g++-mingw-w64-x86-64-posix wine wine64 libboost-test-dev
)

# The layout check of CI (.clang-format decides; installer/check-format.sh).
FORMAT_PACKAGES=(clang-format-19 git)

# Coverage-guided fuzzing (tests/fuzz/run.sh): clang 19 (C++23 std::expected with libstdc++ 12),
# its libFuzzer/ASan/UBSan runtimes, and llvm-symbolizer for readable crash stacks.
FUZZ_PACKAGES=(clang-19 libclang-rt-19-dev llvm-19)

WANTED=("${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}")
case "${1:-}" in
  windows-slice) WANTED=("${WINDOWS_SLICE_PACKAGES[@]}") ;;
  format) WANTED=("${FORMAT_PACKAGES[@]}") ;;
  fuzz) WANTED=("${FUZZ_PACKAGES[@]}") ;;
esac

missing=()
for p in "${WANTED[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installer/deps.sh: installing ${#missing[@]} Debian package(s): ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "installer/deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
