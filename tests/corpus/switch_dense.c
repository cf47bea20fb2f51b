// Dense switch statements (jump tables at -O2) in noinline functions: int cases, returning values, fallthrough.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int day_score(int d) {
    int r;
    switch (d) {
    case 0: r = 17; break;
    case 1: r = 4; puts("monday"); break;
    case 2: r = d * 9 + 1; break;
    case 3: r = -3; break;
    case 4: r = 1000; puts("thursday"); break;
    case 5: r = d << 4; break;
    case 6: r = 77; break;
    case 7: r = -d; break;
    case 8: r = 31; puts("eight"); break;
    case 9: r = 5; break;
    case 10: r = d * d; break;
    case 11: r = 11 - 3 * d; puts("eleven"); break;
    case 12: r = 12345; break;
    case 13: r = d ^ 0x5a; break;
    case 14: r = -d * 7; puts("fourteen"); break;
    case 15: r = 3; break;
    default: r = -1; break;
    }
    return r;
}

__attribute__((noinline)) static int64_t apply_op(int op, int64_t a, int64_t b) {
    switch (op) {
    case 10: return a + b;
    case 11: return a - b;
    case 12: return a * b;
    case 13: return b != 0 ? a / b : 0;
    case 14: return b != 0 ? a % b : 0;
    case 15: return a & b;
    case 16: return a | b;
    case 17: return a ^ b;
    case 18: return (int64_t)((uint64_t)a << (b & 63));
    case 19: return a >> (b & 63);
    case 20: return a < b;
    case 21: return a == b;
    default: return -999;
    }
}

__attribute__((noinline)) static unsigned fallthrough_count(unsigned n) {
    unsigned c = 0;
    switch (n) {
    case 9: c += 9; /* fall through */
    case 8: c += 8; /* fall through */
    case 7: c += 7; /* fall through */
    case 6: c += 6; /* fall through */
    case 5: c += 5; /* fall through */
    case 4: c += 4; /* fall through */
    case 3: c += 3; /* fall through */
    case 2: c += 2; /* fall through */
    case 1: c += 1; break;
    default: c = 12345;
    }
    return c;
}

/* negative, offset range */
__attribute__((noinline)) static const char *temp_word(signed char t) {
    switch (t) {
    case -4: return "frigid";
    case -3: return "freezing";
    case -2: return "icy";
    case -1: return "cold";
    case 0: return "zero";
    case 1: return "cool";
    case 2: return "mild";
    case 3: return "warm";
    case 4: return "hot";
    case 5: return "scorching";
    default: return "unknown";
    }
}

int main(void) {
    int64_t total = 0;
    for (int d = -2; d < 18; d++) { int s = day_score(d); printf("day %d -> %d\n", d, s); total += s; }
    printf("total %lld\n", (long long)total);
    for (int op = 9; op <= 22; op++) printf("op %d: %lld %lld\n", op, (long long)apply_op(op, -100, 7), (long long)apply_op(op, 123456789, 3));
    for (unsigned n = 0; n < 12; n++) printf("ft %u %u\n", n, fallthrough_count(n));
    for (int t = -6; t <= 7; t++) printf("temp %d %s\n", t, temp_word((signed char)t));
    return 0;
}
