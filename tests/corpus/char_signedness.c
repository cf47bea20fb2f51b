// Explicit signed char vs unsigned char: sign/zero extension, comparisons, promotion in arithmetic, byte buffers with high bytes.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int sc_to_int(signed char c) { return c; }
__attribute__((noinline)) static int uc_to_int(unsigned char c) { return c; }
__attribute__((noinline)) static int sum_signed(const signed char *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
__attribute__((noinline)) static int sum_unsigned(const unsigned char *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
__attribute__((noinline)) static int count_negative(const signed char *p, int n) { int c = 0; for (int i = 0; i < n; i++) c += p[i] < 0; return c; }
__attribute__((noinline)) static signed char sc_add(signed char a, signed char b) { return (signed char)(a + b); }
__attribute__((noinline)) static unsigned char uc_sub(unsigned char a, unsigned char b) { return (unsigned char)(a - b); }
__attribute__((noinline)) static int cmp_sc(signed char a, signed char b) { return a < b; }
__attribute__((noinline)) static int cmp_uc(unsigned char a, unsigned char b) { return a < b; }
__attribute__((noinline)) static int16_t sc_to_s16(signed char c) { return c; }
__attribute__((noinline)) static uint16_t uc_to_u16(unsigned char c) { return c; }
__attribute__((noinline)) static int64_t sc_to_i64(signed char c) { return c; }

int main(void) {
    int vals[] = {0, 1, 127, 128, 200, 255, -1, -128};
    for (int i = 0; i < 8; i++) {
        signed char s = (signed char)vals[i]; unsigned char u = (unsigned char)vals[i];
        printf("%d: sc %d uc %d s16 %d u16 %u i64 %lld\n", vals[i], sc_to_int(s), uc_to_int(u), sc_to_s16(s), uc_to_u16(u), (long long)sc_to_i64(s));
    }
    unsigned char raw[16];
    for (int i = 0; i < 16; i++) raw[i] = (unsigned char)(i * 17 + 3);
    printf("sums signed %d unsigned %d neg %d\n", sum_signed((const signed char *)raw, 16), sum_unsigned(raw, 16), count_negative((const signed char *)raw, 16));
    printf("sc_add %d %d %d\n", sc_add(100, 27), sc_add(100, 28), sc_add(-128, -1));
    printf("uc_sub %u %u\n", uc_sub(5, 10), uc_sub(200, 100));
    printf("cmp %d %d %d %d\n", cmp_sc(-1, 1), cmp_uc((unsigned char)-1, 1), cmp_sc((signed char)200, 100), cmp_uc(200, 100));
    const char *text = "caf\xc3\xa9 na\xc3\xafve";
    int high = 0, low = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) { if (*p >= 0x80) high++; else low++; }
    printf("utf8 high %d low %d\n", high, low);
    signed char sbuf[4] = {-1, -2, 127, -128};
    unsigned word = 0;
    for (int i = 0; i < 4; i++) word = (word << 8) | (unsigned char)sbuf[i];
    printf("packed %08x\n", word);
    int32_t ext = 0;
    for (int i = 0; i < 4; i++) ext += sbuf[i] * (i + 1);
    printf("weighted %d\n", ext);
    return 0;
}
