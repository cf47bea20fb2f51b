// 64x64->128 multiply-high via unsigned/signed __int128 and via 32-bit halves; 128-bit add/shift/divide.
#include <stdio.h>
#include <stdint.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

__attribute__((noinline)) static uint64_t umulh(uint64_t a, uint64_t b) { return (uint64_t)(((u128)a * b) >> 64); }
__attribute__((noinline)) static int64_t smulh(int64_t a, int64_t b) { return (int64_t)(((i128)a * b) >> 64); }
__attribute__((noinline)) static uint64_t umulh_manual(uint64_t a, uint64_t b) {
    uint64_t al = a & 0xFFFFFFFFu, ah = a >> 32, bl = b & 0xFFFFFFFFu, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}
__attribute__((noinline)) static u128 mul128(u128 a, u128 b) { return a * b; }
__attribute__((noinline)) static u128 div128(u128 a, u128 b) { return a / b; }
__attribute__((noinline)) static u128 shl128(u128 a, unsigned n) { return a << n; }
__attribute__((noinline)) static i128 sar128(i128 a, unsigned n) { return a >> n; }

static void print_u128(u128 v) {
    char buf[48]; int i = 47; buf[i] = 0;
    if (v == 0) buf[--i] = '0';
    while (v) { buf[--i] = (char)('0' + (int)(v % 10)); v /= 10; }
    printf("%s", buf + i);
}
static void print_i128(i128 v) {
    if (v < 0) { putchar('-'); print_u128((u128)0 - (u128)v); } else print_u128((u128)v);
}

int main(void) {
    uint64_t us[] = {0, 1, 3, 0xFFFFFFFFull, 0x100000000ull, 0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull, 0x123456789ABCDEF0ull};
    for (int i = 0; i < 8; i++)
        for (int j = i; j < 8; j++)
            printf("umulh %016llx %016llx = %016llx %016llx lo %016llx\n", (unsigned long long)us[i], (unsigned long long)us[j],
                   (unsigned long long)umulh(us[i], us[j]), (unsigned long long)umulh_manual(us[i], us[j]),
                   (unsigned long long)(us[i] * us[j]));
    int64_t ss[] = {0, -1, 1, INT64_MIN, INT64_MAX, -123456789012345LL, 987654321098765LL};
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < 7; j++)
            printf("smulh %lld %lld = %lld\n", (long long)ss[i], (long long)ss[j], (long long)smulh(ss[i], ss[j]));
    u128 f = 1;
    for (unsigned k = 1; k <= 34; k++) f = mul128(f, k);
    printf("34! = "); print_u128(f); printf("\n");
    printf("34!/10^20 = "); print_u128(div128(f, (u128)10000000000ull * 10000000000ull)); printf("\n");
    for (unsigned n = 0; n < 128; n += 17) {
        printf("shl %u = ", n); print_u128(shl128(0xDEADBEEFull, n));
        printf(" sar = "); print_i128(sar128(-(i128)0x123456789ABCDEFll * 1000000007, n)); printf("\n");
    }
    return 0;
}
