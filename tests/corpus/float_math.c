// Exact floating-point math: sqrt, fabs, floor, ceil, trunc, fmin, fmax, fma on float and double; comparisons and NaN tests.
#include <stdio.h>
#include <math.h>

__attribute__((noinline)) static double hyp_exact(double a, double b) { return sqrt(a * a + b * b); }
__attribute__((noinline)) static float sqrtf_n(float x) { return sqrtf(x); }
__attribute__((noinline)) static double my_fma(double a, double b, double c) { return fma(a, b, c); }
__attribute__((noinline)) static float my_fmaf(float a, float b, float c) { return fmaf(a, b, c); }
__attribute__((noinline)) static double clamp(double x, double lo, double hi) { return fmin(fmax(x, lo), hi); }
__attribute__((noinline)) static int classify(double x) { return isnan(x) ? 0 : isinf(x) ? (x > 0 ? 1 : -1) : 2; }
__attribute__((noinline)) static double newton_sqrt(double x) {
    double g = x > 1 ? x / 2 : 1.0;
    for (int i = 0; i < 60; i++) g = (g + x / g) / 2;
    return g;
}

int main(void) {
    double vals[] = {0.0, 0.25, 2.0, 3.0, 10.0, 1e10, 1e-10, 12345.678, 0.5};
    for (int i = 0; i < 9; i++) {
        double v = vals[i];
        printf("sqrt(%g) = %.17g newton %.17g sqrtf %.9g\n", v, sqrt(v), newton_sqrt(v), (double)sqrtf_n((float)v));
    }
    printf("hyp %.17g %.17g %.17g\n", hyp_exact(3, 4), hyp_exact(5, 12), hyp_exact(1, 1));
    double rs[] = {-2.5, -1.5, -0.5, -0.0, 0.49999999999999994, 0.5, 1.5, 2.5, 2.7, -2.7, 1e15 + 0.5, -7.0};
    for (int i = 0; i < 12; i++) {
        double r = rs[i];
        printf("%.17g: floor %g ceil %g trunc %g fabs %g\n", r, floor(r), ceil(r), trunc(r), fabs(r));
    }
    float rf[] = {-2.5f, 0.75f, 8388607.5f, -8388607.5f};
    for (int i = 0; i < 4; i++) printf("f %.2f: floor %.1f ceil %.1f trunc %.1f fabs %.2f\n", (double)rf[i], (double)floorf(rf[i]), (double)ceilf(rf[i]), (double)truncf(rf[i]), (double)fabsf(rf[i]));
    printf("fmin %g %g fmax %g %g\n", fmin(1.0, -2.0), fmin(NAN, 3.0), fmax(-0.5, -0.25), fmax(4.0, NAN));
    printf("clamp %g %g %g\n", clamp(5, 0, 1), clamp(-5, 0, 1), clamp(0.3, 0, 1));
    /* fma: single rounding; (1+2^-30)^2 - 1 differs from separate mul/add */
    double e = 1.0 + 1.0 / 1073741824.0;
    printf("fma %.17g\n", my_fma(e, e, -1.0));
    printf("fma %.17g %.17g\n", my_fma(0.1, 10.0, -1.0), my_fma(3.0, 4.0, 5.0));
    float ef = 1.0f + 1.0f / 4096.0f;
    printf("fmaf %.9g %.9g\n", (double)my_fmaf(ef, ef, -1.0f), (double)my_fmaf(0.1f, 10.0f, -1.0f));
    double zero = 0.0, big = 1e308;
    printf("classify %d %d %d %d\n", classify(zero / zero == 0 ? 1 : sqrt(-1.0)), classify(big * 10), classify(-big * 10), classify(1.0));
    printf("nan compares %d %d %d %d\n", NAN == NAN, NAN < 1.0, NAN != NAN, isnan(zero / zero));
    printf("signbit %d %d copysign %g\n", signbit(-0.0) != 0, signbit(0.0) != 0, copysign(3.0, -0.0));
    double harmonic = 0;
    for (int i = 1; i <= 1000; i++) harmonic += 1.0 / i;
    printf("harmonic %.15f\n", harmonic);
    float fh = 0;
    for (int i = 1; i <= 1000; i++) fh += 1.0f / (float)i;
    printf("harmonicf %.7f\n", (double)fh);
    return 0;
}
