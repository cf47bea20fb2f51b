// Conversions int<->float<->double (signed/unsigned, 32/64-bit), float rounding of doubles, truncation toward zero.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static float i32_to_f(int32_t v) { return (float)v; }
__attribute__((noinline)) static double i64_to_d(int64_t v) { return (double)v; }
__attribute__((noinline)) static float u64_to_f(uint64_t v) { return (float)v; }
__attribute__((noinline)) static double u64_to_d(uint64_t v) { return (double)v; }
__attribute__((noinline)) static double u32_to_d(uint32_t v) { return (double)v; }
__attribute__((noinline)) static int32_t d_to_i32(double d) { return (int32_t)d; }
__attribute__((noinline)) static int64_t f_to_i64(float f) { return (int64_t)f; }
__attribute__((noinline)) static uint32_t d_to_u32(double d) { return (uint32_t)d; }
__attribute__((noinline)) static uint64_t d_to_u64(double d) { return (uint64_t)d; }
__attribute__((noinline)) static float d_to_f(double d) { return (float)d; }
__attribute__((noinline)) static double f_to_d(float f) { return (double)f; }
__attribute__((noinline)) static int16_t f_to_i16(float f) { return (int16_t)f; }
__attribute__((noinline)) static uint8_t d_to_u8(double d) { return (uint8_t)d; }
__attribute__((noinline)) static signed char f_to_sc(float f) { return (signed char)f; }

int main(void) {
    int32_t i32s[] = {0, 1, -1, 16777216, 16777217, 16777219, -16777219, 2147483647, -2147483647 - 1, 123456789};
    for (int i = 0; i < 10; i++) printf("i32 %d -> f %.1f\n", i32s[i], (double)i32_to_f(i32s[i]));
    int64_t i64s[] = {0, -1, 9007199254740992LL, 9007199254740993LL, -9007199254740995LL, INT64_MAX, INT64_MIN, 1234567890123456789LL};
    for (int i = 0; i < 8; i++) printf("i64 %lld -> d %.1f\n", (long long)i64s[i], i64_to_d(i64s[i]));
    uint64_t u64s[] = {0, 1, 0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull, 0x8000000000000401ull, 0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFF7FFull, 12345678901234567890ull};
    for (int i = 0; i < 8; i++) printf("u64 %llu -> d %.1f f %.1f\n", (unsigned long long)u64s[i], u64_to_d(u64s[i]), (double)u64_to_f(u64s[i]));
    uint32_t u32s[] = {0, 0x80000000u, 0xFFFFFFFFu};
    for (int i = 0; i < 3; i++) printf("u32 %u -> d %.1f\n", u32s[i], u32_to_d(u32s[i]));
    double ds[] = {0.0, 0.9, -0.9, 1.5, -1.5, 2.5, -2.5, 1e9, -2147483648.0, 2147483647.99, 123.456};
    for (int i = 0; i < 11; i++) printf("d %.4f -> i32 %d\n", ds[i], d_to_i32(ds[i]));
    float fs[] = {0.0f, 0.5f, -0.5f, 1e10f, -1e18f, 9.2e18f, 3.99f, -3.99f};
    for (int i = 0; i < 8; i++) printf("f %.3f -> i64 %lld\n", (double)fs[i], (long long)f_to_i64(fs[i]));
    double us[] = {0.0, 0.99, 4294967295.0, 2147483648.5, 3e9};
    for (int i = 0; i < 5; i++) printf("d %.2f -> u32 %u\n", us[i], d_to_u32(us[i]));
    double u64d[] = {0.0, 1.0, 9223372036854775808.0, 18446744073709549568.0, 1e19, 4503599627370497.5};
    for (int i = 0; i < 6; i++) printf("d %.1f -> u64 %llu\n", u64d[i], (unsigned long long)d_to_u64(u64d[i]));
    double rd[] = {0.1, 1.0 / 3.0, 16777217.0, 16777219.0, 3.4028235677973366e38, 1.1754943508222875e-38, 1e-45, 2.0000001, 2.00000017881393432617};
    for (int i = 0; i < 9; i++) {
        float f = d_to_f(rd[i]);
        printf("d %.17g -> f %.9g -> d %.17g\n", rd[i], (double)f, f_to_d(f));
    }
    float sm[] = {127.9f, -128.9f, 32767.5f, -32768.0f, 100.25f};
    for (int i = 0; i < 5; i++) printf("f %.2f -> i16 %d sc %d\n", (double)sm[i], f_to_i16(sm[i]), (i < 2 || i == 4) ? f_to_sc(sm[i]) : 0);
    printf("u8 %u %u %u\n", d_to_u8(0.0), d_to_u8(255.9), d_to_u8(128.5));
    /* implicit conversions in arithmetic */
    int k = 7; float kf = k / 2; double kd = k / 2.0; int back = (int)(kd * 3);
    printf("implicit %.1f %.2f %d\n", (double)kf, kd, back);
    unsigned int big = 4000000000u; double bd = big; float bf = big;
    printf("unsigned %.1f %.1f\n", bd, (double)bf);
    return 0;
}
