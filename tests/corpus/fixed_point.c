// Q16.16 fixed-point arithmetic with negative values: mul/div via 64-bit intermediates, rounding, sqrt by bisection, sin by Taylor series.
#include <stdio.h>
#include <stdint.h>

typedef int32_t fix;
#define ONE (1 << 16)

__attribute__((noinline)) static fix fx_from_int(int v) { return (fix)((uint32_t)v << 16); }
__attribute__((noinline)) static fix fx_mul(fix a, fix b) { return (fix)(((int64_t)a * b) >> 16); }
__attribute__((noinline)) static fix fx_div(fix a, fix b) { return (fix)(((int64_t)a * ONE) / b); }
__attribute__((noinline)) static fix fx_round_mul(fix a, fix b) { int64_t p = (int64_t)a * b; return (fix)((p + (1 << 15)) >> 16); }
__attribute__((noinline)) static int fx_to_int_floor(fix a) { return a >> 16; }
__attribute__((noinline)) static int fx_to_int_trunc(fix a) { return a / ONE; }
__attribute__((noinline)) static fix fx_sqrt(fix a) {
    if (a <= 0) return 0;
    int64_t lo = 0, hi = a > ONE ? a : ONE;
    while (hi - lo > 1) { int64_t mid = (lo + hi) / 2; if (mid * mid / ONE <= a) lo = mid; else hi = mid; }
    return (fix)lo;
}
__attribute__((noinline)) static fix fx_sin(fix x) {
    /* Taylor series, x in [-pi, pi] */
    fix term = x, sum = x, x2 = fx_mul(x, x);
    for (int n = 1; n < 8; n++) { term = fx_div(fx_mul(-term, x2), fx_from_int((2 * n) * (2 * n + 1))); sum += term; }
    return sum;
}
static void pr(const char *tag, fix v) {
    int64_t scaled = (int64_t)v * 100000 / ONE; /* truncated 5 decimals */
    printf("%s raw %d ~ %s%lld.%05lld\n", tag, v, scaled < 0 ? "-" : "", (long long)((scaled < 0 ? -scaled : scaled) / 100000), (long long)((scaled < 0 ? -scaled : scaled) % 100000));
}

int main(void) {
    fix a = fx_from_int(3) + ONE / 4;    /* 3.25 */
    fix b = -fx_from_int(2) - ONE / 8;   /* -2.125 */
    pr("a", a); pr("b", b);
    pr("a+b", a + b); pr("a-b", a - b);
    pr("a*b", fx_mul(a, b)); pr("a*b round", fx_round_mul(a, b));
    pr("a/b", fx_div(a, b)); pr("b/a", fx_div(b, a));
    printf("floor %d %d trunc %d %d\n", fx_to_int_floor(a), fx_to_int_floor(b), fx_to_int_trunc(a), fx_to_int_trunc(b));
    for (int i = 0; i <= 100; i += 25) { char t[32]; snprintf(t, sizeof t, "sqrt %d", i); pr(t, fx_sqrt(fx_from_int(i))); }
    pr("sqrt 0.5", fx_sqrt(ONE / 2));
    fix pi = 205887; /* pi * 65536 */
    for (int k = -4; k <= 4; k++) { char t[32]; snprintf(t, sizeof t, "sin %d/4pi", k); pr(t, fx_sin(k * (pi / 4))); }
    fix acc = ONE;
    for (int i = 0; i < 20; i++) acc = fx_mul(acc, ONE + ONE / 10);
    pr("1.1^20", acc);
    return 0;
}
