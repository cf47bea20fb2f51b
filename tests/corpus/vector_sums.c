// Vectorisable loops: int/short/byte/int64 array sums, dot products, min/max reductions, prefix sums, element-wise ops.
#include <stdio.h>
#include <stdint.h>

#define N 1003
static int32_t a32[N], b32[N], c32[N];
static int16_t a16[N];
static uint8_t a8[N];
static int64_t a64[N];
static uint32_t u32[N];

__attribute__((noinline)) static int64_t sum32(const int32_t *a, int n) { int64_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
__attribute__((noinline)) static int32_t sum32_wrap(const int32_t *a, int n) { uint32_t s = 0; for (int i = 0; i < n; i++) s += (uint32_t)a[i]; return (int32_t)s; }
__attribute__((noinline)) static int32_t sum16(const int16_t *a, int n) { int32_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
__attribute__((noinline)) static uint32_t sum8(const uint8_t *a, int n) { uint32_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
__attribute__((noinline)) static int64_t sum64(const int64_t *a, int n) { int64_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
__attribute__((noinline)) static int64_t dot32(const int32_t *a, const int32_t *b, int n) { int64_t s = 0; for (int i = 0; i < n; i++) s += (int64_t)a[i] * b[i]; return s; }
__attribute__((noinline)) static int32_t max32(const int32_t *a, int n) { int32_t m = a[0]; for (int i = 1; i < n; i++) m = a[i] > m ? a[i] : m; return m; }
__attribute__((noinline)) static uint32_t min_u32(const uint32_t *a, int n) { uint32_t m = a[0]; for (int i = 1; i < n; i++) m = a[i] < m ? a[i] : m; return m; }
__attribute__((noinline)) static void add_arrays(int32_t *restrict c, const int32_t *restrict a, const int32_t *restrict b, int n) { for (int i = 0; i < n; i++) c[i] = a[i] + b[i] * 3 - (a[i] >> 2); }
__attribute__((noinline)) static void prefix(int32_t *a, int n) { for (int i = 1; i < n; i++) a[i] += a[i - 1]; }
__attribute__((noinline)) static uint32_t xor_all(const uint32_t *a, int n) { uint32_t x = 0; for (int i = 0; i < n; i++) x ^= a[i]; return x; }
__attribute__((noinline)) static int count_gt(const int32_t *a, int n, int32_t t) { int c = 0; for (int i = 0; i < n; i++) c += a[i] > t; return c; }
__attribute__((noinline)) static void abs_inplace(int32_t *a, int n) { for (int i = 0; i < n; i++) a[i] = a[i] < 0 ? -a[i] : a[i]; }

int main(void) {
    uint32_t s = 99;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        a32[i] = (int32_t)(s >> 8) - (1 << 23);
        b32[i] = (int32_t)(s % 2001) - 1000;
        a16[i] = (int16_t)((int32_t)(s >> 16) - 32768);
        a8[i] = (uint8_t)(s >> 24);
        a64[i] = (int64_t)s * (i % 2 ? -1 : 1) * 1000003;
        u32[i] = s ^ (s >> 13);
    }
    printf("sum32 %lld wrap %d\n", (long long)sum32(a32, N), sum32_wrap(a32, N));
    printf("sum16 %d sum8 %u sum64 %lld\n", sum16(a16, N), sum8(a8, N), (long long)sum64(a64, N));
    printf("dot %lld\n", (long long)dot32(a32, b32, N));
    printf("max %d minu %u xor %u gt %d\n", max32(a32, N), min_u32(u32, N), xor_all(u32, N), count_gt(b32, N, 250));
    for (int n = 0; n < 20; n++) printf("%lld ", (long long)sum32(b32, n));
    printf("\n");
    add_arrays(c32, a32, b32, N);
    printf("add %lld %d %d\n", (long long)sum32(c32, N), c32[0], c32[N - 1]);
    prefix(b32, N);
    printf("prefix %d %d %d\n", b32[10], b32[500], b32[N - 1]);
    abs_inplace(a32, N);
    printf("abs sum %lld max %d\n", (long long)sum32(a32, N), max32(a32, N));
    return 0;
}
