// Checksums and hashes: bitwise and table-driven CRC32, CRC16-CCITT, Adler-32, FNV-1a 32/64, murmur-style mixing, xorshift PRNG.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t crc_table[256];

__attribute__((noinline)) static uint32_t crc32_bitwise(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}
__attribute__((noinline)) static void crc32_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        crc_table[i] = c;
    }
}
__attribute__((noinline)) static uint32_t crc32_table(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return ~c;
}
__attribute__((noinline)) static uint16_t crc16_ccitt(const uint8_t *p, size_t n) {
    uint16_t c = 0xFFFF;
    for (size_t i = 0; i < n; i++) {
        c ^= (uint16_t)(p[i] << 8);
        for (int k = 0; k < 8; k++) c = (c & 0x8000) ? (uint16_t)((c << 1) ^ 0x1021) : (uint16_t)(c << 1);
    }
    return c;
}
__attribute__((noinline)) static uint32_t adler32(const uint8_t *p, size_t n) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) { a = (a + p[i]) % 65521; b = (b + a) % 65521; }
    return (b << 16) | a;
}
__attribute__((noinline)) static uint32_t fnv1a32(const uint8_t *p, size_t n) { uint32_t h = 2166136261u; for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 16777619u; } return h; }
__attribute__((noinline)) static uint64_t fnv1a64(const uint8_t *p, size_t n) { uint64_t h = 14695981039346656037ull; for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ull; } return h; }
__attribute__((noinline)) static uint64_t mix64(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdull; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ull; x ^= x >> 33; return x;
}
__attribute__((noinline)) static uint64_t xorshift64(uint64_t *s) { uint64_t x = *s; x ^= x << 13; x ^= x >> 7; x ^= x << 17; return *s = x; }

int main(void) {
    crc32_init();
    const char *msgs[] = {"", "a", "abc", "123456789", "The quick brown fox jumps over the lazy dog", "transpile me, please!"};
    for (int i = 0; i < 6; i++) {
        const uint8_t *p = (const uint8_t *)msgs[i]; size_t n = strlen(msgs[i]);
        printf("'%s': crc32 %08x %08x crc16 %04x adler %08x fnv32 %08x fnv64 %016llx\n", msgs[i], crc32_bitwise(p, n), crc32_table(p, n),
               crc16_ccitt(p, n), adler32(p, n), fnv1a32(p, n), (unsigned long long)fnv1a64(p, n));
    }
    uint8_t big[4096];
    uint64_t st = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 4096; i++) big[i] = (uint8_t)(xorshift64(&st) >> 56);
    printf("big crc %08x adler %08x fnv %08x\n", crc32_table(big, sizeof big), adler32(big, sizeof big), fnv1a32(big, sizeof big));
    for (uint64_t k = 0; k < 6; k++) printf("mix %llu -> %016llx\n", (unsigned long long)k, (unsigned long long)mix64(k));
    return 0;
}
