// 3x3 stride-1 convolutions by Winograd's minimal filtering, F(4x4, 3x3) (Lavin and Gray,
// "Fast Algorithms for Convolutional Neural Networks", 2016): each 4x4 block of output comes
// from a 6x6 patch of input in 36 multiplications per channel pair instead of 144. Without
// fused multiply-add, 128-bit SIMD cannot do a VGG-style training step's direct convolutions
// at half PyTorch's speed; a quarter of the multiplications can.
//
// With V = B^T d B (a 6x6 input patch d), U = G g G^T (a 3x3 filter g) and M = U . V summed
// over input channels, the output block is Y = A^T M A. The 36 sums are 36 matrix products
// [tiles x CI] x [CI x CO]. The filter gradient runs the same algebra backwards: with
// D = A dY A^T for a 4x4 block of output gradient, dU = sum over tiles of V . D and
// dg = G^T dU G. Every transform acts on four channels at once (NHWC keeps them adjacent).
//
// Tiles are processed in chunks (sized by the caller to a fixed amount of scratch, so from
// hundreds of tiles at 8 channels to a few at 512) so that the transformed patches stay in
// cache between the transform and the product. Channels are padded to multiples of 4 (CI4,
// CO4) in the transformed arrays, with zeros, so the products need no channel tails.

#include "common.h"

#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL(v, c) wasm_f32x4_mul((v), SPLAT(c))

// The 1-D transforms; o and i are arrays of vectors (registers once inlined and unrolled).

// B^T: rows [4 0 -5 0 1 0], [0 -4 -4 1 1 0], [0 4 -4 -1 1 0], [0 -2 -1 2 1 0], [0 2 -1 -2 1 0], [0 4 0 -5 0 1].
static inline void input_1d(const v128_t *d, v128_t *o) {
  v128_t d4_d2 = SUB(d[4], d[2]);
  v128_t d3_d1 = SUB(d[3], d[1]);
  o[0] = ADD(SUB(MUL(d[0], 4.0f), MUL(d[2], 5.0f)), d[4]);
  o[1] = SUB(ADD(d[3], d[4]), MUL(ADD(d[1], d[2]), 4.0f));
  o[2] = ADD(SUB(d[4], d[3]), MUL(SUB(d[1], d[2]), 4.0f));
  o[3] = ADD(d4_d2, MUL(d3_d1, 2.0f));
  o[4] = SUB(d4_d2, MUL(d3_d1, 2.0f));
  o[5] = ADD(SUB(MUL(d[1], 4.0f), MUL(d[3], 5.0f)), d[5]);
}

// A^T: rows [1 1 1 1 1 0], [0 1 -1 2 -2 0], [0 1 1 4 4 0], [0 1 -1 8 -8 1].
static inline void output_1d(const v128_t *m, v128_t *o) {
  v128_t s12 = ADD(m[1], m[2]), d12 = SUB(m[1], m[2]);
  v128_t s34 = ADD(m[3], m[4]), d34 = SUB(m[3], m[4]);
  o[0] = ADD(ADD(m[0], s12), s34);
  o[1] = ADD(d12, MUL(d34, 2.0f));
  o[2] = ADD(s12, MUL(s34, 4.0f));
  o[3] = ADD(ADD(d12, MUL(d34, 8.0f)), m[5]);
}

// A (the transpose of A^T): 4 values to 6.
static inline void output_grad_1d(const v128_t *y, v128_t *o) {
  v128_t e = ADD(y[0], y[2]), f = ADD(y[1], y[3]);
  v128_t g = ADD(y[0], MUL(y[2], 4.0f)), h = ADD(MUL(y[1], 2.0f), MUL(y[3], 8.0f));
  o[0] = y[0];
  o[1] = ADD(e, f);
  o[2] = SUB(e, f);
  o[3] = ADD(g, h);
  o[4] = SUB(g, h);
  o[5] = y[3];
}

