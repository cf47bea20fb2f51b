// Conditional selection likely compiled branchless (csel/cmov/czero-style): min/max/clamp/abs, conditional increments, sign handling.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int32_t imin(int32_t a, int32_t b) { return a < b ? a : b; }
__attribute__((noinline)) static uint64_t umax(uint64_t a, uint64_t b) { return a > b ? a : b; }
__attribute__((noinline)) static int32_t clampi(int32_t x, int32_t lo, int32_t hi) { return x < lo ? lo : x > hi ? hi : x; }
__attribute__((noinline)) static int64_t iabs64(int64_t x) { return x < 0 ? -x : x; }
__attribute__((noinline)) static int cond_inc(int x, int c) { return c ? x + 1 : x; }
__attribute__((noinline)) static int cond_neg(int x, int c) { return c ? -x : x; }
__attribute__((noinline)) static uint32_t select_mask(uint32_t a, uint32_t b, int c) { return c > 0 ? a : b; }
__attribute__((noinline)) static int count_in_range(const int *v, int n, int lo, int hi) { int c = 0; for (int i = 0; i < n; i++) c += (v[i] >= lo) & (v[i] <= hi); return c; }
__attribute__((noinline)) static int sgn(int x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }
__attribute__((noinline)) static int bool_ops(int a, int b) { return (a && b) * 8 + (a || b) * 4 + (!a) * 2 + (a == b); }
__attribute__((noinline)) static int32_t median3(int32_t a, int32_t b, int32_t c) {
    int32_t lo = imin(a, b), hi = a ^ b ^ lo;
    return c < lo ? lo : c > hi ? hi : c;
}
__attribute__((noinline)) static uint32_t ucmp_chain(uint32_t a, uint32_t b) { return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5; }
__attribute__((noinline)) static uint32_t scmp_chain(int64_t a, int64_t b) { return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5; }

int main(void) {
    int32_t xs[] = {-5, 0, 5, 2147483647, -2147483647 - 1, 100};
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++)
            printf("%d,%d: min %d clamp %d med %d ucmp %02x scmp %02x\n", xs[i], xs[j], imin(xs[i], xs[j]), clampi(xs[i], -10, xs[j] < -10 ? -10 : xs[j]),
                   median3(xs[i], xs[j], 7), ucmp_chain((uint32_t)xs[i], (uint32_t)xs[j]), scmp_chain(xs[i], xs[j]));
    printf("umax %llu %llu\n", (unsigned long long)umax(1, ~0ull), (unsigned long long)umax(5, 3));
    printf("abs %lld %lld %lld\n", (long long)iabs64(-7), (long long)iabs64(INT64_MAX), (long long)iabs64(0));
    printf("cond %d %d %d %d\n", cond_inc(5, 1), cond_inc(5, 0), cond_neg(9, 3), cond_neg(9, 0));
    printf("sel %08x %08x\n", select_mask(0xAAAAAAAAu, 0x55555555u, 1), select_mask(0xAAAAAAAAu, 0x55555555u, -1));
    int v[] = {-20, -10, -5, 0, 3, 7, 10, 15, 22, 8};
    printf("range %d %d\n", count_in_range(v, 10, -5, 10), count_in_range(v, 10, 100, 200));
    for (int a = -1; a <= 1; a++) for (int b = 0; b <= 2; b++) printf("sgn %d bool %d\n", sgn(a * 10 - b), bool_ops(a, b));
    return 0;
}
