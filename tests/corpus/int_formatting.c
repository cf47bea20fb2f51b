// printf integer formatting: %d %u %x %X %o %c, length modifiers hh h l ll z, widths, precision, flags, sprintf into buffers.
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <limits.h>

int main(void) {
    int ints[] = {0, 1, -1, 42, -42, 255, 65535, INT_MAX, INT_MIN};
    for (int i = 0; i < 9; i++) {
        int v = ints[i];
        printf("[%d] [%5d] [%-5d|] [%+d] [% d] [%05d] [%.3d] [%u] [%x] [%X] [%o] [%#x] [%#o]\n", v, v, v, v, v, v, v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v);
    }
    printf("hh %hhd %hhu %hhx\n", (signed char)-3, (unsigned char)250, (unsigned char)171);
    printf("h %hd %hu\n", (short)-12345, (unsigned short)54321);
    printf("l %ld %lu %lx\n", -1234567890L, 4000000000UL, 0xdeadbeefUL);
    printf("ll %lld %llu %llx %llo\n", LLONG_MIN, ULLONG_MAX, 0x0123456789abcdefULL, 01777777777777777777777ULL);
    printf("z %zu %zx\n", sizeof(int64_t) * 1000, (size_t)4096);
    printf("c [%c%c%c] [%3c] [%-3c]\n", 'a', 66, '!', 'x', 'y');
    printf("s [%s] [%10s] [%-10s] [%.3s] [%*s]\n", "str", "right", "left", "truncate", 6, "st");
    printf("pct 100%%\n");
    char buf[128];
    int n = sprintf(buf, "%d-%d-%d", 2024, -7, 0);
    printf("sprintf %d '%s'\n", n, buf);
    n = snprintf(buf, 10, "%s", "0123456789abcdef");
    printf("snprintf %d '%s'\n", n, buf);
    int64_t i64 = -9000000000000000000LL; uint64_t u64 = 18000000000000000000ULL;
    printf("i64 %lld u64 %llu hex %016llx\n", (long long)i64, (unsigned long long)u64, (unsigned long long)u64);
    uint8_t u8 = 200; int16_t i16 = -300;
    printf("u8 %u i16 %d\n", u8, i16);
    for (int w = 1; w <= 12; w += 3) printf("[%*d] [%-*x]\n", w, 12345, w, 0xabc);
    return 0;
}
