#!/usr/bin/env bash
# Builds Voicebooth's packages on Linux. One command per job (outputs in build/packaging/ unless OUT is set):
#   ./packaging/build.sh frozen     PyInstaller one-folder build           -> OUT/dist/voicebooth/
#                                   with the minimal OpenCV of packaging/opencv_minimal.sh (built once and
#                                   cached in build/opencv-minimal/; VOICEBOOTH_OPENCV=stock uses the venv's)
#   ./packaging/build.sh deb        frozen + .deb (dpkg-deb, zstd)          -> OUT/voicebooth_VERSION_ARCH.deb
#   ./packaging/build.sh msi-smoke  frozen + smoke MSI with wixl (WiX 3 subset; see packaging/windows/README)
#   ./packaging/build.sh test       all of the above as a test: build, self-test the frozen build, install the
#                                   .deb into a scratch root and self-test it, remove it, smoke the MSI tables,
#                                   and run install/upgrade/uninstall of a small MSI under Wine's msiexec
#                                   (pytest packaging/tests -s; prints sizes and times; about 3 minutes)
# Tools it needs (dpkg-deb, zstd, wixl, msiinfo, desktop-file-validate, wine64) are installed here when missing,
# not by ./dev: the default CI run does not need them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="${OUT:-$ROOT/build/packaging}"
VENV="${VOICEBOOTH_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
[[ -x "$PY" ]] || { echo "No virtual environment at $VENV: run ./dev setup first" >&2; exit 1; }
export PATH="$VENV/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need_tools() {
  # command -> Debian package
  local -A pkg_for=([dpkg-deb]=dpkg [zstd]=zstd [wixl]=wixl [msiinfo]=msitools
                    [desktop-file-validate]=desktop-file-utils [/usr/lib/wine/wine64]=wine64)
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing+=("${pkg_for[$tool]}"); done
  ((${#missing[@]})) || return 0
  if ! command -v apt-get >/dev/null; then
    say "Please install: ${missing[*]}"; exit 1
  fi
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  say "Installing packaging tools: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

version() { "$PY" -c 'from recorder import __version__; print(__version__)'; }

frozen() {
  local opencv=""
  if [[ "${VOICEBOOTH_OPENCV:-minimal}" == minimal ]]; then
    local wheel; wheel=$(packaging/opencv_minimal.sh)
    opencv="$OUT/opencv-minimal"
    rm -rf "$opencv"
    "$PY" -m pip install -q --no-deps --target "$opencv" "$wheel"
  fi
  say "PyInstaller one-folder build -> $OUT/dist/voicebooth${opencv:+ (OpenCV: $wheel)}"
  local started=$SECONDS
  # The minimal OpenCV goes first on the path, ahead of the venv's stock wheel.
  PYTHONPATH="$opencv${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" packaging/voicebooth.spec
  say "Frozen build: $((SECONDS - started)) s, $(du -sh "$OUT/dist/voicebooth" | cut -f1)"
}

deb() {
  need_tools dpkg-deb zstd desktop-file-validate
  [[ -x "$OUT/dist/voicebooth/voicebooth" ]] || frozen
  say "Debian package"
  "$PY" packaging/linux/build_deb.py --app "$OUT/dist/voicebooth" --version "$(version)" --out "$OUT"
}

msi_smoke() {
  need_tools wixl msiinfo
  [[ -d "$OUT/dist/voicebooth" ]] || frozen
  say "Smoke MSI with wixl (checks the WiX source; the real MSI is built by WiX v5 on Windows)"
  "$PY" packaging/windows/wixl_smoke.py --app "$OUT/dist/voicebooth" --version "$(version)" --out "$OUT"
}

case "${1:-}" in
  frozen) frozen ;;
  deb) frozen; deb ;;
  msi-smoke) msi_smoke ;;
  test)
    need_tools dpkg-deb zstd wixl msiinfo desktop-file-validate /usr/lib/wine/wine64
    shift
    exec "$PY" -m pytest -p no:cacheprovider -s -v packaging/tests "$@"
    ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
