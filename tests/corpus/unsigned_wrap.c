// Unsigned overflow wraparound and integer promotions across uint8/16/32/64 arithmetic and comparisons.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static uint32_t checksum32(const uint32_t *v, int n) {
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s = s * 31u + v[i];
    return s;
}
__attribute__((noinline)) static uint16_t sum16(const uint16_t *v, int n) {
    uint16_t s = 0;
    for (int i = 0; i < n; i++) s = (uint16_t)(s + v[i]);
    return s;
}
__attribute__((noinline)) static uint8_t sum8(const uint8_t *v, int n) {
    uint8_t s = 0;
    for (int i = 0; i < n; i++) s = (uint8_t)(s + v[i]);
    return s;
}
__attribute__((noinline)) static uint64_t neg64(uint64_t x) { return -x; }
__attribute__((noinline)) static uint32_t neg32(uint32_t x) { return -x; }
__attribute__((noinline)) static int add_overflows_u32(uint32_t a, uint32_t b) { return a + b < a; }
__attribute__((noinline)) static int add_overflows_u64(uint64_t a, uint64_t b) { uint64_t r; return __builtin_add_overflow(a, b, &r); }
__attribute__((noinline)) static int mul_overflows_u32(uint32_t a, uint32_t b) { uint32_t r; return __builtin_mul_overflow(a, b, &r); }
__attribute__((noinline)) static int sadd_overflows(int32_t a, int32_t b) { int32_t r; return __builtin_add_overflow(a, b, &r); }
__attribute__((noinline)) static int promo_cmp(unsigned char a, unsigned char b) { return a - b < 0; }
__attribute__((noinline)) static int promo_cmp_u(unsigned a, unsigned b) { return a - b < 0x80000000u; }

int main(void) {
    uint32_t v32[16]; uint16_t v16[16]; uint8_t v8[16];
    for (int i = 0; i < 16; i++) {
        v32[i] = 0xFFFFFFF0u + (uint32_t)i * 0x11111111u;
        v16[i] = (uint16_t)(0xFFF0u + (unsigned)i * 0x1111u);
        v8[i] = (uint8_t)(0xF0u + (unsigned)i * 0x11u);
    }
    printf("checksum32 %u\n", checksum32(v32, 16));
    printf("sum16 %u sum8 %u\n", sum16(v16, 16), sum8(v8, 16));
    printf("neg64 %llu %llu\n", (unsigned long long)neg64(1), (unsigned long long)neg64(0x8000000000000000ull));
    printf("neg32 %u %u\n", neg32(1), neg32(0));
    printf("ovf32 %d %d\n", add_overflows_u32(0xFFFFFFFFu, 1), add_overflows_u32(0x7FFFFFFFu, 1));
    printf("ovf64 %d %d\n", add_overflows_u64(~0ull, 1), add_overflows_u64(1ull << 62, 1ull << 62));
    printf("mulovf %d %d\n", mul_overflows_u32(65536u, 65536u), mul_overflows_u32(65535u, 65537u));
    printf("saddovf %d %d %d\n", sadd_overflows(2147483647, 1), sadd_overflows(-2147483647 - 1, -1), sadd_overflows(1000, -2000));
    printf("promo %d %d\n", promo_cmp(1, 2), promo_cmp_u(1, 2));
    uint8_t a = 200, b = 100;
    int promoted = a + b; uint8_t wrapped = (uint8_t)(a + b);
    printf("promoted %d wrapped %u\n", promoted, wrapped);
    uint16_t x = 0xFFFF; uint32_t y = (uint32_t)x * x; /* promoted via uint32 to avoid int overflow */
    printf("x*x %u\n", y);
    uint64_t f = 1;
    for (int i = 1; i <= 25; i++) { f *= (uint64_t)i; printf("%d! mod 2^64 = %llu\n", i, (unsigned long long)f); }
    uint32_t h = 2166136261u;
    for (int i = 0; i < 1000; i++) { h ^= (uint32_t)(i & 0xff); h *= 16777619u; }
    printf("fnv %u\n", h);
    unsigned counter = 3; int loops = 0;
    for (unsigned i = counter; i < 100u; i--) loops++;
    printf("downward loops %d\n", loops);
    return 0;
}
