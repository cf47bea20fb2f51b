// Pointers: arithmetic, differences, pointer-to-pointer, const pointers, walking arrays backwards, out-params.
#include <stdio.h>
#include <stdint.h>
#include <stddef.h>

__attribute__((noinline)) static void minmax(const int *p, const int *end, int *mn, int *mx) {
    *mn = *mx = *p;
    for (++p; p < end; ++p) { if (*p < *mn) *mn = *p; if (*p > *mx) *mx = *p; }
}
__attribute__((noinline)) static ptrdiff_t find(const int64_t *base, size_t n, int64_t v) {
    for (const int64_t *p = base; p != base + n; p++) if (*p == v) return p - base;
    return -1;
}
__attribute__((noinline)) static void reverse_in_place(int16_t *lo, int16_t *hi) {
    while (lo < hi) { int16_t t = *lo; *lo++ = *hi; *hi-- = t; }
}
__attribute__((noinline)) static void swap_ptrs(const char **a, const char **b) { const char *t = *a; *a = *b; *b = t; }
__attribute__((noinline)) static int sum_strided(const int *p, int count, int stride) {
    int s = 0; for (int i = 0; i < count; i++, p += stride) s += *p; return s;
}
__attribute__((noinline)) static void set_through(int **pp, int v) { **pp = v; (*pp)++; }
__attribute__((noinline)) static uint8_t byte_at(const void *base, size_t off) { return *((const uint8_t *)base + off); }

int main(void) {
    int arr[12];
    for (int i = 0; i < 12; i++) arr[i] = (i * 37) % 23 - 11;
    int mn, mx;
    minmax(arr, arr + 12, &mn, &mx);
    printf("min %d max %d\n", mn, mx);
    int64_t big[8] = {5, 10, -3, 1LL << 40, 7, -3, 0, 99};
    printf("find %ld %ld %ld\n", (long)find(big, 8, -3), (long)find(big, 8, 1LL << 40), (long)find(big, 8, 1234));
    int16_t s[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    reverse_in_place(s, s + 8);
    for (int i = 0; i < 9; i++) printf("%d ", s[i]);
    printf("\n");
    reverse_in_place(&s[2], &s[5]);
    for (int16_t *p = s + 8; p >= s; p--) printf("%d ", *p);
    printf("\n");
    const char *x = "first", *y = "second";
    swap_ptrs(&x, &y);
    printf("%s %s\n", x, y);
    printf("strided %d %d %d\n", sum_strided(arr, 6, 2), sum_strided(arr + 1, 4, 3), sum_strided(arr + 11, 4, -3));
    int out[4] = {0};
    int *cursor = out;
    for (int i = 0; i < 4; i++) set_through(&cursor, i * i + 1);
    printf("out %d %d %d %d advanced %d\n", out[0], out[1], out[2], out[3], (int)(cursor - out));
    uint32_t word = 0xA1B2C3D4u;
    /* little-endian on all three targets */
    printf("bytes %02x %02x %02x %02x\n", byte_at(&word, 0), byte_at(&word, 1), byte_at(&word, 2), byte_at(&word, 3));
    int mat[3][4]; int *flat = &mat[0][0];
    for (int i = 0; i < 12; i++) flat[i] = i * 10;
    printf("mat %d %d diff %d\n", mat[1][2], *(*(mat + 2) + 3), (int)(&mat[2][1] - &mat[0][0]));
    char text[] = "pointer walking";
    char *e = text; while (*e) e++;
    printf("len %d last %c\n", (int)(e - text), e[-1]);
    return 0;
}
