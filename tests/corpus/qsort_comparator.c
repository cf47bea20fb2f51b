// qsort with several comparators (ints, doubles, strings, structs with tie-breaks) and bsearch.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct { char name[12]; int age; double score; } Person;

static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_u64(const void *a, const void *b) { uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b; return x < y ? -1 : x > y; }
static int cmp_double(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
static int cmp_person(const void *a, const void *b) {
    const Person *p = a, *q = b;
    if (p->age != q->age) return p->age - q->age;
    if (p->score != q->score) return p->score < q->score ? 1 : -1;
    return strcmp(p->name, q->name);
}
static int cmp_abs_then_value(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    int ax = x < 0 ? -x : x, ay = y < 0 ? -y : y;
    if (ax != ay) return ax - ay;
    return cmp_int(a, b);
}

int main(void) {
    int v[25];
    uint32_t seed = 12345;
    for (int i = 0; i < 25; i++) { seed = seed * 1103515245u + 12345u; v[i] = (int)((seed >> 16) % 200) - 100; }
    qsort(v, 25, sizeof v[0], cmp_int);
    for (int i = 0; i < 25; i++) printf("%d ", v[i]);
    printf("\n");
    int keys[] = {v[3], v[17], 1000, -101};
    for (int i = 0; i < 4; i++) { int *hit = bsearch(&keys[i], v, 25, sizeof v[0], cmp_int); printf("bsearch %d: %s\n", keys[i], hit ? "found" : "missing"); }
    qsort(v, 25, sizeof v[0], cmp_int_desc);
    for (int i = 0; i < 25; i++) printf("%d ", v[i]);
    printf("\n");
    qsort(v, 25, sizeof v[0], cmp_abs_then_value);
    for (int i = 0; i < 25; i++) printf("%d ", v[i]);
    printf("\n");
    uint64_t u[8] = {0xFFFFFFFFFFFFFFFFull, 0, 1ull << 63, 42, 7, 1ull << 32, 99999999999ull, 3};
    qsort(u, 8, sizeof u[0], cmp_u64);
    for (int i = 0; i < 8; i++) printf("%llu ", (unsigned long long)u[i]);
    printf("\n");
    double d[] = {3.5, -0.25, 1e10, -1e-5, 0.0, 2.75, -7.0, 100.5};
    qsort(d, 8, sizeof d[0], cmp_double);
    for (int i = 0; i < 8; i++) printf("%g ", d[i]);
    printf("\n");
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "apricot", "date", "Zebra", "apple2"};
    qsort(words, 9, sizeof words[0], cmp_str);
    for (int i = 0; i < 9; i++) printf("%s ", words[i]);
    printf("\n");
    Person ps[] = {{"ann", 30, 88.5}, {"bob", 25, 92.0}, {"cat", 30, 95.25}, {"dan", 25, 92.0}, {"eve", 41, 70.0}, {"fay", 30, 88.5}};
    qsort(ps, 6, sizeof ps[0], cmp_person);
    for (int i = 0; i < 6; i++) printf("%s/%d/%.2f ", ps[i].name, ps[i].age, ps[i].score);
    printf("\n");
    return 0;
}
