// Dynamic arrays grown with realloc (ints, structs, strings), shrink-to-fit, stack and queue on top, free everything.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct { int64_t *data; size_t len, cap; } Vec;
typedef struct { char **items; size_t len, cap; } StrVec;
typedef struct { int x, y; } P;

__attribute__((noinline)) static void vec_push(Vec *v, int64_t x) {
    if (v->len == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 1;
        int64_t *nd = realloc(v->data, nc * sizeof *nd);
        if (!nd) exit(1);
        v->data = nd; v->cap = nc;
    }
    v->data[v->len++] = x;
}
__attribute__((noinline)) static int64_t vec_pop(Vec *v) { return v->data[--v->len]; }
__attribute__((noinline)) static void vec_shrink(Vec *v) {
    if (v->len == 0) { free(v->data); v->data = NULL; v->cap = 0; return; }
    int64_t *nd = realloc(v->data, v->len * sizeof *nd);
    if (nd) { v->data = nd; v->cap = v->len; }
}
__attribute__((noinline)) static void sv_push(StrVec *s, const char *txt) {
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap + s->cap / 2 + 1 : 2;
        char **ni = realloc(s->items, s->cap * sizeof *ni);
        if (!ni) exit(1);
        s->items = ni;
    }
    size_t n = strlen(txt);
    s->items[s->len] = malloc(n + 1);
    if (!s->items[s->len]) exit(1);
    memcpy(s->items[s->len], txt, n + 1);
    s->len++;
}

int main(void) {
    Vec v = {0};
    size_t caps_seen = 0, last_cap = 0;
    for (int64_t i = 0; i < 1000; i++) {
        vec_push(&v, i * i - 500 * i);
        if (v.cap != last_cap) { caps_seen++; last_cap = v.cap; }
    }
    printf("len %zu cap %zu growths %zu\n", v.len, v.cap, caps_seen);
    int64_t sum = 0;
    for (size_t i = 0; i < v.len; i++) sum += v.data[i];
    printf("sum %lld\n", (long long)sum);
    for (int i = 0; i < 995; i++) vec_pop(&v);
    vec_shrink(&v);
    printf("after pops len %zu cap %zu:", v.len, v.cap);
    for (size_t i = 0; i < v.len; i++) printf(" %lld", (long long)v.data[i]);
    printf("\n");
    free(v.data);
    StrVec sv = {0};
    char buf[32];
    for (int i = 0; i < 25; i++) { snprintf(buf, sizeof buf, "item-%03d-%c", i * 13 % 25, 'a' + i % 26); sv_push(&sv, buf); }
    printf("strvec len %zu cap %zu first %s last %s\n", sv.len, sv.cap, sv.items[0], sv.items[sv.len - 1]);
    size_t total = 0;
    for (size_t i = 0; i < sv.len; i++) { total += strlen(sv.items[i]); free(sv.items[i]); }
    free(sv.items);
    printf("total chars %zu\n", total);
    /* array of structs grown by realloc, used as a ring queue */
    size_t cap = 4, head = 0, count = 0;
    P *q = malloc(cap * sizeof *q);
    if (!q) return 1;
    for (int i = 0; i < 40; i++) {
        if (count == cap) {
            P *nq = malloc(cap * 2 * sizeof *nq);
            if (!nq) return 1;
            for (size_t j = 0; j < count; j++) nq[j] = q[(head + j) % cap];
            free(q); q = nq; head = 0; cap *= 2;
        }
        q[(head + count) % cap] = (P){i, i * i};
        count++;
        if (i % 3 == 2) { P out = q[head]; head = (head + 1) % cap; count--; printf("deq (%d,%d) ", out.x, out.y); }
    }
    printf("\nqueue left %zu cap %zu\n", count, cap);
    free(q);
    return 0;
}
