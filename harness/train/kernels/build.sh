#!/usr/bin/env bash
# Builds kernels.wasm from src/*.c with Debian's clang, lld and llvm (apt-get install clang lld llvm).
# The result is committed, so users need no compiler; CI rebuilds it and checks the bytes match.
#
# --import-memory: the module works on the tfjs wasm backend's own memory. It must therefore
# own no memory itself: no data segments and no shadow stack, which the check below enforces.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/kernels.wasm}"
CLANG="${CLANG:-clang}"

"$CLANG" --target=wasm32 -O3 -msimd128 -nostdlib -ffreestanding -fno-builtin \
  -ffile-prefix-map="$here"=. \
  -Wall -Wextra -Werror \
  -Wl,--no-entry -Wl,--import-memory -Wl,--strip-all \
  -o "$out" "$here"/src/*.c

# No data segment and no use of the shadow-stack pointer: both would write into memory that
# belongs to tfjs.
if ! command -v llvm-objdump >/dev/null 2>&1; then
  echo "llvm-objdump not found (apt-get install llvm): cannot check that kernels.wasm owns no memory" >&2
  exit 1
fi
if llvm-objdump -h "$out" | grep -q ' DATA '; then echo "kernels.wasm has a data segment" >&2; exit 1; fi
if llvm-objdump -d "$out" | grep -q 'global.set'; then echo "kernels.wasm uses a stack pointer" >&2; exit 1; fi
echo "built $out ($(wc -c < "$out") bytes)"
