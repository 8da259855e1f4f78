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