// G: rows [1/4 0 0], [-1/6 -1/6 -1/6], [-1/6 1/6 -1/6], [1/24 1/12 1/6], [1/24 -1/12 1/6], [0 0 1].
static inline void filter_1d(const v128_t *g, v128_t *o) {
  v128_t s02 = ADD(g[0], g[2]);
  v128_t p = ADD(MUL(g[0], 1.0f / 24), MUL(g[2], 1.0f / 6)), q = MUL(g[1], 1.0f / 12);
  o[0] = MUL(g[0], 0.25f);
  o[1] = MUL(ADD(s02, g[1]), -1.0f / 6);
  o[2] = MUL(SUB(s02, g[1]), -1.0f / 6);
  o[3] = ADD(p, q);
  o[4] = SUB(p, q);
  o[5] = g[2];
}

// G^T: 6 values to 3.
static inline void filter_grad_1d(const v128_t *u, v128_t *o) {
  v128_t s12 = ADD(u[1], u[2]), s34 = ADD(u[3], u[4]);
  o[0] = ADD(SUB(MUL(u[0], 0.25f), MUL(s12, 1.0f / 6)), MUL(s34, 1.0f / 24));
  o[1] = ADD(MUL(SUB(u[2], u[1]), 1.0f / 6), MUL(SUB(u[3], u[4]), 1.0f / 12));
  o[2] = ADD(MUL(SUB(s34, s12), 1.0f / 6), u[5]);
}

// Tile t of a chunk is tile t0 + t of the whole: image n, tile row th, tile column tw.
typedef struct { int n, th, tw; } TilePos;
static inline TilePos tile_pos(int tile, int TH, int TW) {
  TilePos p;
  p.tw = tile % TW;
  p.th = (tile / TW) % TH;
  p.n = tile / (TW * TH);
  return p;
}

// V[36][Tc][C4] = B^T d B for each tile of the chunk, d the 6x6 patch of x (zero outside it)
// whose top-left corner is the tile's output origin shifted by the padding.
static void input_tiles(const f32 *x, f32 *V, int H, int W, int C, int C4, int PT, int PL, int TH, int TW, int t0, int Tc) {
  int plane = Tc * C4;
  for (int t = 0; t < Tc; t++) {
    TilePos p = tile_pos(t0 + t, TH, TW);
    int ih0 = p.th * 4 - PT, iw0 = p.tw * 4 - PL;
    const f32 *xn = x + p.n * H * W * C;
    int inside = ih0 >= 0 && iw0 >= 0 && ih0 + 6 <= H && iw0 + 6 <= W;
    for (int c = 0; c < C4; c += 4) {
      int lanes = C - c < 4 ? C - c : 4;
      v128_t d[36], cols[36];
      if (inside && lanes == 4) {
        for (int r = 0; r < 6; r++)
          for (int s = 0; s < 6; s++) d[r * 6 + s] = LOAD(xn + ((ih0 + r) * W + iw0 + s) * C + c);
      } else {
        for (int r = 0; r < 6; r++)
          for (int s = 0; s < 6; s++) {
            int ih = ih0 + r, iw = iw0 + s;
            d[r * 6 + s] = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? load_lanes(xn + (ih * W + iw) * C + c, lanes) : wasm_f32x4_splat(0.0f);
          }
      }
      // Down each column, then along each row.
      for (int s = 0; s < 6; s++) {
        v128_t col[6], out[6];
        for (int r = 0; r < 6; r++) col[r] = d[r * 6 + s];
        input_1d(col, out);
        for (int r = 0; r < 6; r++) cols[r * 6 + s] = out[r];
      }
      f32 *dst = V + t * C4 + c;
      for (int r = 0; r < 6; r++) {
        v128_t out[6];
        input_1d(cols + r * 6, out);
        for (int s = 0; s < 6; s++) STORE(dst + (r * 6 + s) * plane, out[s]);
      }
    }
  }
}

