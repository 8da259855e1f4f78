// Element-wise activations. tanh is computed from exp(-2|x|), which cannot overflow, with
// an odd Taylor polynomial near zero where 1 - e^(-2|x|) would lose digits.

#include "common.h"

// e^x for x <= 0 (enough for tanh): 2^k * e^r with |r| <= ln2/2 and a degree-6 Taylor
// polynomial for e^r, whose error is below r^7/7! ~ 1.2e-7 relative.
static inline v128_t exp_nonpositive(v128_t x) {
  x = wasm_f32x4_max(x, SPLAT(-87.0f));
  v128_t k = wasm_f32x4_nearest(wasm_f32x4_mul(x, SPLAT(1.44269504088896341f)));
  // ln 2 split in two so that k * ln2 is exact enough: r = x - k*ln2_hi - k*ln2_lo.
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(k, SPLAT(0.693145751953125f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(k, SPLAT(1.428606765330187045e-06f)));
  v128_t p = SPLAT(1.0f / 720.0f);
  p = MADD(SPLAT(1.0f / 120.0f), p, r);
  p = MADD(SPLAT(1.0f / 24.0f), p, r);
  p = MADD(SPLAT(1.0f / 6.0f), p, r);
  p = MADD(SPLAT(0.5f), p, r);
  p = MADD(SPLAT(1.0f), p, r);
  p = MADD(SPLAT(1.0f), p, r);
  // Multiply by 2^k by adding k to the exponent bits.
  v128_t ki = wasm_i32x4_trunc_sat_f32x4(k);
  return wasm_i32x4_add(p, wasm_i32x4_shl(ki, 23));
}

static inline v128_t tanh4(v128_t x) {
  v128_t sign = wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000));
  v128_t a = wasm_f32x4_abs(x);
  v128_t e = exp_nonpositive(wasm_f32x4_mul(a, SPLAT(-2.0f)));
  v128_t big = wasm_f32x4_div(wasm_f32x4_sub(SPLAT(1.0f), e), wasm_f32x4_add(SPLAT(1.0f), e));
  // |x| < 0.125: x - x^3/3 + 2x^5/15 - 17x^7/315, error below 62/2835 * 0.125^9 ~ 3e-10.
  v128_t a2 = wasm_f32x4_mul(a, a);
  v128_t q = SPLAT(-17.0f / 315.0f);
  q = MADD(SPLAT(2.0f / 15.0f), q, a2);
  q = MADD(SPLAT(-1.0f / 3.0f), q, a2);
  q = MADD(SPLAT(1.0f), q, a2);
  v128_t small = wasm_f32x4_mul(q, a);
  v128_t t = wasm_v128_bitselect(small, big, wasm_f32x4_lt(a, SPLAT(0.125f)));
  return wasm_v128_or(t, sign);
}

EXPORT(tanh_forward)
void tanh_forward(const f32 *x, f32 *y, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) STORE(y + i, tanh4(LOAD(x + i)));
  for (; i < n; i++) {
    // The tail through the vector path too, so every element gets the same rounding.
    v128_t v = tanh4(SPLAT(x[i]));
    y[i] = wasm_f32x4_extract_lane(v, 0);
  }
}

// NaN stays NaN: the bit tricks above keep a NaN input's payload through the division.

// out[c] = sum over r of x[r][c]: a bias's gradient, the sum over every axis but the last.
EXPORT(sum_rows)
void sum_rows(const f32 *x, f32 *out, int rows, int C) {
  for (int c = 0; c < C; c += 4) {
    int lanes = C - c < 4 ? C - c : 4;
    v128_t a0 = SPLAT(0.0f), a1 = SPLAT(0.0f);
    int r = 0;
    for (; r + 2 <= rows; r += 2) {
      a0 = wasm_f32x4_add(a0, load_lanes(x + r * C + c, lanes));
      a1 = wasm_f32x4_add(a1, load_lanes(x + (r + 1) * C + c, lanes));
    }
    if (r < rows) a0 = wasm_f32x4_add(a0, load_lanes(x + r * C + c, lanes));
    store_lanes(out + c, wasm_f32x4_add(a0, a1), lanes);
  }
}

// Activation gradients from the activation's output y (what a fused layer keeps):
// relu: dz = dy where y > 0, else 0; tanh: dz = dy * (1 - y^2).
EXPORT(relu_backprop)
void relu_backprop(const f32 *dy, const f32 *y, f32 *dz, int n) {
  v128_t zero = SPLAT(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) STORE(dz + i, wasm_v128_and(LOAD(dy + i), wasm_f32x4_gt(LOAD(y + i), zero)));
  for (; i < n; i++) dz[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}

EXPORT(tanh_backprop)
void tanh_backprop(const f32 *dy, const f32 *y, f32 *dz, int n) {
  v128_t one = SPLAT(1.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t t = LOAD(y + i);
    STORE(dz + i, wasm_f32x4_mul(LOAD(dy + i), wasm_f32x4_sub(one, wasm_f32x4_mul(t, t))));
  }
  for (; i < n; i++) dz[i] = dy[i] * (1.0f - y[i] * y[i]);
}
