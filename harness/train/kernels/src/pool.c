// Average pooling's gradient: every output pixel's gradient spread evenly over its window.

#include "common.h"

// dx[n][ih][iw][c] += dy[n][oh][ow][c] * scale for each window (oh, ow) that covers (ih, iw);
// `scale` is 1 / window area, as the tfjs cpu backend defines it.
EXPORT(avg_pool_backprop)
void avg_pool_backprop(const f32 *dy, f32 *dx, int N, int H, int W, int C, int OH, int OW, int KH, int KW, int SH, int SW,
                       int PT, int PL, f32 scale) {
  int total = N * H * W * C;
  for (int i = 0; i < total; i++) dx[i] = 0.0f;
  v128_t s = SPLAT(scale);
  for (int n = 0; n < N; n++) {
    for (int oh = 0; oh < OH; oh++) {
      for (int ow = 0; ow < OW; ow++) {
        const f32 *g = dy + ((n * OH + oh) * OW + ow) * C;
        for (int kh = 0; kh < KH; kh++) {
          int ih = oh * SH - PT + kh;
          if (ih < 0 || ih >= H) continue;
          for (int kw = 0; kw < KW; kw++) {
            int iw = ow * SW - PL + kw;
            if (iw < 0 || iw >= W) continue;
            f32 *out = dx + ((n * H + ih) * W + iw) * C;
            int c = 0;
            for (; c + 4 <= C; c += 4) STORE(out + c, MADD(LOAD(out + c), LOAD(g + c), s));
            for (; c < C; c++) out[c] += g[c] * scale;
          }
        }
      }
    }
  }
}

// Max pooling's gradient: each window's gradient goes to the first input (in row-major
// window order) that holds the window's maximum, as the tfjs cpu backend picks it. Computed
// for four channels at once with masks: the maximum first, then one pass that hands dy to the
// first tap equal to it.
EXPORT(max_pool_backprop)
void max_pool_backprop(const f32 *x, const f32 *dy, f32 *dx, int N, int H, int W, int C, int OH, int OW, int KH, int KW, int SH,
                       int SW, int PT, int PL) {
  int total = N * H * W * C;
  for (int i = 0; i < total; i++) dx[i] = 0.0f;
  for (int n = 0; n < N; n++) {
    for (int oh = 0; oh < OH; oh++) {
      int h0 = oh * SH - PT, h1 = h0 + KH;
      if (h0 < 0) h0 = 0;
      if (h1 > H) h1 = H;
      for (int ow = 0; ow < OW; ow++) {
        int w0 = ow * SW - PL, w1 = w0 + KW;
        if (w0 < 0) w0 = 0;
        if (w1 > W) w1 = W;
        const f32 *g = dy + ((n * OH + oh) * OW + ow) * C;
        for (int c = 0; c < C; c += 4) {
          int lanes = C - c < 4 ? C - c : 4;
          v128_t best = SPLAT(-__builtin_inff());
          for (int ih = h0; ih < h1; ih++)
            for (int iw = w0; iw < w1; iw++) best = wasm_f32x4_pmax(best, load_lanes(x + ((n * H + ih) * W + iw) * C + c, lanes));
          v128_t grad = load_lanes(g + c, lanes);
          v128_t taken = wasm_i32x4_splat(0);
          for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
              int at = ((n * H + ih) * W + iw) * C + c;
              v128_t hit = wasm_v128_andnot(wasm_f32x4_eq(load_lanes(x + at, lanes), best), taken);
              taken = wasm_v128_or(taken, hit);
              store_lanes(dx + at, wasm_f32x4_add(load_lanes(dx + at, lanes), wasm_v128_and(grad, hit)), lanes);
            }
          }
        }
      }
    }
  }
}
