// Number theory: sieve of Eratosthenes with bit array, gcd, extended Euclid, modular exponentiation and inverse, Miller-Rabin 64-bit.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define LIMIT 100000
static uint8_t composite[LIMIT / 8 + 1];

static inline void set_bit(uint32_t i) { composite[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static inline int get_bit(uint32_t i) { return composite[i >> 3] >> (i & 7) & 1; }
__attribute__((noinline)) static int sieve(void) {
    memset(composite, 0, sizeof composite);
    set_bit(0); set_bit(1);
    for (uint32_t i = 2; i * i < LIMIT; i++)
        if (!get_bit(i)) for (uint32_t j = i * i; j < LIMIT; j += i) set_bit(j);
    int c = 0;
    for (uint32_t i = 0; i < LIMIT; i++) c += !get_bit(i);
    return c;
}
__attribute__((noinline)) static uint64_t gcd_u(uint64_t a, uint64_t b) { while (b) { uint64_t t = a % b; a = b; b = t; } return a; }
__attribute__((noinline)) static int64_t ext_gcd(int64_t a, int64_t b, int64_t *x, int64_t *y) {
    if (b == 0) { *x = 1; *y = 0; return a; }
    int64_t x1, y1, g = ext_gcd(b, a % b, &x1, &y1);
    *x = y1; *y = x1 - (a / b) * y1;
    return g;
}
__attribute__((noinline)) static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((unsigned __int128)a * b % m); }
__attribute__((noinline)) static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
    uint64_t r = 1 % m; b %= m;
    while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; }
    return r;
}
__attribute__((noinline)) static int miller_rabin(uint64_t n) {
    if (n < 2) return 0;
    static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (int i = 0; i < 12; i++) { if (n == bases[i]) return 1; if (n % bases[i] == 0) return 0; }
    uint64_t d = n - 1; int s = 0;
    while (!(d & 1)) { d >>= 1; s++; }
    for (int i = 0; i < 12; i++) {
        uint64_t x = powmod(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int r = 1; r < s; r++) { x = mulmod(x, x, n); if (x == n - 1) { comp = 0; break; } }
        if (comp) return 0;
    }
    return 1;
}

int main(void) {
    printf("primes below %d: %d\n", LIMIT, sieve());
    int shown = 0;
    for (uint32_t i = LIMIT - 1; shown < 5; i--) if (!get_bit(i)) { printf("prime %u\n", i); shown++; }
    printf("gcd %llu %llu\n", (unsigned long long)gcd_u(1ull << 60, 3ull << 40), (unsigned long long)gcd_u(600851475143ull, 8462696833ull));
    int64_t pairs[][2] = {{240, 46}, {-35, 15}, {1000000007, 12345}, {17, -5}};
    for (int i = 0; i < 4; i++) {
        int64_t x, y, g = ext_gcd(pairs[i][0], pairs[i][1], &x, &y);
        printf("ext_gcd(%lld,%lld) = %lld x=%lld y=%lld check %lld\n", (long long)pairs[i][0], (long long)pairs[i][1], (long long)g, (long long)x, (long long)y,
               (long long)(pairs[i][0] * x + pairs[i][1] * y));
    }
    printf("powmod %llu %llu %llu\n", (unsigned long long)powmod(2, 1000000, 1000000007), (unsigned long long)powmod(3, 0xFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFC5ull),
           (unsigned long long)powmod(7, 0, 1));
    uint64_t cands[] = {1, 2, 97, 561, 1105, 1000000007, 1000000009, 4294967291ull, 4294967297ull, 18446744073709551557ull, 18446744073709551615ull, 3215031751ull};
    for (int i = 0; i < 12; i++) printf("mr %llu %d\n", (unsigned long long)cands[i], miller_rabin(cands[i]));
    uint64_t inv = powmod(12345, 1000000007 - 2, 1000000007);
    printf("inverse %llu check %llu\n", (unsigned long long)inv, (unsigned long long)mulmod(inv, 12345, 1000000007));
    return 0;
}
