// Variable-length arrays and dynamic stack allocation: VLA sizes from arguments, 2D VLAs, VLAs in loops and recursion.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

__attribute__((noinline)) static int64_t vla_sum(int n) {
    int64_t v[n];
    for (int i = 0; i < n; i++) v[i] = (int64_t)i * i - 3 * i;
    int64_t s = 0;
    for (int i = n - 1; i >= 0; i--) s += v[i];
    return s;
}
__attribute__((noinline)) static int matrix_trace_vla(int n) {
    int m[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = (i + 1) * (j + 2) - n;
    int t = 0;
    for (int i = 0; i < n; i++) t += m[i][i] - m[i][n - 1 - i];
    return t;
}
__attribute__((noinline)) static int recursive_vla(int depth, int width) {
    if (depth == 0) return 0;
    char buf[width + 1];
    memset(buf, 'a' + depth % 26, (size_t)width);
    buf[width] = 0;
    int below = recursive_vla(depth - 1, width + 3);
    return (int)strlen(buf) + below + buf[width / 2];
}
__attribute__((noinline)) static double vla_avg(int n, const double src[n]) {
    double copy[n];
    memcpy(copy, src, sizeof copy);
    double s = 0;
    for (int i = 0; i < n; i++) s += copy[i];
    return s / n;
}
__attribute__((noinline)) static uint32_t alloca_mix(int n) {
    uint32_t *p = __builtin_alloca((size_t)n * sizeof(uint32_t));
    for (int i = 0; i < n; i++) p[i] = (uint32_t)i * 2654435761u;
    uint32_t x = 0;
    for (int i = 0; i < n; i++) x ^= p[i] >> (i % 16);
    return x;
}

int main(void) {
    for (int n = 1; n <= 200; n *= 3) printf("vla_sum(%d) = %lld trace %d\n", n, (long long)vla_sum(n), matrix_trace_vla(n % 40 + 1));
    printf("recursive %d\n", recursive_vla(20, 5));
    double d[] = {1.5, 2.5, 3.25, -0.25, 8.0};
    for (int n = 1; n <= 5; n++) printf("avg %d %.4f\n", n, vla_avg(n, d));
    for (int n = 1; n < 1000; n *= 4) printf("alloca %d %08x\n", n, alloca_mix(n));
    return 0;
}