// y = A^T M A (+ bias, then relu if asked) for each tile of the chunk, clipped to OH x OW.
static void output_tiles(const f32 *M, const f32 *bias, f32 *y, int OH, int OW, int CO, int CO4, int TH, int TW, int t0, int Tc,
                         int has_bias, int relu) {
  int plane = Tc * CO4;
  v128_t zero = wasm_f32x4_splat(0.0f);
  for (int t = 0; t < Tc; t++) {
    TilePos p = tile_pos(t0 + t, TH, TW);
    int oh0 = p.th * 4, ow0 = p.tw * 4;
    f32 *yn = y + p.n * OH * OW * CO;
    for (int c = 0; c < CO4; c += 4) {
      int lanes = CO - c < 4 ? CO - c : 4;
      const f32 *src = M + t * CO4 + c;
      v128_t rows[24];
      for (int r = 0; r < 6; r++) {
        v128_t m[6];
        for (int s = 0; s < 6; s++) m[s] = LOAD(src + (r * 6 + s) * plane);
        output_1d(m, rows + r * 4);
      }
      v128_t b = has_bias ? load_lanes(bias + c, lanes) : zero;
      for (int j = 0; j < 4; j++) {
        v128_t col[6], out[4];
        for (int r = 0; r < 6; r++) col[r] = rows[r * 4 + j];
        output_1d(col, out);
        int ow = ow0 + j;
        if (ow >= OW) continue;
        for (int i = 0; i < 4; i++) {
          int oh = oh0 + i;
          if (oh >= OH) continue;
          v128_t v = ADD(out[i], b);
          if (relu) v = wasm_f32x4_max(v, zero);
          store_lanes(yn + (oh * OW + ow) * CO + c, v, lanes);
        }
      }
    }
  }
}

// D[36][Tc][CO4] = A dY A^T for each tile of the chunk, dY the tile's 4x4 block of output
// gradient (zero beyond OH x OW: those outputs do not exist).
static void output_grad_tiles(const f32 *dy, f32 *D, int OH, int OW, int CO, int CO4, int TH, int TW, int t0, int Tc) {
  int plane = Tc * CO4;
  for (int t = 0; t < Tc; t++) {
    TilePos p = tile_pos(t0 + t, TH, TW);
    int oh0 = p.th * 4, ow0 = p.tw * 4;
    const f32 *gn = dy + p.n * OH * OW * CO;
    for (int c = 0; c < CO4; c += 4) {
      int lanes = CO - c < 4 ? CO - c : 4;
      v128_t cols[24];
      for (int j = 0; j < 4; j++) {
        v128_t col[4];
        for (int i = 0; i < 4; i++) {
          int oh = oh0 + i, ow = ow0 + j;
          col[i] = (oh < OH && ow < OW) ? load_lanes(gn + (oh * OW + ow) * CO + c, lanes) : wasm_f32x4_splat(0.0f);
        }
        v128_t out[6];
        output_grad_1d(col, out);
        for (int r = 0; r < 6; r++) cols[r * 4 + j] = out[r];
      }
      f32 *dst = D + t * CO4 + c;
      for (int r = 0; r < 6; r++) {
        v128_t out[6];
        output_grad_1d(cols + r * 4, out);
        for (int s = 0; s < 6; s++) STORE(dst + (r * 6 + s) * plane, out[s]);
      }
    }
  }
}

