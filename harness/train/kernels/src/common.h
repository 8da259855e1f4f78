// Shared by the harness's wasm kernels: types, export marker and SIMD shorthands.
// 128-bit SIMD has no fused multiply-add in wasm's base SIMD, so MADD is a multiply and an add.
#pragma once
#include <wasm_simd128.h>

typedef float f32;

#define EXPORT(name) __attribute__((export_name(#name)))
#define LOAD(p) wasm_v128_load(p)
#define STORE(p, v) wasm_v128_store((p), (v))
#define SPLAT(s) wasm_f32x4_splat(s)
#define MADD(acc, a, b) wasm_f32x4_add((acc), wasm_f32x4_mul((a), (b)))
