// Integer widths: int8..int64 and uint8..uint64, char/short/long long, limits, conversions and unsigned wraparound.
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

__attribute__((noinline)) static int8_t add_i8(int8_t a, int8_t b) { return (int8_t)(a + b); }
__attribute__((noinline)) static uint8_t add_u8(uint8_t a, uint8_t b) { return (uint8_t)(a + b); }
__attribute__((noinline)) static int16_t mul_i16(int16_t a, int16_t b) { return (int16_t)((int32_t)a * b); }
__attribute__((noinline)) static uint16_t mul_u16(uint16_t a, uint16_t b) { return (uint16_t)((uint32_t)a * b); }
__attribute__((noinline)) static uint32_t sub_u32(uint32_t a, uint32_t b) { return a - b; }
__attribute__((noinline)) static uint64_t mul_u64(uint64_t a, uint64_t b) { return a * b; }
__attribute__((noinline)) static int64_t widen_i8(int8_t v) { return v; }
__attribute__((noinline)) static uint64_t widen_u8(uint8_t v) { return v; }
__attribute__((noinline)) static int64_t widen_i16(int16_t v) { return v; }
__attribute__((noinline)) static int64_t widen_i32(int32_t v) { return v; }
__attribute__((noinline)) static uint64_t widen_u32(uint32_t v) { return v; }
__attribute__((noinline)) static signed char narrow_sc(long long v) { return (signed char)(v & 0xff) ; }
__attribute__((noinline)) static unsigned short narrow_us(long long v) { return (unsigned short)v; }

int main(void) {
    printf("limits: %d %d %u\n", INT8_MIN, INT8_MAX, (unsigned)UINT8_MAX);
    printf("limits: %d %d %u\n", INT16_MIN, INT16_MAX, (unsigned)UINT16_MAX);
    printf("limits: %d %d %u\n", INT32_MIN, INT32_MAX, UINT32_MAX);
    printf("limits: %lld %lld %llu\n", (long long)INT64_MIN, (long long)INT64_MAX, (unsigned long long)UINT64_MAX);
    printf("schar %d %d uchar %d shrt %d %d ushrt %d\n", SCHAR_MIN, SCHAR_MAX, UCHAR_MAX, SHRT_MIN, SHRT_MAX, USHRT_MAX);
    printf("llong %lld %lld ullong %llu\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
    printf("sizes %d %d %d %d %d\n", (int)sizeof(char), (int)sizeof(short), (int)sizeof(int), (int)sizeof(long long), (int)sizeof(int64_t));

    printf("i8 add: %d %d %d\n", add_i8(100, 27), add_i8(100, 28), add_i8(-128, -1));
    printf("u8 add: %u %u %u\n", add_u8(200, 55), add_u8(200, 56), add_u8(255, 255));
    printf("i16 mul: %d %d\n", mul_i16(181, 181), mul_i16(-300, 300));
    printf("u16 mul: %u %u\n", mul_u16(256, 256), mul_u16(65535, 65535));
    printf("u32 sub: %u %u\n", sub_u32(0, 1), sub_u32(5, 10));
    printf("u64 mul: %llu %llu\n", (unsigned long long)mul_u64(0xFFFFFFFFFFFFFFFFull, 3), (unsigned long long)mul_u64(0x100000000ull, 0x100000001ull));

    int8_t vi8[] = {-128, -1, 0, 1, 127};
    uint8_t vu8[] = {0, 1, 127, 128, 255};
    int16_t vi16[] = {-32768, -1, 0, 32767};
    int32_t vi32[] = {INT32_MIN, -1, 0, INT32_MAX};
    uint32_t vu32[] = {0, 1, 0x80000000u, 0xFFFFFFFFu};
    for (int i = 0; i < 5; i++)
        printf("w8 %lld %llu\n", (long long)widen_i8(vi8[i]), (unsigned long long)widen_u8(vu8[i]));
    for (int i = 0; i < 4; i++)
        printf("w16/32 %lld %lld %llu\n", (long long)widen_i16(vi16[i]), (long long)widen_i32(vi32[i]), (unsigned long long)widen_u32(vu32[i]));

    long long big[] = {0, 1, 127, 128, 255, 256, -1, -129, 65535, 65536, 0x123456789abcLL, -0x123456789abcLL};
    for (int i = 0; i < 12; i++)
        printf("narrow %lld -> sc %d us %u u32 %u i16 %d\n", big[i], narrow_sc(big[i]), narrow_us(big[i]),
               (uint32_t)big[i], (int16_t)(uint16_t)big[i]);

    /* unsigned wraparound in loops */
    uint8_t c8 = 250; int steps = 0;
    while (c8 != 4) { c8++; steps++; }
    printf("u8 wrap steps %d\n", steps);
    uint16_t c16 = 0; c16 -= 3; printf("u16 -3 = %u\n", c16);
    uint32_t acc = 1; for (int i = 0; i < 40; i++) acc = acc * 3u + 7u;
    printf("u32 lcg %u\n", acc);
    uint64_t acc64 = 1; for (int i = 0; i < 70; i++) acc64 = acc64 * 6364136223846793005ull + 1442695040888963407ull;
    printf("u64 lcg %llu\n", (unsigned long long)acc64);

    short s = -5; unsigned short us = (unsigned short)s;
    long long ll = s; unsigned long long ull = (unsigned long long)ll;
    printf("short %d ushort %u ll %lld ull %llu\n", s, us, ll, ull);
    unsigned char uc = 200; signed char sc = (signed char)uc;
    printf("uchar %d schar %d sum %d\n", uc, sc, uc + sc);
    return 0;
}