// The products' micro-kernel: C[r][0..8) (or [0..4) when not WIDE) = (C[r] if accumulating,
// else 0) + sum over i < L of A(r, i) * B[i][0..8) for four rows r, where A(r, i) is
// a[r * ra + i * ia], B's rows are NC floats apart and C's rows ldc apart. Eight accumulators,
// two vectors of B and four splats of A per step.
static inline __attribute__((always_inline)) void block4(const f32 *a, int ra, int ia, const f32 *b, int NC, int L, f32 *c, int ldc,
                                                        int accumulate, const int WIDE) {
  f32 *c0 = c, *c1 = c + ldc, *c2 = c + 2 * ldc, *c3 = c + 3 * ldc;
  v128_t zero = SPLAT(0.0f);
  v128_t p0 = accumulate ? LOAD(c0) : zero, p1 = accumulate ? LOAD(c1) : zero;
  v128_t p2 = accumulate ? LOAD(c2) : zero, p3 = accumulate ? LOAD(c3) : zero;
  v128_t q0 = zero, q1 = zero, q2 = zero, q3 = zero;
  if (WIDE && accumulate) {
    q0 = LOAD(c0 + 4); q1 = LOAD(c1 + 4); q2 = LOAD(c2 + 4); q3 = LOAD(c3 + 4);
  }
  const f32 *ai = a, *bi = b;
  for (int i = 0; i < L; i++, ai += ia, bi += NC) {
    v128_t u = LOAD(bi);
    v128_t s0 = wasm_v128_load32_splat(ai), s1 = wasm_v128_load32_splat(ai + ra);
    v128_t s2 = wasm_v128_load32_splat(ai + 2 * ra), s3 = wasm_v128_load32_splat(ai + 3 * ra);
    p0 = MADD(p0, s0, u); p1 = MADD(p1, s1, u); p2 = MADD(p2, s2, u); p3 = MADD(p3, s3, u);
    if (WIDE) {
      v128_t v = LOAD(bi + 4);
      q0 = MADD(q0, s0, v); q1 = MADD(q1, s1, v); q2 = MADD(q2, s2, v); q3 = MADD(q3, s3, v);
    }
  }
  STORE(c0, p0); STORE(c1, p1); STORE(c2, p2); STORE(c3, p3);
  if (WIDE) {
    STORE(c0 + 4, q0); STORE(c1 + 4, q1); STORE(c2 + 4, q2); STORE(c3 + 4, q3);
  }
}

// C[T][NC] = A[T][K] B[K][NC] for each of the 36 planes; NC is a multiple of 4.
static void gemm_nn(const f32 *A, const f32 *B, f32 *C, int T, int K, int NC) {
  for (int x = 0; x < 36; x++) {
    const f32 *a = A + x * T * K, *b = B + x * K * NC;
    f32 *c = C + x * T * NC;
    int t = 0;
    for (; t + 4 <= T; t += 4) {
      int n = 0;
      for (; n + 8 <= NC; n += 8) block4(a + t * K, K, 1, b + n, NC, K, c + t * NC + n, NC, 0, 1);
      if (n < NC) block4(a + t * K, K, 1, b + n, NC, K, c + t * NC + n, NC, 0, 0);
    }
    // The last one to three rows, one at a time.
    for (; t < T; t++) {
      const f32 *ar = a + t * K;
      for (int n = 0; n < NC; n += 4) {
        v128_t p = SPLAT(0);
        for (int k = 0; k < K; k++) p = MADD(p, wasm_v128_load32_splat(ar + k), LOAD(b + k * NC + n));
        STORE(c + t * NC + n, p);
      }
    }
  }
}

// C[K][NC] += A[T][K]^T B[T][NC] for each of the 36 planes; K and NC are multiples of 4.
static void gemm_tn_acc(const f32 *A, const f32 *B, f32 *C, int T, int K, int NC) {
  for (int x = 0; x < 36; x++) {
    const f32 *a = A + x * T * K, *b = B + x * T * NC;
    f32 *c = C + x * K * NC;
    for (int k = 0; k < K; k += 4) {
      int n = 0;
      for (; n + 8 <= NC; n += 8) block4(a + k, 1, K, b + n, NC, T, c + k * NC + n, NC, 1, 1);
      if (n < NC) block4(a + k, 1, K, b + n, NC, T, c + k * NC + n, NC, 1, 0);
    }
  }
}

// U[36][CI4][CO4] = G g G^T for each (ci, co) of an HWIO 3x3 filter w; padding zeroed.
EXPORT(winograd_filter)
void winograd_filter(const f32 *w, f32 *U, int CI, int CO, int CI4, int CO4) {
  int plane = CI4 * CO4;
  for (int i = 0; i < 36 * plane; i++) U[i] = 0.0f;
  for (int ci = 0; ci < CI; ci++)
    for (int co = 0; co < CO; co += 4) {
      int lanes = CO - co < 4 ? CO - co : 4;
      v128_t cols[18];
      for (int kw = 0; kw < 3; kw++) {
        v128_t g[3], out[6];
        for (int kh = 0; kh < 3; kh++) g[kh] = load_lanes(w + ((kh * 3 + kw) * CI + ci) * CO + co, lanes);
        filter_1d(g, out);
        for (int r = 0; r < 6; r++) cols[r * 3 + kw] = out[r];
      }
      f32 *dst = U + ci * CO4 + co;
      for (int r = 0; r < 6; r++) {
        v128_t out[6];
        filter_1d(cols + r * 3, out);
        for (int s = 0; s < 6; s++) store_lanes(dst + (r * 6 + s) * plane, out[s], lanes);
      }
    }
}

