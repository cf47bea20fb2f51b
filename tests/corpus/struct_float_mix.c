// Structs with floating members by value: two doubles (HFA), four floats, float+int mix, double+long mix.
#include <stdio.h>
#include <stdint.h>

typedef struct { double re, im; } Complex;
typedef struct { float x, y, z, w; } Vec4f;
typedef struct { float f; int32_t i; } FloatInt;
typedef struct { double d; int64_t n; } DoubleLong;
typedef struct { float a; double b; } FloatDouble;
typedef struct { int32_t i; float f; } IntFloat;

__attribute__((noinline)) static Complex c_mul(Complex a, Complex b) {
    Complex r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
    return r;
}
__attribute__((noinline)) static Complex c_add(Complex a, Complex b) { Complex r = {a.re + b.re, a.im + b.im}; return r; }
__attribute__((noinline)) static Vec4f v_add(Vec4f a, Vec4f b) { Vec4f r = {a.x + b.x, a.y + b.y, a.z + b.z, a.w + b.w}; return r; }
__attribute__((noinline)) static float v_hsum(Vec4f a) { return (a.x + a.y) + (a.z + a.w); }
__attribute__((noinline)) static FloatInt fi_step(FloatInt p) { p.f = p.f * 0.5f + (float)p.i; p.i = p.i * 2 - 1; return p; }
__attribute__((noinline)) static DoubleLong dl_make(int k) { DoubleLong r = {k / 4.0, (int64_t)k * k * k}; return r; }
__attribute__((noinline)) static double dl_sum(DoubleLong a, DoubleLong b) { return a.d + b.d + (double)(a.n - b.n); }
__attribute__((noinline)) static FloatDouble fd_swap(FloatDouble p) { FloatDouble r = {(float)p.b, (double)p.a}; return r; }
__attribute__((noinline)) static IntFloat if_make(int32_t i, float f) { IntFloat r = {i + 1, f * 2.0f}; return r; }
__attribute__((noinline)) static double mixed_args(int a, double b, float c, int64_t d, Complex e, FloatInt f, double g) {
    return a + b + c + (double)d + e.re - e.im + f.f + f.i + g;
}

int main(void) {
    Complex z = {0.5, 0.25}, acc = {1.0, 0.0};
    for (int i = 0; i < 8; i++) { acc = c_mul(acc, z); printf("z^%d = %.10f %+.10f i\n", i + 1, acc.re, acc.im); }
    Complex s = c_add(acc, (Complex){-1.5, 2.25});
    printf("sum %.6f %.6f\n", s.re, s.im);
    Vec4f a = {1.5f, -2.25f, 3.0f, 0.125f}, b = {10.0f, 20.0f, -30.0f, 0.875f};
    Vec4f c = v_add(a, b);
    printf("vec %.4f %.4f %.4f %.4f hsum %.4f\n", c.x, c.y, c.z, c.w, v_hsum(c));
    FloatInt fi = {1.0f, 3};
    for (int i = 0; i < 6; i++) { fi = fi_step(fi); printf("fi %.3f %d\n", fi.f, fi.i); }
    for (int k = -3; k <= 3; k++) { DoubleLong d = dl_make(k); printf("dl %.2f %lld\n", d.d, (long long)d.n); }
    printf("dlsum %.3f\n", dl_sum(dl_make(5), dl_make(-2)));
    FloatDouble fd = fd_swap((FloatDouble){2.5f, -8.75});
    printf("fd %.3f %.3f\n", fd.a, fd.b);
    IntFloat ifl = if_make(41, 1.25f);
    printf("if %d %.2f\n", ifl.i, ifl.f);
    printf("mixed %.4f\n", mixed_args(1, 2.5, 3.25f, 1000000, (Complex){4.0, 0.5}, (FloatInt){0.75f, -9}, 100.125));
    return 0;
}
