// Arrays: 1D/2D/3D indexing, matrix multiply and transpose, row/column sums, arrays passed as pointers to rows.
#include <stdio.h>
#include <stdint.h>

#define N 6
static int32_t ga[N][N];
static int64_t gprod[N][N];

__attribute__((noinline)) static void fill(int32_t m[N][N], int seed) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) m[i][j] = ((i * 7 + j * 3 + seed) % 19) - 9;
}
__attribute__((noinline)) static void matmul(int32_t a[N][N], int32_t b[N][N], int64_t c[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int64_t s = 0;
            for (int k = 0; k < N; k++) s += (int64_t)a[i][k] * b[k][j];
            c[i][j] = s;
        }
}
__attribute__((noinline)) static void transpose(int32_t m[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++) { int32_t t = m[i][j]; m[i][j] = m[j][i]; m[j][i] = t; }
}
__attribute__((noinline)) static int64_t trace(int64_t (*m)[N]) { int64_t t = 0; for (int i = 0; i < N; i++) t += m[i][i]; return t; }
__attribute__((noinline)) static int col_sum(int rows, int cols, const int16_t m[rows][cols], int c) {
    int s = 0; for (int r = 0; r < rows; r++) s += m[r][c]; return s;
}
__attribute__((noinline)) static int cube_sum(uint8_t c[3][4][5]) {
    int s = 0;
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 5; k++) s += c[i][j][k] * (i + 1) - j * k;
    return s;
}

int main(void) {
    int32_t b[N][N];
    fill(ga, 1); fill(b, 5);
    matmul(ga, b, gprod);
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) printf("%5lld", (long long)gprod[i][j]);
        printf("\n");
    }
    printf("trace %lld\n", (long long)trace(gprod));
    transpose(ga);
    for (int i = 0; i < N; i++) printf("row %d: %d %d %d\n", i, ga[i][0], ga[i][N / 2], ga[i][N - 1]);
    int16_t m[4][7];
    for (int r = 0; r < 4; r++) for (int c = 0; c < 7; c++) m[r][c] = (int16_t)((r - 2) * (c + 1) * 100);
    for (int c = 0; c < 7; c++) printf("col %d sum %d\n", c, col_sum(4, 7, m, c));
    uint8_t cube[3][4][5];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) for (int k = 0; k < 5; k++) cube[i][j][k] = (uint8_t)(i * 100 + j * 10 + k);
    printf("cube %d\n", cube_sum(cube));
    static const char names[4][8] = {"zero", "one", "two", "three"};
    for (int i = 3; i >= 0; i--) printf("%s%c", names[i], i ? ',' : '\n');
    int tri[5][5] = {{1}};
    for (int i = 1; i < 5; i++) { tri[i][0] = 1; for (int j = 1; j <= i; j++) tri[i][j] = tri[i - 1][j - 1] + tri[i - 1][j]; }
    for (int i = 0; i < 5; i++) { for (int j = 0; j <= i; j++) printf("%d ", tri[i][j]); printf("\n"); }
    return 0;
}
