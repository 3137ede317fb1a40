#!/usr/bin/env bash
# Builds the OpenCV the package ships: opencv-python-headless from its PyPI source, same version as the
# environment's, with only what the app uses (core, imgproc, imgcodecs with JPEG for MJPEG cameras, videoio
# with V4L2 / DirectShow, objdetect for the Haar cascade, and what objdetect needs). No FFmpeg (videos are
# read by the app's ffmpeg program), no OpenBLAS/LAPACK, no IPP or OpenCL. About 20 MB instead of 150 MB.
#
#   packaging/opencv_minimal.sh            prints the wheel's path; builds it first when it is not cached
#
# The wheel is cached in build/opencv-minimal/ (a build takes 15-40 minutes on two shared cores, once per
# OpenCV version). Needs a C++ compiler and network access to PyPI (the sdist and its build requirements).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${VOICEBOOTH_PYTHON:-${VOICEBOOTH_VENV:-$PWD/.venv}/bin/python}"  # Windows workflow: VOICEBOOTH_PYTHON=python
VERSION=$("$PY" -c 'import importlib.metadata as m; print(m.version("opencv-python-headless"))')
CACHE="$PWD/build/opencv-minimal/$VERSION"
found=$(ls "$CACHE"/opencv_python_headless-*.whl 2>/dev/null | head -1 || true)
if [[ -n "$found" ]]; then echo "$found"; exit 0; fi
mkdir -p "$CACHE"
printf '\033[1m==> Building a minimal OpenCV %s (once; 15-40 minutes)\033[0m\n' "$VERSION" >&2
off=(FFMPEG GSTREAMER 1394 OPENCL IPP LAPACK EIGEN PROTOBUF QUIRC ITT TBB OPENMP VA VA_INTEL OBSENSOR PNG TIFF
     WEBP OPENJPEG JASPER OPENEXR AVIF SPNG ADE FLATBUFFERS VTK GDAL GDCM ONNX CUDA KLEIDICV CAROTENE ZLIB_NG
     MSMF)
args="-DBUILD_LIST=core,imgproc,imgcodecs,videoio,objdetect,python3 -DCPU_DISPATCH=SSE4_1;AVX2"
args+=" -DWITH_V4L=ON -DWITH_DSHOW=ON -DWITH_JPEG=ON -DBUILD_JPEG=ON -DBUILD_ZLIB=ON -DBUILD_OPENEXR=OFF"
args+=" -DBUILD_JAVA=OFF -DWITH_HAL_RVV=OFF -DWITH_NDSRVP=OFF"
for name in "${off[@]}"; do args+=" -DWITH_$name=OFF"; done
nice=(); command -v nice >/dev/null && nice=(nice -n 10)  # leave the machine usable meanwhile
ENABLE_HEADLESS=1 CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" CMAKE_ARGS="$args" \
  "${nice[@]}" "$PY" -m pip wheel --no-cache-dir --no-deps --no-binary opencv-python-headless -w "$CACHE" \
  "opencv-python-headless==$VERSION" >&2
ls "$CACHE"/opencv_python_headless-*.whl | head -1
