// Gradients of a 2-D convolution (NHWC input, HWIO filter), for any kernel size, stride and
// padding. They work in place on the tfjs wasm backend's memory: pointers are its tensors'
// offsets. No static data and no stack arrays, so the module never touches memory it does
// not own.

#include "common.h"

// dw[kh][kw][ci][co] += sum over ow in [lo, hi) of x[iw(ow)][ci] * dy[ow][co], for four input
// channels at once: 4 x CO accumulators per column block, loaded once per output row.
static void filter_rows4(const f32 *xrow, const f32 *dyrow, f32 *dwk, int ci, int CI, int CO, int lo, int hi, int SW, int first_iw) {
  f32 *d0 = dwk + (ci + 0) * CO, *d1 = dwk + (ci + 1) * CO, *d2 = dwk + (ci + 2) * CO, *d3 = dwk + (ci + 3) * CO;
  int co = 0;
  for (; co + 8 <= CO; co += 8) {
    v128_t a0 = LOAD(d0 + co), a1 = LOAD(d1 + co), a2 = LOAD(d2 + co), a3 = LOAD(d3 + co);
    v128_t b0 = LOAD(d0 + co + 4), b1 = LOAD(d1 + co + 4), b2 = LOAD(d2 + co + 4), b3 = LOAD(d3 + co + 4);
    const f32 *xp = xrow + first_iw * CI + ci;
    for (int ow = lo; ow < hi; ow++, xp += SW * CI) {
      const f32 *g = dyrow + ow * CO + co;
      v128_t g0 = LOAD(g), g1 = LOAD(g + 4);
      v128_t x0 = SPLAT(xp[0]), x1 = SPLAT(xp[1]), x2 = SPLAT(xp[2]), x3 = SPLAT(xp[3]);
      a0 = MADD(a0, x0, g0); b0 = MADD(b0, x0, g1);
      a1 = MADD(a1, x1, g0); b1 = MADD(b1, x1, g1);
      a2 = MADD(a2, x2, g0); b2 = MADD(b2, x2, g1);
      a3 = MADD(a3, x3, g0); b3 = MADD(b3, x3, g1);
    }
    STORE(d0 + co, a0); STORE(d1 + co, a1); STORE(d2 + co, a2); STORE(d3 + co, a3);
    STORE(d0 + co + 4, b0); STORE(d1 + co + 4, b1); STORE(d2 + co + 4, b2); STORE(d3 + co + 4, b3);
  }
  for (; co + 4 <= CO; co += 4) {
    v128_t a0 = LOAD(d0 + co), a1 = LOAD(d1 + co), a2 = LOAD(d2 + co), a3 = LOAD(d3 + co);
    const f32 *xp = xrow + first_iw * CI + ci;
    for (int ow = lo; ow < hi; ow++, xp += SW * CI) {
      v128_t g0 = LOAD(dyrow + ow * CO + co);
      a0 = MADD(a0, SPLAT(xp[0]), g0); a1 = MADD(a1, SPLAT(xp[1]), g0);
      a2 = MADD(a2, SPLAT(xp[2]), g0); a3 = MADD(a3, SPLAT(xp[3]), g0);
    }
    STORE(d0 + co, a0); STORE(d1 + co, a1); STORE(d2 + co, a2); STORE(d3 + co, a3);
  }
  if (co < CO) {
    // The last 1 to 3 output channels, as a partial vector.
    int lanes = CO - co;
    v128_t a0 = load_lanes(d0 + co, lanes), a1 = load_lanes(d1 + co, lanes), a2 = load_lanes(d2 + co, lanes), a3 = load_lanes(d3 + co, lanes);
    const f32 *xp = xrow + first_iw * CI + ci;
    for (int ow = lo; ow < hi; ow++, xp += SW * CI) {
      v128_t g0 = load_lanes(dyrow + ow * CO + co, lanes);
      a0 = MADD(a0, SPLAT(xp[0]), g0); a1 = MADD(a1, SPLAT(xp[1]), g0);
      a2 = MADD(a2, SPLAT(xp[2]), g0); a3 = MADD(a3, SPLAT(xp[3]), g0);
    }
    store_lanes(d0 + co, a0, lanes); store_lanes(d1 + co, a1, lanes); store_lanes(d2 + co, a2, lanes); store_lanes(d3 + co, a3, lanes);
  }
}

