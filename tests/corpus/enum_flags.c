// Enums and bit flags: explicit values, flag sets with masks, enum-indexed tables, permission checks, bitset iteration.
#include <stdio.h>
#include <stdint.h>

typedef enum { PERM_READ = 1 << 0, PERM_WRITE = 1 << 1, PERM_EXEC = 1 << 2, PERM_ADMIN = 1 << 7 } Perm;
typedef enum { RED, ORANGE, YELLOW, GREEN, BLUE, INDIGO, VIOLET, COLOR_COUNT } Color;
typedef enum { NEG_BASE = -3, NEG_NEXT, ZERO_ISH, FAR = 1000 } Odd;

static const char *const color_names[COLOR_COUNT] = {"red", "orange", "yellow", "green", "blue", "indigo", "violet"};
static const uint32_t color_rgb[COLOR_COUNT] = {0xFF0000, 0xFF7F00, 0xFFFF00, 0x00FF00, 0x0000FF, 0x4B0082, 0x9400D3};

__attribute__((noinline)) static int can(unsigned have, unsigned need) { return (have & need) == need; }
__attribute__((noinline)) static unsigned grant(unsigned have, Perm p) { return have | (unsigned)p; }
__attribute__((noinline)) static unsigned revoke(unsigned have, Perm p) { return have & ~(unsigned)p; }
__attribute__((noinline)) static Color next_color(Color c) { return (Color)((c + 1) % COLOR_COUNT); }
__attribute__((noinline)) static void describe(unsigned perms) {
    printf("perms %02x:", perms);
    if (perms & PERM_READ) printf(" read");
    if (perms & PERM_WRITE) printf(" write");
    if (perms & PERM_EXEC) printf(" exec");
    if (perms & PERM_ADMIN) printf(" admin");
    printf("\n");
}
__attribute__((noinline)) static int iterate_bits(uint64_t set, int *out) {
    int n = 0;
    while (set) { int b = __builtin_ctzll(set); out[n++] = b; set &= set - 1; }
    return n;
}

int main(void) {
    unsigned p = 0;
    describe(p);
    p = grant(p, PERM_READ); p = grant(p, PERM_EXEC); describe(p);
    printf("can rw %d rx %d\n", can(p, PERM_READ | PERM_WRITE), can(p, PERM_READ | PERM_EXEC));
    p = grant(p, PERM_ADMIN); p = revoke(p, PERM_READ); describe(p);
    Color c = VIOLET;
    for (int i = 0; i < 9; i++) { c = next_color(c); printf("%s #%06x\n", color_names[c], color_rgb[c]); }
    printf("odd %d %d %d %d\n", NEG_BASE, NEG_NEXT, ZERO_ISH, FAR);
    uint64_t set = 0;
    for (int i = 0; i < 64; i += 7) set |= 1ull << i;
    set |= 1ull << 63;
    int bits[64]; int n = iterate_bits(set, bits);
    printf("bits %d:", n); for (int i = 0; i < n; i++) printf(" %d", bits[i]); printf("\n");
    return 0;
}
