// Read-only data: const lookup tables of every width, string tables, tables of structs with pointers, table-driven decoding.
#include <stdio.h>
#include <stdint.h>

static const uint8_t sbox[16] = {0xC, 0x5, 0x6, 0xB, 0x9, 0x0, 0xA, 0xD, 0x3, 0xE, 0xF, 0x8, 0x4, 0x7, 0x1, 0x2};
static const int16_t sine_q15[16] = {0, 12539, 23170, 30273, 32767, 30273, 23170, 12539, 0, -12539, -23170, -30273, -32767, -30273, -23170, -12539};
static const uint32_t powers10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
static const uint64_t big_primes[4] = {18446744073709551557ull, 9223372036854775783ull, 4294967291ull, 65521ull};
static const double weights[5] = {0.5, 0.25, 0.125, 0.0625, 0.03125};
static const float fweights[3] = {1.5f, -2.75f, 0.375f};
static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const uint8_t month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
typedef struct { const char *mnemonic; uint8_t opcode; int8_t stack_delta; const char *desc; } OpInfo;
static const OpInfo ops[] = {
    {"nop", 0x00, 0, "do nothing"}, {"push", 0x01, 1, "push immediate"}, {"pop", 0x02, -1, "discard"},
    {"add", 0x10, -1, "sum top two"}, {"neg", 0x11, 0, "negate"}, {"jmp", 0x20, 0, "jump"}, {"call", 0x21, 0, "call sub"},
};
static const char hexdigits[] = "0123456789abcdef";

__attribute__((noinline)) static uint16_t present_layer(uint16_t x) {
    uint16_t r = 0;
    for (int i = 0; i < 4; i++) r |= (uint16_t)(sbox[(x >> (4 * i)) & 0xF] << (4 * i));
    return r;
}
__attribute__((noinline)) static int day_of_year(int month, int day, int leap) {
    int d = day;
    for (int m = 0; m < month - 1; m++) d += month_days[m] + (m == 1 && leap);
    return d;
}
__attribute__((noinline)) static const OpInfo *find_op(uint8_t code) {
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) if (ops[i].opcode == code) return &ops[i];
    return NULL;
}
__attribute__((noinline)) static int num_digits(uint32_t v) { int d = 1; while (d < 10 && v >= powers10[d]) d++; return d; }

int main(void) {
    uint16_t st = 0x1234;
    for (int i = 0; i < 6; i++) { st = present_layer(st); printf("layer %d %04x\n", i, st); }
    int64_t acc = 0;
    for (int i = 0; i < 16; i++) acc += (int64_t)sine_q15[i] * sine_q15[(i + 4) % 16];
    printf("sine dot %lld\n", (long long)acc);
    uint32_t tests[] = {0, 9, 10, 99999, 100000, 4294967295u};
    for (int i = 0; i < 6; i++) printf("digits(%u) = %d\n", tests[i], num_digits(tests[i]));
    for (int i = 0; i < 4; i++) printf("prime %llu mod 1000 %llu\n", (unsigned long long)big_primes[i], (unsigned long long)(big_primes[i] % 1000));
    double wsum = 0; for (int i = 0; i < 5; i++) wsum += weights[i] * (i + 1);
    float fsum = 0; for (int i = 0; i < 3; i++) fsum += fweights[i];
    printf("weights %.6f %.4f\n", wsum, (double)fsum);
    for (int m = 1; m <= 12; m += 2) printf("%s 15 -> day %d leap %d\n", month_names[m - 1], day_of_year(m, 15, 0), day_of_year(m, 15, 1));
    uint8_t codes[] = {0x01, 0x10, 0x99, 0x21, 0x00};
    for (int i = 0; i < 5; i++) {
        const OpInfo *op = find_op(codes[i]);
        if (op) printf("op %c%c %s (%+d) %s\n", hexdigits[codes[i] >> 4], hexdigits[codes[i] & 15], op->mnemonic, op->stack_delta, op->desc);
        else printf("op %02x unknown\n", codes[i]);
    }
    return 0;
}
