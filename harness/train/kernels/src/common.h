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

// Loads and stores of the first `lanes` (1 to 4) floats of a vector, for channel tails.
static inline v128_t load_lanes(const f32 *p, int lanes) {
  switch (lanes) {
    case 1: return wasm_v128_load32_zero(p);
    case 2: return wasm_v128_load64_zero(p);
    case 3: return wasm_v128_load32_lane(p + 2, wasm_v128_load64_zero(p), 2);
    default: return LOAD(p);
  }
}
static inline void store_lanes(f32 *p, v128_t v, int lanes) {
  switch (lanes) {
    case 1: wasm_v128_store32_lane(p, v, 0); break;
    case 2: wasm_v128_store64_lane(p, v, 0); break;
    case 3: wasm_v128_store64_lane(p, v, 0); wasm_v128_store32_lane(p + 2, v, 2); break;
    default: STORE(p, v);
  }
}

// Convolution windows: the first output index o with o * stride - pad + k >= 0, and one past the last with < size.
static inline int first_valid(int pad, int k, int stride) {
  int num = pad - k;
  return num <= 0 ? 0 : (num + stride - 1) / stride;
}
static inline int end_valid(int size, int pad, int k, int stride, int out) {
  int num = size - 1 + pad - k;
  if (num < 0) return 0;
  int e = num / stride + 1;
  return e < out ? e : out;
}
