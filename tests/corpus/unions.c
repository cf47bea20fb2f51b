// Unions: type punning floats/ints (IEEE bits), overlapping arrays, tagged unions, union by value.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef union { float f; uint32_t u; } FBits;
typedef union { double d; uint64_t u; uint32_t w[2]; } DBits;
typedef union { uint32_t word; uint8_t bytes[4]; uint16_t halves[2]; } Word;
typedef enum { T_INT, T_DBL, T_STR } Tag;
typedef struct { Tag tag; union { int64_t i; double d; char s[12]; } as; } Value;

__attribute__((noinline)) static uint32_t float_bits(float f) { FBits b; b.f = f; return b.u; }
__attribute__((noinline)) static float bits_float(uint32_t u) { FBits b; b.u = u; return b.f; }
__attribute__((noinline)) static uint64_t double_bits(double d) { DBits b; b.d = d; return b.u; }
__attribute__((noinline)) static DBits dbits_neg(DBits x) { x.u ^= 0x8000000000000000ull; return x; }
__attribute__((noinline)) static void value_print(Value v) {
    switch (v.tag) {
    case T_INT: printf("int %lld\n", (long long)v.as.i); break;
    case T_DBL: printf("dbl %.5f\n", v.as.d); break;
    case T_STR: printf("str %s\n", v.as.s); break;
    }
}
__attribute__((noinline)) static Value value_add(Value a, Value b) {
    Value r;
    if (a.tag == T_INT && b.tag == T_INT) { r.tag = T_INT; r.as.i = a.as.i + b.as.i; }
    else if (a.tag == T_STR || b.tag == T_STR) { r.tag = T_STR; strcpy(r.as.s, "concat?"); }
    else { r.tag = T_DBL; r.as.d = (a.tag == T_INT ? (double)a.as.i : a.as.d) + (b.tag == T_INT ? (double)b.as.i : b.as.d); }
    return r;
}

int main(void) {
    float fs[] = {0.0f, -0.0f, 1.0f, -1.5f, 3.14159274f, 1e-38f, 1e38f, 0.1f};
    for (int i = 0; i < 8; i++) {
        uint32_t u = float_bits(fs[i]);
        printf("float %g bits %08x exp %u mant %06x back %g\n", (double)fs[i], u, (u >> 23) & 0xff, u & 0x7fffff, (double)bits_float(u));
    }
    double ds[] = {1.0, -2.0, 0.1, 1e300, 5e-324, 123456.789};
    for (int i = 0; i < 6; i++) {
        DBits b; b.d = ds[i];
        DBits n = dbits_neg(b);
        printf("double %g bits %016llx hi %08x lo %08x neg %g\n", ds[i], (unsigned long long)double_bits(ds[i]), b.w[1], b.w[0], n.d);
    }
    Word w; w.word = 0x11223344u;
    printf("word bytes %02x %02x %02x %02x halves %04x %04x\n", w.bytes[0], w.bytes[1], w.bytes[2], w.bytes[3], w.halves[0], w.halves[1]);
    w.bytes[2] = 0xAB;
    printf("word now %08x\n", w.word);
    Value v1 = {T_INT, {.i = 40}}, v2 = {T_INT, {.i = 2}}, v3 = {T_DBL, {.d = 0.5}};
    Value v4; v4.tag = T_STR; strcpy(v4.as.s, "hello");
    value_print(value_add(v1, v2));
    value_print(value_add(v1, v3));
    value_print(value_add(v3, v3));
    value_print(value_add(v4, v1));
    value_print(v4);
    printf("sizeof Value %d\n", (int)sizeof(Value));
    return 0;
}
