// Gradients of a depthwise 2-D convolution (NHWC input, filter [kh][kw][c][m], output channel
// c*M + m reads input channel c only), which tfjs' wasm backend lacks: DepthwiseConv2D and
// SeparableConv2D train with these. Any kernel size, stride and padding; dilation 1 (tfjs'
// gradient refuses others). With one filter per channel (M = 1, the usual case) a filter tap's
// and an input pixel's channels are contiguous and go four at a time; M > 1 goes lane by lane.
// No static data and no stack arrays, as in conv2d_grad.c.

#include "common.h"

// dw[kh][kw][c] += sum over ow in [lo, hi) of x[iw(ow)][c] * dy[ow][c]: M = 1, four channels at
// a time, each block's accumulator kept in a register over the row.
static void filter_row_m1(const f32 *xrow, const f32 *dyrow, f32 *dwk, int C, int lo, int hi, int SW, int first_iw) {
  int c = 0;
  for (; c + 4 <= C; c += 4) {
    v128_t acc = LOAD(dwk + c);
    const f32 *xp = xrow + first_iw * C + c;
    for (int ow = lo; ow < hi; ow++, xp += SW * C) acc = MADD(acc, LOAD(xp), LOAD(dyrow + ow * C + c));
    STORE(dwk + c, acc);
  }
  if (c < C) {
    int lanes = C - c;
    v128_t acc = load_lanes(dwk + c, lanes);
    const f32 *xp = xrow + first_iw * C + c;
    for (int ow = lo; ow < hi; ow++, xp += SW * C) acc = MADD(acc, load_lanes(xp, lanes), load_lanes(dyrow + ow * C + c, lanes));
    store_lanes(dwk + c, acc, lanes);
  }
}

EXPORT(depthwise_backprop_filter)
void depthwise_backprop_filter(const f32 *x, const f32 *dy, f32 *dw, int N, int H, int W, int C, int OH, int OW, int M, int KH, int KW, int SH, int SW, int PT, int PL) {
  const int CM = C * M;
  for (int i = 0; i < KH * KW * CM; i++) dw[i] = 0;
  for (int n = 0; n < N; n++) {
    for (int kh = 0; kh < KH; kh++) {
      const int oh_lo = first_valid(PT, kh, SH), oh_hi = end_valid(H, PT, kh, SH, OH);
      for (int oh = oh_lo; oh < oh_hi; oh++) {
        const f32 *xrow = x + ((n * H + oh * SH - PT + kh) * W) * C;
        const f32 *dyrow = dy + ((n * OH + oh) * OW) * CM;
        for (int kw = 0; kw < KW; kw++) {
          const int lo = first_valid(PL, kw, SW), hi = end_valid(W, PL, kw, SW, OW);
          if (lo >= hi) continue;
          f32 *dwk = dw + (kh * KW + kw) * CM;
          const int first_iw = lo * SW - PL + kw;
          if (M == 1) {
            filter_row_m1(xrow, dyrow, dwk, C, lo, hi, SW, first_iw);
            continue;
          }
          for (int ow = lo; ow < hi; ow++) {
            const f32 *xp = xrow + (ow * SW - PL + kw) * C;
            const f32 *g = dyrow + ow * CM;
            for (int c = 0; c < C; c++)
              for (int m = 0; m < M; m++) dwk[c * M + m] += xp[c] * g[c * M + m];
          }
        }
      }
    }
  }
}

// dx[ih][iw][c] += sum over m of dy[oh][ow][c*M + m] * w[kh][kw][c*M + m], scattered from each
// real dy pixel to the input pixels its window covers.
EXPORT(depthwise_backprop_input)
void depthwise_backprop_input(const f32 *dy, const f32 *w, f32 *dx, int N, int H, int W, int C, int OH, int OW, int M, int KH, int KW, int SH, int SW, int PT, int PL) {
  const int CM = C * M;
  for (int i = 0; i < N * H * W * C; i++) dx[i] = 0;
  for (int n = 0; n < N; n++) {
    for (int oh = 0; oh < OH; oh++) {
      for (int ow = 0; ow < OW; ow++) {
        const f32 *g = dy + ((n * OH + oh) * OW + ow) * CM;
        for (int kh = 0; kh < KH; kh++) {
          const int ih = oh * SH - PT + kh;
          if (ih < 0 || ih >= H) continue;
          for (int kw = 0; kw < KW; kw++) {
            const int iw = ow * SW - PL + kw;
            if (iw < 0 || iw >= W) continue;
            const f32 *wk = w + (kh * KW + kw) * CM;
            f32 *d = dx + ((n * H + ih) * W + iw) * C;
            if (M == 1) {
              int c = 0;
              for (; c + 4 <= C; c += 4) STORE(d + c, MADD(LOAD(d + c), LOAD(g + c), LOAD(wk + c)));
              if (c < C) store_lanes(d + c, MADD(load_lanes(d + c, C - c), load_lanes(g + c, C - c), load_lanes(wk + c, C - c)), C - c);
              continue;
            }
            for (int c = 0; c < C; c++) {
              f32 sum = 0;
              for (int m = 0; m < M; m++) sum += g[c * M + m] * wk[c * M + m];
              d[c] += sum;
            }
          }
        }
      }
    }
  }
}
