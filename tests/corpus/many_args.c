// Calls with many arguments (stack-passed ints, doubles, mixed, small structs), callee-saved register pressure, and many live values.
#include <stdio.h>
#include <stdint.h>

typedef struct { int32_t a, b; } Two;

__attribute__((noinline)) static int64_t ints12(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l) {
    return a + 2LL * b + 3LL * c + 4LL * d + 5LL * e + 6LL * f + 7LL * g + 8LL * h + 9LL * i + 10LL * j + 11LL * k + 12LL * l;
}
__attribute__((noinline)) static double dbl10(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j) {
    return a - b + c - d + e - f + g - h + i - j * 2;
}
__attribute__((noinline)) static double mixed(int8_t a, double b, uint16_t c, float d, int64_t e, double f, int32_t g, float h, uint8_t i, double j,
                                              int64_t k, float l, int m, double n, short o, double p, unsigned q, float r) {
    return a + b + c + d + (double)e + f + g + h + i + j + (double)k + l + m + n + o + p + q + r;
}
__attribute__((noinline)) static int64_t structs(Two a, Two b, Two c, Two d, Two e, Two f, Two g, Two h, Two i) {
    return (int64_t)a.a * a.b + b.a * b.b + c.a * c.b + d.a * d.b + e.a * e.b + f.a * f.b + g.a * g.b + h.a * h.b + i.a * (int64_t)i.b;
}
__attribute__((noinline)) static uint64_t pressure(uint64_t seed) {
    uint64_t a = seed, b = seed * 3, c = seed ^ 0x55, d = seed + 7, e = seed << 3, f = seed >> 2, g = ~seed, h = seed * seed;
    uint64_t i = a + b, j = c ^ d, k = e - f, l = g | h, m = a & h, n = b + g, o = c * 5, p = d - 1;
    for (int r = 0; r < 16; r++) {
        a += j; b ^= k; c += l >> 3; d ^= m; e += n; f ^= o; g += p; h ^= i;
        i += a; j ^= b; k += c; l ^= d; m += e; n ^= f; o += g; p ^= h;
        a = (a << 7) | (a >> 57);
    }
    return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m ^ n ^ o ^ p;
}
__attribute__((noinline)) static int64_t chain(int64_t x) {
    return ints12((int)(x & 0xff), (int)(x >> 8 & 0xff), 3, 4, 5, 6, 7, 8, 9, 10, (int)x % 1000, -(int)(x % 77));
}

int main(void) {
    printf("ints12 %lld\n", (long long)ints12(1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12));
    printf("ints12 %lld\n", (long long)ints12(2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2147483647));
    printf("dbl10 %.4f\n", dbl10(1.5, 2.25, 3.125, 4.0, 5.5, 6.75, 7.0, 8.5, 9.25, 10.125));
    printf("mixed %.4f\n", mixed(-8, 1.5, 60000, 2.25f, -1000000000000LL, 0.125, -77, 0.5f, 200, 3.75, 123456789012LL, -1.25f, -5, 1024.0, -300, 0.0625, 4000000000u, 8.0f));
    Two t[9];
    for (int i = 0; i < 9; i++) { t[i].a = i * 1000 - 4000; t[i].b = 7 - i * 3; }
    printf("structs %lld\n", (long long)structs(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]));
    for (uint64_t s = 1; s < 1000000; s *= 13) printf("pressure %llu -> %016llx\n", (unsigned long long)s, (unsigned long long)pressure(s));
    printf("chain %lld %lld\n", (long long)chain(0x1234), (long long)chain(987654));
    return 0;
}
