// saxpy/daxpy-style kernels on int, float and double arrays (vectorised at -O2/-O3); values chosen exact so FMA contraction is harmless.
#include <stdio.h>
#include <stdint.h>

#define N 517
static float xf[N], yf[N];
static double xd[N], yd[N];
static int32_t xi[N], yi[N];
static int64_t yl[N];

__attribute__((noinline)) static void saxpy_f(int n, float a, const float *restrict x, float *restrict y) { for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i]; }
__attribute__((noinline)) static void daxpy(int n, double a, const double *restrict x, double *restrict y) { for (int i = 0; i < n; i++) y[i] += a * x[i]; }
__attribute__((noinline)) static void saxpy_i(int n, int32_t a, const int32_t *restrict x, int32_t *restrict y) { for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i]; }
__attribute__((noinline)) static void saxpy_l(int n, int64_t a, const int32_t *restrict x, int64_t *restrict y) { for (int i = 0; i < n; i++) y[i] += a * x[i]; }
__attribute__((noinline)) static void scale_f(int n, float *y, float s) { for (int i = 0; i < n; i++) y[i] *= s; }
__attribute__((noinline)) static float sum_f(const float *v, int n) { float s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
__attribute__((noinline)) static double sum_d(const double *v, int n) { double s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
__attribute__((noinline)) static void clamp_f(int n, float *v, float lo, float hi) { for (int i = 0; i < n; i++) { float t = v[i] < lo ? lo : v[i]; v[i] = t > hi ? hi : t; } }
__attribute__((noinline)) static void int_to_float(int n, const int32_t *restrict in, float *restrict out) { for (int i = 0; i < n; i++) out[i] = (float)in[i] * 0.5f; }

int main(void) {
    for (int i = 0; i < N; i++) {
        xf[i] = (float)(i % 37) * 0.25f - 4.0f;
        yf[i] = (float)(i % 11) - 5.0f;
        xd[i] = (double)(i % 101) * 0.125 - 6.0;
        yd[i] = (double)(i % 7) * 1024.0;
        xi[i] = (i * 7919) % 2003 - 1001;
        yi[i] = (i * 104729) % 4001 - 2000;
        yl[i] = (int64_t)i * 1000000007;
    }
    saxpy_f(N, 2.5f, xf, yf);
    printf("saxpy_f %.4f %.4f %.4f sum %.4f\n", (double)yf[0], (double)yf[100], (double)yf[N - 1], (double)sum_f(yf, N));
    daxpy(N, -1.75, xd, yd);
    printf("daxpy %.6f %.6f sum %.6f\n", yd[3], yd[N - 2], sum_d(yd, N));
    saxpy_i(N, -37, xi, yi);
    long long si = 0; for (int i = 0; i < N; i++) si += yi[i];
    printf("saxpy_i %d %d sum %lld\n", yi[1], yi[N - 1], si);
    saxpy_l(N, 3000000000LL, xi, yl);
    long long sl = 0; for (int i = 0; i < N; i++) sl += yl[i] / 1024;
    printf("saxpy_l %lld %lld sum %lld\n", (long long)yl[5], (long long)yl[N - 1], sl);
    scale_f(N, yf, 0.5f);
    clamp_f(N, yf, -3.0f, 7.5f);
    printf("clamped sum %.4f\n", (double)sum_f(yf, N));
    int_to_float(N, xi, xf);
    printf("conv sum %.2f first %.2f\n", (double)sum_f(xf, N), (double)xf[0]);
    for (int i = 0; i < 8; i++) printf("%.3f ", (double)yf[i * 64]);
    printf("\n");
    return 0;
}