// dw[3][3][CI][CO] = G^T dU G.
static void filter_grad(const f32 *dU, f32 *dw, int CI, int CO, int CI4, int CO4) {
  int plane = CI4 * CO4;
  for (int ci = 0; ci < CI; ci++)
    for (int co = 0; co < CO; co += 4) {
      int lanes = CO - co < 4 ? CO - co : 4;
      const f32 *src = dU + ci * CO4 + co;
      v128_t rows[18];
      for (int r = 0; r < 6; r++) {
        v128_t u[6];
        for (int s = 0; s < 6; s++) u[s] = LOAD(src + (r * 6 + s) * plane);
        filter_grad_1d(u, rows + r * 3);
      }
      for (int kw = 0; kw < 3; kw++) {
        v128_t col[6], out[3];
        for (int r = 0; r < 6; r++) col[r] = rows[r * 3 + kw];
        filter_grad_1d(col, out);
        for (int kh = 0; kh < 3; kh++) store_lanes(dw + ((kh * 3 + kw) * CI + ci) * CO + co, out[kh], lanes);
      }
    }
}

// y[n][oh][ow][co] = sum over kh, kw, ci of x[n][oh - PT + kh][ow - PL + kw][ci] * g[kh][kw][ci][co]
// (+ bias[co], then relu if asked), with U = winograd_filter(g). V and M are scratch for
// `chunk` tiles: 36 * chunk * CI4 and 36 * chunk * CO4 floats.
EXPORT(winograd_conv)
void winograd_conv(const f32 *x, const f32 *U, const f32 *bias, f32 *y, f32 *V, f32 *M, int N, int H, int W, int CI, int OH, int OW,
                   int CO, int PT, int PL, int CI4, int CO4, int chunk, int has_bias, int relu) {
  int TH = (OH + 3) / 4, TW = (OW + 3) / 4, T = N * TH * TW;
  for (int t0 = 0; t0 < T; t0 += chunk) {
    int Tc = T - t0 < chunk ? T - t0 : chunk;
    input_tiles(x, V, H, W, CI, CI4, PT, PL, TH, TW, t0, Tc);
    gemm_nn(V, U, M, Tc, CI4, CO4);
    output_tiles(M, bias, y, OH, OW, CO, CO4, TH, TW, t0, Tc, has_bias, relu);
  }
}

// dw[kh][kw][ci][co] = sum over n, oh, ow of x[n][oh - PT + kh][ow - PL + kw][ci] * dy[n][oh][ow][co].
// dU (36 * CI4 * CO4 floats), V and D (as in winograd_conv) are scratch.
EXPORT(winograd_backprop_filter)
void winograd_backprop_filter(const f32 *x, const f32 *dy, f32 *dw, f32 *dU, f32 *V, f32 *D, int N, int H, int W, int CI, int OH,
                              int OW, int CO, int PT, int PL, int CI4, int CO4, int chunk) {
  int TH = (OH + 3) / 4, TW = (OW + 3) / 4, T = N * TH * TW;
  for (int i = 0; i < 36 * CI4 * CO4; i++) dU[i] = 0.0f;
  for (int t0 = 0; t0 < T; t0 += chunk) {
    int Tc = T - t0 < chunk ? T - t0 : chunk;
    input_tiles(x, V, H, W, CI, CI4, PT, PL, TH, TW, t0, Tc);
    output_grad_tiles(dy, D, OH, OW, CO, CO4, TH, TW, t0, Tc);
    gemm_tn_acc(V, D, dU, Tc, CI4, CO4);
  }
  filter_grad(dU, dw, CI, CO, CI4, CO4);
}
