// Multi-precision arithmetic on uint32 limbs with 64-bit intermediates: add, sub, mul, small div, factorial 50!, 2^200, carry chains.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define LIMBS 40
typedef struct { uint32_t d[LIMBS]; int n; } Big;

static void big_set(Big *b, uint64_t v) { memset(b, 0, sizeof *b); b->d[0] = (uint32_t)v; b->d[1] = (uint32_t)(v >> 32); b->n = b->d[1] ? 2 : 1; }
static void big_norm(Big *b) { while (b->n > 1 && b->d[b->n - 1] == 0) b->n--; }
__attribute__((noinline)) static void big_add(Big *r, const Big *a, const Big *b) {
    uint64_t carry = 0; int n = a->n > b->n ? a->n : b->n;
    for (int i = 0; i < n; i++) { uint64_t s = (uint64_t)a->d[i] + b->d[i] + carry; r->d[i] = (uint32_t)s; carry = s >> 32; }
    r->n = n;
    if (carry) r->d[r->n++] = (uint32_t)carry;
    for (int i = r->n; i < LIMBS; i++) r->d[i] = 0;
}
__attribute__((noinline)) static void big_sub(Big *r, const Big *a, const Big *b) { /* requires a >= b */
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t s = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = s < 0; if (s < 0) s += (int64_t)1 << 32;
        r->d[i] = (uint32_t)s;
    }
    r->n = a->n;
    for (int i = r->n; i < LIMBS; i++) r->d[i] = 0;
    big_norm(r);
}
__attribute__((noinline)) static void big_mul(Big *r, const Big *a, const Big *b) {
    uint32_t t[LIMBS] = {0};
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->n && i + j < LIMBS; j++) {
            uint64_t cur = (uint64_t)a->d[i] * b->d[j] + t[i + j] + carry;
            t[i + j] = (uint32_t)cur; carry = cur >> 32;
        }
        if (i + b->n < LIMBS) t[i + b->n] = (uint32_t)carry;
    }
    memcpy(r->d, t, sizeof t);
    r->n = a->n + b->n > LIMBS ? LIMBS : a->n + b->n;
    big_norm(r);
}
__attribute__((noinline)) static uint32_t big_divsmall(Big *a, uint32_t v) {
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) { uint64_t cur = (rem << 32) | a->d[i]; a->d[i] = (uint32_t)(cur / v); rem = cur % v; }
    big_norm(a);
    return (uint32_t)rem;
}
static void big_print(const char *tag, const Big *b) {
    Big t = *b; char buf[400]; int i = (int)sizeof buf - 1; buf[i] = 0;
    do { uint32_t r = big_divsmall(&t, 1000000000u); for (int k = 0; k < 9; k++) { buf[--i] = (char)('0' + r % 10); r /= 10; } } while (!(t.n == 1 && t.d[0] == 0));
    while (buf[i] == '0' && buf[i + 1]) i++;
    printf("%s = %s\n", tag, buf + i);
}

int main(void) {
    Big f, k, p, two, s, d;
    big_set(&f, 1);
    for (uint64_t i = 2; i <= 50; i++) { big_set(&k, i); big_mul(&f, &f, &k); if (i % 10 == 0) { char t[16]; snprintf(t, sizeof t, "%llu!", (unsigned long long)i); big_print(t, &f); } }
    big_set(&p, 1); big_set(&two, 2);
    for (int i = 0; i < 200; i++) big_mul(&p, &p, &two);
    big_print("2^200", &p);
    big_add(&s, &p, &f);
    big_print("2^200+50!", &s);
    big_sub(&d, &s, &f);
    big_print("back", &d);
    big_set(&k, 0xFFFFFFFFFFFFFFFFull);
    big_add(&s, &k, &k);
    big_print("2*(2^64-1)", &s);
    big_mul(&s, &k, &k);
    big_print("(2^64-1)^2", &s);
    Big fib_a, fib_b, fib_t;
    big_set(&fib_a, 0); big_set(&fib_b, 1);
    for (int i = 0; i < 300; i++) { big_add(&fib_t, &fib_a, &fib_b); fib_a = fib_b; fib_b = fib_t; }
    big_print("fib300", &fib_a);
    uint32_t r = big_divsmall(&fib_a, 7);
    printf("fib300 mod 7 = %u\n", r);
    return 0;
}
