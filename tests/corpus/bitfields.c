// Bit-fields: signed and unsigned fields of various widths, packing, read-modify-write, overflow wraparound of unsigned fields.
#include <stdio.h>
#include <stdint.h>

typedef struct {
    unsigned int a : 3;
    signed int b : 5;
    unsigned int c : 12;
    signed int d : 12;
} Packed;

typedef struct {
    uint32_t opcode : 7;
    uint32_t rd : 5;
    uint32_t funct3 : 3;
    uint32_t rs1 : 5;
    int32_t imm : 12;
} IType;

typedef struct {
    unsigned long long lo : 40;
    signed long long hi : 24;
} Wide;

__attribute__((noinline)) static Packed pk_inc(Packed p) { p.a++; p.b--; p.c += 1000; p.d -= 1000; return p; }
__attribute__((noinline)) static uint32_t encode(int rd, int rs1, int imm) {
    IType t; t.opcode = 0x13; t.rd = (uint32_t)rd; t.funct3 = 0; t.rs1 = (uint32_t)rs1; t.imm = imm;
    uint32_t w = (uint32_t)t.opcode | ((uint32_t)t.rd << 7) | ((uint32_t)t.funct3 << 12) | ((uint32_t)t.rs1 << 15) | (((uint32_t)t.imm & 0xfffu) << 20);
    return w;
}
__attribute__((noinline)) static int decode_imm(uint32_t w) {
    IType t; t.imm = (int32_t)((w >> 20) & 0x7ff) - (int32_t)((w >> 20) & 0x800);
    return t.imm;
}
__attribute__((noinline)) static Wide wide_set(long long hi, unsigned long long lo) { Wide w; w.hi = hi; w.lo = lo; return w; }

int main(void) {
    Packed p = {0, 0, 0, 0};
    for (int i = 0; i < 12; i++) {
        p = pk_inc(p);
        printf("p a=%u b=%d c=%u d=%d\n", p.a, p.b, p.c, p.d);
    }
    p.b = -16; printf("b min %d\n", p.b);
    p.b = 15; printf("b max %d\n", p.b);
    p.d = -2048; printf("d min %d\n", p.d);
    int imms[] = {0, 1, -1, 2047, -2048, 100, -100};
    for (int i = 0; i < 7; i++) {
        uint32_t w = encode(i + 1, 31 - i, imms[i]);
        printf("enc %08x imm %d\n", w, decode_imm(w));
    }
    Wide w = wide_set(-5, 0xFFFFFFFFFFull);
    printf("wide hi %lld lo %llu\n", (long long)w.hi, (unsigned long long)w.lo);
    w.lo += 2; w.hi += 8388600;
    printf("wide hi %lld lo %llu\n", (long long)w.hi, (unsigned long long)w.lo);
    printf("sizes %d %d %d\n", (int)sizeof(Packed), (int)sizeof(IType), (int)sizeof(Wide));
    return 0;
}