// The same for a single input channel (the tail of CI, and CI = 1 as in MNIST's first layer).
static void filter_rows1(const f32 *xrow, const f32 *dyrow, f32 *dwk, int ci, int CI, int CO, int lo, int hi, int SW, int first_iw) {
  f32 *d = dwk + ci * CO;
  int co = 0;
  for (; co + 16 <= CO; co += 16) {
    v128_t a0 = LOAD(d + co), a1 = LOAD(d + co + 4), a2 = LOAD(d + co + 8), a3 = LOAD(d + co + 12);
    const f32 *xp = xrow + first_iw * CI + ci;
    for (int ow = lo; ow < hi; ow++, xp += SW * CI) {
      const f32 *g = dyrow + ow * CO + co;
      v128_t xv = SPLAT(xp[0]);
      a0 = MADD(a0, xv, LOAD(g)); a1 = MADD(a1, xv, LOAD(g + 4));
      a2 = MADD(a2, xv, LOAD(g + 8)); a3 = MADD(a3, xv, LOAD(g + 12));
    }
    STORE(d + co, a0); STORE(d + co + 4, a1); STORE(d + co + 8, a2); STORE(d + co + 12, a3);
  }
  for (; co + 4 <= CO; co += 4) {
    v128_t a = LOAD(d + co);
    const f32 *xp = xrow + first_iw * CI + ci;
    for (int ow = lo; ow < hi; ow++, xp += SW * CI) a = MADD(a, SPLAT(xp[0]), LOAD(dyrow + ow * CO + co));
    STORE(d + co, a);
  }
  if (co < CO) {
    int lanes = CO - co;
    v128_t a = load_lanes(d + co, lanes);
    const f32 *xp = xrow + first_iw * CI + ci;
    for (int ow = lo; ow < hi; ow++, xp += SW * CI) a = MADD(a, SPLAT(xp[0]), load_lanes(dyrow + ow * CO + co, lanes));
    store_lanes(d + co, a, lanes);
  }
}

// One input channel, stride 1, up to 8 output channels (MNIST's first layer): for each filter
// row, the KW taps' sums (two vectors of channels each) stay in registers over every pixel of
// the batch, instead of being loaded and stored per output row. KW and WIDE (more than 4
// output channels) are constants in each instance, so the tap arrays live in registers.
// Measured on LeNet-5's C1 (64 x 28x28, 5x5, 6 channels): 1.3 ms by the general loop, 0.75 here.
static inline __attribute__((always_inline)) void filter_ci1(const f32 *x, const f32 *dy, f32 *dw, int N, int H, int W, int OH, int OW,
                                                            int CO, int KH, const int KW, const int WIDE, int PT, int PL) {
  int lanes0 = CO < 4 ? CO : 4, lanes1 = CO - 4;
  // Output columns whose KW taps all fall inside the row: no bounds checks there.
  int inner_lo = PL, inner_hi = W - KW + PL + 1;
  if (inner_hi > OW) inner_hi = OW;
  if (inner_lo > inner_hi) inner_lo = inner_hi;
  for (int kh = 0; kh < KH; kh++) {
    v128_t lo[KW], hi[KW];
    for (int k = 0; k < KW; k++) lo[k] = hi[k] = SPLAT(0.0f);
    for (int n = 0; n < N; n++)
      for (int oh = 0; oh < OH; oh++) {
        int ih = oh - PT + kh;
        if (ih < 0 || ih >= H) continue;
        const f32 *xr = x + (n * H + ih) * W - PL;
        const f32 *g = dy + (n * OH + oh) * OW * CO;
        for (int ow = 0; ow < OW; ow++) {
          v128_t g0 = load_lanes(g + ow * CO, lanes0);
          v128_t g1 = WIDE ? load_lanes(g + ow * CO + 4, lanes1) : g0;
          if (ow >= inner_lo && ow < inner_hi) {
            for (int k = 0; k < KW; k++) {
              v128_t v = wasm_v128_load32_splat(xr + ow + k);
              lo[k] = MADD(lo[k], v, g0);
              if (WIDE) hi[k] = MADD(hi[k], v, g1);
            }
          } else {
            for (int k = 0; k < KW; k++) {
              int iw = ow - PL + k;
              if (iw < 0 || iw >= W) continue;
              v128_t v = wasm_v128_load32_splat(xr + ow + k);
              lo[k] = MADD(lo[k], v, g0);
              if (WIDE) hi[k] = MADD(hi[k], v, g1);
            }
          }
        }
      }
    for (int k = 0; k < KW; k++) {
      f32 *d = dw + (kh * KW + k) * CO;
      store_lanes(d, lo[k], lanes0);
      if (WIDE) store_lanes(d + 4, hi[k], lanes1);
    }
  }
}

