// Byte array transforms (vectorisable): case mapping, xor keystream, saturating add, clamping, histogram, reversal, widening multiply.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define N 777
static uint8_t buf[N], out[N], key[N];
static int8_t sbuf[N];

__attribute__((noinline)) static void to_upper(uint8_t *restrict d, const uint8_t *restrict s, int n) {
    for (int i = 0; i < n; i++) d[i] = (s[i] >= 'a' && s[i] <= 'z') ? (uint8_t)(s[i] - 32) : s[i];
}
__attribute__((noinline)) static void xor_key(uint8_t *d, const uint8_t *k, int n) { for (int i = 0; i < n; i++) d[i] ^= k[i]; }
__attribute__((noinline)) static void sat_add(uint8_t *restrict d, const uint8_t *restrict a, const uint8_t *restrict b, int n) {
    for (int i = 0; i < n; i++) { unsigned s = (unsigned)a[i] + b[i]; d[i] = (uint8_t)(s > 255 ? 255 : s); }
}
__attribute__((noinline)) static void clamp_s8(int8_t *v, int n, int lo, int hi) {
    for (int i = 0; i < n; i++) { int x = v[i]; v[i] = (int8_t)(x < lo ? lo : x > hi ? hi : x); }
}
__attribute__((noinline)) static void histogram(const uint8_t *s, int n, uint32_t h[16]) { for (int i = 0; i < n; i++) h[s[i] >> 4]++; }
__attribute__((noinline)) static void reverse_bytes(uint8_t *restrict d, const uint8_t *restrict s, int n) { for (int i = 0; i < n; i++) d[i] = s[n - 1 - i]; }
__attribute__((noinline)) static void avg_bytes(uint8_t *restrict d, const uint8_t *restrict a, const uint8_t *restrict b, int n) {
    for (int i = 0; i < n; i++) d[i] = (uint8_t)((a[i] + b[i] + 1) >> 1);
}
__attribute__((noinline)) static void widen_mul(int16_t *restrict d, const int8_t *restrict a, const uint8_t *restrict b, int n) {
    for (int i = 0; i < n; i++) d[i] = (int16_t)(a[i] * b[i]);
}
__attribute__((noinline)) static uint32_t checksum(const uint8_t *s, int n) { uint32_t a = 1, b = 0; for (int i = 0; i < n; i++) { a = (a + s[i]) % 65521u; b = (b + a) % 65521u; } return (b << 16) | a; }

int main(void) {
    const char *text = "The Quick Brown Fox, 123 jumps! over the lazy dog; zany QUIZ words... ";
    size_t tl = strlen(text);
    uint32_t s = 1;
    for (int i = 0; i < N; i++) {
        buf[i] = (uint8_t)text[i % tl];
        s = s * 214013u + 2531011u;
        key[i] = (uint8_t)(s >> 16);
        sbuf[i] = (int8_t)(int)((s >> 8) & 0xff) ;
    }
    to_upper(out, buf, N);
    printf("upper %.60s\n", (const char *)out);
    printf("cks %08x %08x\n", checksum(buf, N), checksum(out, N));
    xor_key(out, key, N);
    printf("xor cks %08x\n", checksum(out, N));
    xor_key(out, key, N);
    printf("xor back %.40s\n", (const char *)out);
    sat_add(out, buf, key, N);
    printf("sat cks %08x first %u %u %u\n", checksum(out, N), out[0], out[1], out[2]);
    clamp_s8(sbuf, N, -50, 60);
    long ssum = 0; for (int i = 0; i < N; i++) ssum += sbuf[i];
    printf("clamp sum %ld\n", ssum);
    uint32_t h[16] = {0};
    histogram(key, N, h);
    for (int i = 0; i < 16; i++) printf("%u ", h[i]);
    printf("\n");
    reverse_bytes(out, buf, N);
    printf("rev %.30s\n", (const char *)out);
    avg_bytes(out, buf, key, N);
    printf("avg cks %08x\n", checksum(out, N));
    static int16_t wide[N];
    widen_mul(wide, sbuf, key, N);
    long wsum = 0; for (int i = 0; i < N; i++) wsum += wide[i];
    printf("widen sum %ld %d %d\n", wsum, wide[0], wide[N - 1]);
    return 0;
}
