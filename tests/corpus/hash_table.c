// Chained hash table with string keys on malloc: insert/update/lookup/delete, resize (rehash), iteration in bucket order.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct Entry { char *key; int64_t value; struct Entry *next; } Entry;
typedef struct { Entry **buckets; size_t nbuckets, size; } Table;

__attribute__((noinline)) static uint32_t hash_str(const char *s) {
    uint32_t h = 5381;
    for (; *s; s++) h = h * 33u ^ (uint8_t)*s;
    return h;
}
static void table_init(Table *t, size_t n) { t->buckets = calloc(n, sizeof(Entry *)); if (!t->buckets) exit(1); t->nbuckets = n; t->size = 0; }
__attribute__((noinline)) static void table_resize(Table *t) {
    size_t nn = t->nbuckets * 2;
    Entry **nb = calloc(nn, sizeof(Entry *));
    if (!nb) exit(1);
    for (size_t i = 0; i < t->nbuckets; i++) {
        Entry *e = t->buckets[i];
        while (e) { Entry *nx = e->next; size_t j = hash_str(e->key) % nn; e->next = nb[j]; nb[j] = e; e = nx; }
    }
    free(t->buckets);
    t->buckets = nb; t->nbuckets = nn;
}
__attribute__((noinline)) static void table_put(Table *t, const char *k, int64_t v) {
    size_t i = hash_str(k) % t->nbuckets;
    for (Entry *e = t->buckets[i]; e; e = e->next) if (strcmp(e->key, k) == 0) { e->value = v; return; }
    Entry *e = malloc(sizeof *e);
    if (!e) exit(1);
    e->key = malloc(strlen(k) + 1);
    if (!e->key) exit(1);
    strcpy(e->key, k);
    e->value = v; e->next = t->buckets[i]; t->buckets[i] = e;
    if (++t->size > t->nbuckets * 3 / 4) table_resize(t);
}
__attribute__((noinline)) static int table_get(const Table *t, const char *k, int64_t *out) {
    for (Entry *e = t->buckets[hash_str(k) % t->nbuckets]; e; e = e->next) if (strcmp(e->key, k) == 0) { *out = e->value; return 1; }
    return 0;
}
__attribute__((noinline)) static int table_del(Table *t, const char *k) {
    Entry **pp = &t->buckets[hash_str(k) % t->nbuckets];
    for (; *pp; pp = &(*pp)->next)
        if (strcmp((*pp)->key, k) == 0) { Entry *d = *pp; *pp = d->next; free(d->key); free(d); t->size--; return 1; }
    return 0;
}
static void table_free(Table *t) {
    for (size_t i = 0; i < t->nbuckets; i++) { Entry *e = t->buckets[i]; while (e) { Entry *n = e->next; free(e->key); free(e); e = n; } }
    free(t->buckets);
}

int main(void) {
    Table t; table_init(&t, 4);
    char key[32];
    for (int i = 0; i < 60; i++) { snprintf(key, sizeof key, "key%d", i * 7 % 45); table_put(&t, key, (int64_t)i * i - 100); }
    printf("size %zu buckets %zu\n", t.size, t.nbuckets);
    const char *words = "the cat sat on the mat and the dog sat on the log with the cat";
    char w[16]; const char *p = words;
    while (*p) {
        int n = 0;
        while (*p && *p != ' ') { if (n < 15) w[n++] = *p; p++; }
        w[n] = 0; if (*p) p++;
        int64_t c = 0; table_get(&t, w, &c); table_put(&t, w, c + 1);
    }
    const char *look[] = {"the", "cat", "sat", "zebra", "key0", "key44", "key45", "log"};
    for (int i = 0; i < 8; i++) { int64_t v = 0; int ok = table_get(&t, look[i], &v); printf("get %s: %d %lld\n", look[i], ok, (long long)v); }
    int d1 = table_del(&t, "the"); int d2 = table_del(&t, "the"); int d3 = table_del(&t, "key3");
    printf("del %d %d %d\n", d1, d2, d3);
    size_t longest = 0, used = 0;
    for (size_t i = 0; i < t.nbuckets; i++) { size_t n = 0; for (Entry *e = t.buckets[i]; e; e = e->next) n++; if (n) used++; if (n > longest) longest = n; }
    printf("size %zu buckets %zu used %zu longest %zu\n", t.size, t.nbuckets, used, longest);
    for (size_t i = 0; i < t.nbuckets && i < 16; i++) {
        printf("b%zu:", i);
        for (Entry *e = t.buckets[i]; e; e = e->next) printf(" %s=%lld", e->key, (long long)e->value);
        printf("\n");
    }
    table_free(&t);
    return 0;
}