// Whether filter_ci1 has an instance for this shape; it runs it if so.
static int filter_ci1_dispatch(const f32 *x, const f32 *dy, f32 *dw, int N, int H, int W, int CI, int OH, int OW, int CO, int KH, int KW,
                               int SH, int SW, int PT, int PL) {
  if (CI != 1 || SH != 1 || SW != 1 || CO > 8) return 0;
  int wide = CO > 4;
#define FILTER_CI1(k)                                                                  \
  if (KW == k) {                                                                       \
    if (wide) filter_ci1(x, dy, dw, N, H, W, OH, OW, CO, KH, k, 1, PT, PL);             \
    else filter_ci1(x, dy, dw, N, H, W, OH, OW, CO, KH, k, 0, PT, PL);                  \
    return 1;                                                                          \
  }
  FILTER_CI1(3)
  FILTER_CI1(5)
  FILTER_CI1(7)
#undef FILTER_CI1
  return 0;
}

// dw[KH][KW][CI][CO] = sum over n, oh, ow of x[n][oh*SH - PT + kh][ow*SW - PL + kw][ci] * dy[n][oh][ow][co].
// Tiled by output row, so that the x and dy rows a tile reads stay in cache.
EXPORT(conv2d_backprop_filter)
void conv2d_backprop_filter(const f32 *x, const f32 *dy, f32 *dw, int N, int H, int W, int CI, int OH, int OW, int CO,
                            int KH, int KW, int SH, int SW, int PT, int PL) {
  if (filter_ci1_dispatch(x, dy, dw, N, H, W, CI, OH, OW, CO, KH, KW, SH, SW, PT, PL)) return;
  int total = KH * KW * CI * CO;
  for (int i = 0; i < total; i++) dw[i] = 0.0f;
  for (int n = 0; n < N; n++) {
    for (int oh = 0; oh < OH; oh++) {
      const f32 *dyrow = dy + ((n * OH + oh) * OW) * CO;
      for (int kh = 0; kh < KH; kh++) {
        int ih = oh * SH - PT + kh;
        if (ih < 0 || ih >= H) continue;
        const f32 *xrow = x + ((n * H + ih) * W) * CI;
        for (int kw = 0; kw < KW; kw++) {
          int lo = first_valid(PL, kw, SW);
          int hi = end_valid(W, PL, kw, SW, OW);
          if (lo >= hi) continue;
          int first_iw = lo * SW - PL + kw;
          f32 *dwk = dw + (kh * KW + kw) * CI * CO;
          int ci = 0;
          for (; ci + 4 <= CI; ci += 4) filter_rows4(xrow, dyrow, dwk, ci, CI, CO, lo, hi, SW, first_iw);
          for (; ci < CI; ci++) filter_rows1(xrow, dyrow, dwk, ci, CI, CO, lo, hi, SW, first_iw);
        }
      }
    }
  }
}

