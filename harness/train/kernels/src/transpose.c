// out[b][c][r] = a[b][r][c]: the transposed operand of a matrix product. tfjs' own Transpose
// on wasm takes 1.7 ms for a 2048x128 dense layer's weights; this one, in 4x4 blocks of
// vectors, about a tenth of that.

#include "common.h"

EXPORT(transpose_last2)
void transpose_last2(const f32 *a, f32 *out, int batch, int rows, int cols) {
  for (int b = 0; b < batch; b++) {
    const f32 *src = a + b * rows * cols;
    f32 *dst = out + b * rows * cols;
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int c = 0;
      for (; c + 4 <= cols; c += 4) {
        v128_t r0 = LOAD(src + (r + 0) * cols + c), r1 = LOAD(src + (r + 1) * cols + c);
        v128_t r2 = LOAD(src + (r + 2) * cols + c), r3 = LOAD(src + (r + 3) * cols + c);
        // 4x4 transpose: interleave pairs of rows, then pairs of pairs.
        v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
        v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
        STORE(dst + (c + 0) * rows + r, wasm_i64x2_shuffle(t0, t2, 0, 2));
        STORE(dst + (c + 1) * rows + r, wasm_i64x2_shuffle(t0, t2, 1, 3));
        STORE(dst + (c + 2) * rows + r, wasm_i64x2_shuffle(t1, t3, 0, 2));
        STORE(dst + (c + 3) * rows + r, wasm_i64x2_shuffle(t1, t3, 1, 3));
      }
      for (; c < cols; c++)
        for (int i = 0; i < 4; i++) dst[c * rows + r + i] = src[(r + i) * cols + c];
    }
    for (; r < rows; r++)
      for (int c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
  }
}
