// Shifts: logical vs arithmetic, constant and variable amounts, every width, shift-based multiply/divide.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static uint32_t shl32(uint32_t x, unsigned n) { return x << n; }
__attribute__((noinline)) static uint32_t lsr32(uint32_t x, unsigned n) { return x >> n; }
__attribute__((noinline)) static int32_t asr32(int32_t x, unsigned n) { return x >> n; }
__attribute__((noinline)) static uint64_t shl64(uint64_t x, unsigned n) { return x << n; }
__attribute__((noinline)) static uint64_t lsr64(uint64_t x, unsigned n) { return x >> n; }
__attribute__((noinline)) static int64_t asr64(int64_t x, unsigned n) { return x >> n; }
__attribute__((noinline)) static uint8_t lsr8(uint8_t x, unsigned n) { return (uint8_t)(x >> n); }
__attribute__((noinline)) static int8_t asr8(int8_t x, unsigned n) { return (int8_t)(x >> n); }
__attribute__((noinline)) static uint16_t shl16(uint16_t x, unsigned n) { return (uint16_t)(x << n); }
__attribute__((noinline)) static int16_t asr16(int16_t x, unsigned n) { return (int16_t)(x >> n); }
__attribute__((noinline)) static uint64_t mask_bits(unsigned lo, unsigned width) {
    uint64_t m = width >= 64 ? ~0ull : ((1ull << width) - 1);
    return m << lo;
}
__attribute__((noinline)) static uint32_t extract(uint32_t x, unsigned lo, unsigned width) {
    return (x >> lo) & ((1u << width) - 1u);
}
__attribute__((noinline)) static int32_t sext_field(uint32_t x, unsigned lo, unsigned width) {
    /* sign-extend a width-bit field using shifts on unsigned then arithmetic on int */
    uint32_t f = (x >> lo) & ((1u << width) - 1u);
    uint32_t sign = 1u << (width - 1);
    return (int32_t)(f ^ sign) - (int32_t)sign;
}

int main(void) {
    uint32_t u = 0x80000001u; int32_t s = -123456789;
    for (unsigned n = 0; n < 32; n += 3)
        printf("32 n=%2u shl %08x lsr %08x asr %d asr(-1) %d\n", n, shl32(u, n), lsr32(u, n), asr32(s, n), asr32(-1, n));
    uint64_t u64 = 0x8000000000000001ull; int64_t s64 = -1234567890123456789LL;
    for (unsigned n = 0; n < 64; n += 7)
        printf("64 n=%2u shl %016llx lsr %016llx asr %lld\n", n, (unsigned long long)shl64(u64, n),
               (unsigned long long)lsr64(u64, n), (long long)asr64(s64, n));
    for (unsigned n = 0; n < 8; n++)
        printf("8 n=%u lsr %u asr %d\n", n, lsr8(0x96, n), asr8(-106, n));
    for (unsigned n = 0; n < 16; n += 5)
        printf("16 n=%u shl %u asr %d\n", n, shl16(0xABCD, n), asr16(-12345, n));
    for (unsigned lo = 0; lo < 64; lo += 9)
        printf("mask lo=%u %016llx %016llx\n", lo, (unsigned long long)mask_bits(lo, 5), (unsigned long long)mask_bits(0, 64 - lo));
    uint32_t w = 0xDEADBEEFu;
    for (unsigned lo = 0; lo < 28; lo += 4)
        printf("field lo=%u u %u s %d\n", lo, extract(w, lo, 5), sext_field(w, lo, 5));
    /* compile-time shifts */
    int32_t neg = -1000;
    printf("const %d %d %u %d\n", neg >> 3, neg / 8, (uint32_t)neg >> 3, (int32_t)((uint32_t)neg << 4));
    uint64_t acc = 0;
    for (unsigned i = 0; i < 64; i++) acc ^= (0x9E3779B97F4A7C15ull >> i) | (0x9E3779B97F4A7C15ull << (63 - i));
    printf("acc %016llx\n", (unsigned long long)acc);
    return 0;
}