// wt[KH][KW][CO][CI4] = w[KH][KW][CI][CO], with CI rounded up to CI4 (a multiple of 4) and
// the padding zeroed: the layout the input gradient reads four channels at a time.
EXPORT(transpose_filter)
void transpose_filter(const f32 *w, f32 *wt, int KHW, int CI, int CO, int CI4) {
  for (int k = 0; k < KHW; k++) {
    const f32 *src = w + k * CI * CO;
    f32 *dst = wt + k * CO * CI4;
    for (int co = 0; co < CO; co++) {
      for (int ci = 0; ci < CI; ci++) dst[co * CI4 + ci] = src[ci * CO + co];
      for (int ci = CI; ci < CI4; ci++) dst[co * CI4 + ci] = 0.0f;
    }
  }
}

// dx[pixel][0..CI) += sum over co of g[co] * wk[co][0..CI) for one dy pixel g and one tap wk
// (CI4 floats per row of wk, zero beyond CI).
static void scatter_pixel(const f32 *g, const f32 *wk, f32 *out, int CI, int CO, int CI4) {
  for (int ci = 0; ci < CI; ci += 8) {
    int rem = CI - ci;
    const f32 *wr = wk + ci;
    if (rem > 4) {
      int lanes = rem < 8 ? rem - 4 : 4;
      v128_t a0 = LOAD(out + ci), a1 = load_lanes(out + ci + 4, lanes);
      for (int co = 0; co < CO; co++, wr += CI4) {
        v128_t gv = SPLAT(g[co]);
        a0 = MADD(a0, gv, LOAD(wr));
        a1 = MADD(a1, gv, LOAD(wr + 4));
      }
      STORE(out + ci, a0);
      store_lanes(out + ci + 4, a1, lanes);
    } else {
      v128_t a = load_lanes(out + ci, rem);
      for (int co = 0; co < CO; co++, wr += CI4) a = MADD(a, SPLAT(g[co]), LOAD(wr));
      store_lanes(out + ci, a, rem);
    }
  }
}

// The same for four dy pixels side by side (stride 1, so four adjacent dx pixels) and at most
// 8 input channels (LeNet-5's C3 gradient, 6 channels): each row of wk is loaded once for all
// four, which halves the loads per multiplication. WIDE: more than 4 channels.
static inline __attribute__((always_inline)) void scatter_4_pixels(const f32 *g, const f32 *wk, f32 *out, int CI, int CO, int CI4,
                                                                  const int WIDE) {
  int l0 = CI < 4 ? CI : 4, l1 = CI - 4;
  f32 *o0 = out, *o1 = out + CI, *o2 = out + 2 * CI, *o3 = out + 3 * CI;
  const f32 *g0 = g, *g1 = g + CO, *g2 = g + 2 * CO, *g3 = g + 3 * CO;
  v128_t a0 = load_lanes(o0, l0), a1 = load_lanes(o1, l0), a2 = load_lanes(o2, l0), a3 = load_lanes(o3, l0);
  v128_t b0 = a0, b1 = a1, b2 = a2, b3 = a3;
  if (WIDE) {
    b0 = load_lanes(o0 + 4, l1); b1 = load_lanes(o1 + 4, l1); b2 = load_lanes(o2 + 4, l1); b3 = load_lanes(o3 + 4, l1);
  }
  const f32 *wr = wk;
  for (int co = 0; co < CO; co++, wr += CI4) {
    v128_t w0 = LOAD(wr), w1 = WIDE ? LOAD(wr + 4) : w0;
    v128_t s0 = SPLAT(g0[co]), s1 = SPLAT(g1[co]), s2 = SPLAT(g2[co]), s3 = SPLAT(g3[co]);
    a0 = MADD(a0, s0, w0); a1 = MADD(a1, s1, w0); a2 = MADD(a2, s2, w0); a3 = MADD(a3, s3, w0);
    if (WIDE) { b0 = MADD(b0, s0, w1); b1 = MADD(b1, s1, w1); b2 = MADD(b2, s2, w1); b3 = MADD(b3, s3, w1); }
  }
  store_lanes(o0, a0, l0); store_lanes(o1, a1, l0); store_lanes(o2, a2, l0); store_lanes(o3, a3, l0);
  if (WIDE) { store_lanes(o0 + 4, b0, l1); store_lanes(o1 + 4, b1, l1); store_lanes(o2 + 4, b2, l1); store_lanes(o3 + 4, b3, l1); }
}

