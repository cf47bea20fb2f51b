// Function pointers: dispatch tables, callbacks, returning function pointers, pointers to static functions in structs.
#include <stdio.h>
#include <stdint.h>

typedef int64_t (*binop)(int64_t, int64_t);
typedef double (*dfn)(double);

__attribute__((noinline)) static int64_t op_add(int64_t a, int64_t b) { return a + b; }
__attribute__((noinline)) static int64_t op_sub(int64_t a, int64_t b) { return a - b; }
__attribute__((noinline)) static int64_t op_mul(int64_t a, int64_t b) { return a * b; }
__attribute__((noinline)) static int64_t op_max(int64_t a, int64_t b) { return a > b ? a : b; }
__attribute__((noinline)) static int64_t op_xor(int64_t a, int64_t b) { return a ^ b; }
static double half(double x) { return x / 2; }
static double square(double x) { return x * x; }
static double negate(double x) { return -x; }

static const binop table[] = {op_add, op_sub, op_mul, op_max, op_xor};
static const char *const names[] = {"add", "sub", "mul", "max", "xor"};

__attribute__((noinline)) static int64_t fold(const int64_t *v, int n, binop f, int64_t init) {
    int64_t acc = init;
    for (int i = 0; i < n; i++) acc = f(acc, v[i]);
    return acc;
}
__attribute__((noinline)) static binop pick(char c) {
    switch (c) { case '+': return op_add; case '-': return op_sub; case '*': return op_mul; default: return 0; }
}
__attribute__((noinline)) static double compose(dfn f, dfn g, double x) { return f(g(x)); }

struct Shape { const char *name; double (*area)(const struct Shape *); double a, b; };
static double rect_area(const struct Shape *s) { return s->a * s->b; }
static double tri_area(const struct Shape *s) { return s->a * s->b / 2; }

static void apply_all(void (*cb)(int, void *), void *ctx, int n) { for (int i = 0; i < n; i++) cb(i, ctx); }
static void accumulate(int i, void *ctx) { int64_t *p = (int64_t *)ctx; *p = *p * 3 + i; }

int main(void) {
    int64_t v[] = {3, -7, 12, 5, -1, 8};
    for (int i = 0; i < 5; i++) printf("%s fold %lld\n", names[i], (long long)fold(v, 6, table[i], i == 2 ? 1 : 0));
    const char *expr = "+-*?";
    for (const char *p = expr; *p; p++) {
        binop f = pick(*p);
        if (f) printf("%c: %lld\n", *p, (long long)f(100, 7)); else printf("%c: none\n", *p);
    }
    dfn fs[] = {half, square, negate};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) printf("compose %d %d: %g\n", i, j, compose(fs[i], fs[j], 3.0));
    struct Shape shapes[] = {{"rect", rect_area, 3, 4}, {"tri", tri_area, 5, 3}, {"sq", rect_area, 2.5, 2.5}};
    for (int i = 0; i < 3; i++) printf("%s area %.3f\n", shapes[i].name, shapes[i].area(&shapes[i]));
    int64_t ctx = 1;
    apply_all(accumulate, &ctx, 10);
    printf("ctx %lld\n", (long long)ctx);
    binop volatile_choice = (v[0] > 0) ? op_mul : op_add;
    printf("choice %lld\n", (long long)volatile_choice(6, 7));
    return 0;
}
