// Division and remainder with negative operands for every width, plus division by constants.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int32_t div32(int32_t a, int32_t b) { return a / b; }
__attribute__((noinline)) static int32_t rem32(int32_t a, int32_t b) { return a % b; }
__attribute__((noinline)) static int64_t div64(int64_t a, int64_t b) { return a / b; }
__attribute__((noinline)) static int64_t rem64(int64_t a, int64_t b) { return a % b; }
__attribute__((noinline)) static uint32_t udiv32(uint32_t a, uint32_t b) { return a / b; }
__attribute__((noinline)) static uint32_t urem32(uint32_t a, uint32_t b) { return a % b; }
__attribute__((noinline)) static uint64_t udiv64(uint64_t a, uint64_t b) { return a / b; }
__attribute__((noinline)) static uint64_t urem64(uint64_t a, uint64_t b) { return a % b; }
__attribute__((noinline)) static int8_t div8(int8_t a, int8_t b) { return (int8_t)(a / b); }
__attribute__((noinline)) static int16_t rem16(int16_t a, int16_t b) { return (int16_t)(a % b); }
__attribute__((noinline)) static int32_t div_by_7(int32_t a) { return a / 7; }
__attribute__((noinline)) static int32_t rem_by_7(int32_t a) { return a % 7; }
__attribute__((noinline)) static int32_t div_by_8(int32_t a) { return a / 8; }
__attribute__((noinline)) static int32_t rem_by_8(int32_t a) { return a % 8; }
__attribute__((noinline)) static int64_t div_by_1000(int64_t a) { return a / 1000; }
__attribute__((noinline)) static uint32_t udiv_by_10(uint32_t a) { return a / 10; }
__attribute__((noinline)) static uint64_t udiv_by_3(uint64_t a) { return a / 3; }
__attribute__((noinline)) static int32_t floor_div(int32_t a, int32_t b) {
    int32_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
__attribute__((noinline)) static int32_t floor_mod(int32_t a, int32_t b) {
    int32_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

int main(void) {
    int32_t as[] = {17, -17, 7, -7, 0, 1, -1, 2147483647, -2147483647 - 1, 100, -100};
    int32_t bs[] = {5, -5, 3, -3, 1, -1, 7, 2, -2, 1000};
    for (int i = 0; i < 11; i++)
        for (int j = 0; j < 10; j++) {
            int32_t a = as[i], b = bs[j];
            if (a == -2147483647 - 1 && b == -1) continue;
            printf("%d/%d=%d r%d fd%d fm%d\n", a, b, div32(a, b), rem32(a, b), floor_div(a, b), floor_mod(a, b));
        }
    int64_t a64[] = {1000000000007LL, -1000000000007LL, -9223372036854775807LL - 1, 9223372036854775807LL, -1};
    int64_t b64[] = {13, -13, 1000000, -3, 9223372036854775807LL};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            printf("%lld/%lld=%lld r%lld\n", (long long)a64[i], (long long)b64[j], (long long)div64(a64[i], b64[j]), (long long)rem64(a64[i], b64[j]));
    uint32_t u32[] = {0, 1, 10, 0xFFFFFFFFu, 0x80000000u, 123456789u};
    uint32_t d32[] = {1, 3, 10, 0xFFFFFFFFu, 0x10000u};
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 5; j++)
            printf("%u u/ %u = %u r%u\n", u32[i], d32[j], udiv32(u32[i], d32[j]), urem32(u32[i], d32[j]));
    uint64_t u64[] = {0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull, 12345678901234567ull};
    uint64_t d64[] = {3, 0x100000000ull, 0xFFFFFFFFFFFFFFFFull, 7};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            printf("%llu u/ %llu = %llu r%llu\n", (unsigned long long)u64[i], (unsigned long long)d64[j],
                   (unsigned long long)udiv64(u64[i], d64[j]), (unsigned long long)urem64(u64[i], d64[j]));
    printf("div8 %d %d %d\n", div8(-128, 3), div8(127, -2), div8(-7, 2));
    printf("rem16 %d %d %d\n", rem16(-32768, 7), rem16(32767, -10), rem16(-5, 3));
    for (int32_t v = -20; v <= 20; v += 3)
        printf("c %d: /7=%d %%7=%d /8=%d %%8=%d /1000=%lld\n", v, div_by_7(v), rem_by_7(v), div_by_8(v), rem_by_8(v),
               (long long)div_by_1000((int64_t)v * 123457));
    printf("udiv10 %u %u udiv3 %llu\n", udiv_by_10(4294967295u), udiv_by_10(99u), (unsigned long long)udiv_by_3(0xFFFFFFFFFFFFFFFFull));
    return 0;
}