// dx[n][ih][iw][ci] = sum over kh, kw, co of dy[n][oh][ow][co] * w[kh][kw][ci][co], where
// ih = oh*SH - PT + kh and iw likewise. Scatter form: each dy pixel adds W[kh][kw] . dy into
// the input pixels it came from, four channels at a time from the padded, transposed filter wt.
EXPORT(conv2d_backprop_input)
void conv2d_backprop_input(const f32 *dy, const f32 *wt, f32 *dx, int N, int H, int W, int CI, int OH, int OW, int CO,
                           int KH, int KW, int SH, int SW, int PT, int PL, int CI4) {
  int total = N * H * W * CI;
  for (int i = 0; i < total; i++) dx[i] = 0.0f;
  if (SW == 1 && CI <= 8) {
    // Four dy pixels of a row at a time wherever their four dx pixels are all inside the row.
    for (int n = 0; n < N; n++)
      for (int oh = 0; oh < OH; oh++)
        for (int ow = 0; ow < OW; ow += 4) {
          int count = OW - ow < 4 ? OW - ow : 4;
          const f32 *g = dy + ((n * OH + oh) * OW + ow) * CO;
          for (int kh = 0; kh < KH; kh++) {
            int ih = oh * SH - PT + kh;
            if (ih < 0 || ih >= H) continue;
            for (int kw = 0; kw < KW; kw++) {
              int iw = ow - PL + kw;
              const f32 *wk = wt + (kh * KW + kw) * CO * CI4;
              f32 *out = dx + ((n * H + ih) * W + iw) * CI;
              if (count == 4 && iw >= 0 && iw + 4 <= W) {
                if (CI > 4) scatter_4_pixels(g, wk, out, CI, CO, CI4, 1);
                else scatter_4_pixels(g, wk, out, CI, CO, CI4, 0);
                continue;
              }
              for (int p = 0; p < count; p++)
                if (iw + p >= 0 && iw + p < W) scatter_pixel(g + p * CO, wk, out + p * CI, CI, CO, CI4);
            }
          }
        }
    return;
  }
  for (int n = 0; n < N; n++) {
    for (int oh = 0; oh < OH; oh++) {
      for (int ow = 0; ow < OW; ow++) {
        const f32 *g = dy + ((n * OH + oh) * OW + ow) * CO;
        for (int kh = 0; kh < KH; kh++) {
          int ih = oh * SH - PT + kh;
          if (ih < 0 || ih >= H) continue;
          for (int kw = 0; kw < KW; kw++) {
            int iw = ow * SW - PL + kw;
            if (iw < 0 || iw >= W) continue;
            scatter_pixel(g, wt + (kh * KW + kw) * CO * CI4, dx + ((n * H + ih) * W + iw) * CI, CI, CO, CI4);
          }
        }
      }
    }
  }
}

// wf[kh][kw][co][ci] = w[KH-1-kh][KW-1-kw][ci][co]: the filter of the forward convolution
// that computes a stride-1 convolution's input gradient.
EXPORT(flip_transpose_filter)
void flip_transpose_filter(const f32 *w, f32 *wf, int KH, int KW, int CI, int CO) {
  for (int kh = 0; kh < KH; kh++)
    for (int kw = 0; kw < KW; kw++) {
      const f32 *src = w + ((KH - 1 - kh) * KW + (KW - 1 - kw)) * CI * CO;
      f32 *dst = wf + (kh * KW + kw) * CO * CI;
      for (int ci = 0; ci < CI; ci++)
        for (int co = 0; co < CO; co++) dst[co * CI + ci] = src[ci * CO + co];
    }
}
