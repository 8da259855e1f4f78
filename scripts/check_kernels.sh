#!/usr/bin/env bash
# Rebuilds kernels.wasm from its C source and checks that the committed file is that build,
# byte for byte: what users run is what the source says.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="$(mktemp -d)/kernels.wasm"
bash harness/train/kernels/build.sh "$fresh"
if ! cmp -s "$fresh" harness/train/kernels/kernels.wasm; then
  echo "harness/train/kernels/kernels.wasm differs from a rebuild of src/: run harness/train/kernels/build.sh and commit the result" >&2
  exit 1
fi
echo "kernels.wasm matches its source"
