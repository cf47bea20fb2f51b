// Bit tricks: hand popcount, clz/ctz loops, lowest set bit, rotates, bit reversal, parity, power-of-two tests.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int popcount_loop(uint32_t x) { int c = 0; while (x) { x &= x - 1; c++; } return c; }
__attribute__((noinline)) static int popcount_swar(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}
__attribute__((noinline)) static int clz32_loop(uint32_t x) {
    if (x == 0) return 32;
    int n = 0;
    while (!(x & 0x80000000u)) { x <<= 1; n++; }
    return n;
}
__attribute__((noinline)) static int ctz64_loop(uint64_t x) {
    if (x == 0) return 64;
    int n = 0;
    while (!(x & 1)) { x >>= 1; n++; }
    return n;
}
__attribute__((noinline)) static uint32_t lowest_bit(uint32_t x) { return x & (0u - x); }
__attribute__((noinline)) static uint32_t clear_lowest(uint32_t x) { return x & (x - 1); }
__attribute__((noinline)) static uint32_t rotl32(uint32_t x, unsigned r) { r &= 31; return (x << r) | (x >> ((32 - r) & 31)); }
__attribute__((noinline)) static uint64_t rotr64(uint64_t x, unsigned r) { r &= 63; return (x >> r) | (x << ((64 - r) & 63)); }
__attribute__((noinline)) static uint32_t reverse32(uint32_t x) {
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
    return (x >> 16) | (x << 16);
}
__attribute__((noinline)) static uint32_t bswap32_manual(uint32_t x) {
    return (x >> 24) | ((x >> 8) & 0xFF00u) | ((x << 8) & 0xFF0000u) | (x << 24);
}
__attribute__((noinline)) static int parity(uint64_t x) { x ^= x >> 32; x ^= x >> 16; x ^= x >> 8; x ^= x >> 4; x ^= x >> 2; x ^= x >> 1; return (int)(x & 1); }
__attribute__((noinline)) static int is_pow2(uint64_t x) { return x != 0 && (x & (x - 1)) == 0; }
__attribute__((noinline)) static uint32_t next_pow2(uint32_t x) {
    x--; x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16; return x + 1;
}
__attribute__((noinline)) static int32_t abs_branchless(int32_t x) { int32_t m = x >> 31; return (x ^ m) - m; }
__attribute__((noinline)) static int sign_of(int64_t x) { return (x > 0) - (x < 0); }

int main(void) {
    uint32_t vals[] = {0, 1, 2, 3, 0x80000000u, 0xFFFFFFFFu, 0x12345678u, 0xF0F0F0F0u, 0x00010000u, 96u};
    for (int i = 0; i < 10; i++) {
        uint32_t v = vals[i];
        printf("%08x pc %d %d bi %d clz %d %d ctz %d %d low %08x clr %08x\n", v, popcount_loop(v), popcount_swar(v),
               __builtin_popcount(v), clz32_loop(v), v ? __builtin_clz(v) : 32, ctz64_loop(v), v ? __builtin_ctz(v) : 32,
               lowest_bit(v), clear_lowest(v));
        printf("  rotl %08x %08x rev %08x bswap %08x %08x par %d pow2 %d np2 %u\n", rotl32(v, 5), rotl32(v, 0), reverse32(v),
               bswap32_manual(v), __builtin_bswap32(v), parity(v), is_pow2(v), v <= 0x80000000u ? next_pow2(v) : 0);
    }
    uint64_t w = 0x0123456789ABCDEFull;
    for (unsigned r = 0; r < 64; r += 12) printf("rotr64 %u %016llx\n", r, (unsigned long long)rotr64(w, r));
    printf("pc64 %d %d\n", popcount_swar(~0ull), popcount_swar(w));
    int32_t ints[] = {0, 5, -5, 2147483647, -2147483647};
    for (int i = 0; i < 5; i++) printf("abs %d sign %d\n", abs_branchless(ints[i]), sign_of(ints[i]));
    uint64_t gray = 0;
    for (uint64_t i = 0; i < 16; i++) { gray = i ^ (i >> 1); printf("%llu", (unsigned long long)gray); putchar(i == 15 ? '\n' : ' '); }
    return 0;
}
