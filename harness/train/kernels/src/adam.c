// One Adam step for one variable, as tf.train.adam computes it:
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
//   w = w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
// The caller passes the bias corrections c1 = 1 / (1 - b1^t) and c2 = 1 / (1 - b2^t).

#include "common.h"

EXPORT(adam_step)
void adam_step(const f32 *w, const f32 *g, const f32 *m, const f32 *v, f32 *w_out, f32 *m_out, f32 *v_out, int n, f32 lr,
               f32 b1, f32 b2, f32 eps, f32 c1, f32 c2) {
  v128_t vb1 = SPLAT(b1), vb2 = SPLAT(b2), nb1 = SPLAT(1.0f - b1), nb2 = SPLAT(1.0f - b2);
  v128_t vlr = SPLAT(lr), veps = SPLAT(eps), vc1 = SPLAT(c1), vc2 = SPLAT(c2);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t gi = LOAD(g + i);
    v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(vb1, LOAD(m + i)), wasm_f32x4_mul(nb1, gi));
    v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(vb2, LOAD(v + i)), wasm_f32x4_mul(nb2, wasm_f32x4_mul(gi, gi)));
    v128_t denom = wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_mul(vi, vc2)), veps);
    v128_t step = wasm_f32x4_div(wasm_f32x4_mul(vlr, wasm_f32x4_mul(mi, vc1)), denom);
    STORE(w_out + i, wasm_f32x4_sub(LOAD(w + i), step));
    STORE(m_out + i, mi);
    STORE(v_out + i, vi);
  }
  for (; i < n; i++) {
    f32 gi = g[i];
    f32 mi = b1 * m[i] + (1.0f - b1) * gi;
    f32 vi = b2 * v[i] + (1.0f - b2) * gi * gi;
    f32 denom = __builtin_sqrtf(vi * c2) + eps;
    w_out[i] = w[i] - lr * (mi * c1) / denom;
    m_out[i] = mi;
    v_out[i] = vi;
  }
}
