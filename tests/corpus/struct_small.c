// Small structs (<= 16 bytes, incl. 8-byte ones) passed and returned by value, in arrays, and through pointers.
#include <stdio.h>
#include <stdint.h>

typedef struct { int32_t x, y; } Pt;                 /* 8 bytes */
typedef struct { uint8_t r, g, b, a; } Rgba;        /* 4 bytes */
typedef struct { int16_t lo; int16_t hi; int32_t n; } Mixed; /* 8 bytes */
typedef struct { int64_t a; int32_t b; } Pair12;     /* 16 bytes with padding */
typedef struct { char tag; int64_t val; } Tagged;    /* 16 bytes */

__attribute__((noinline)) static Pt pt_add(Pt a, Pt b) { Pt r = {a.x + b.x, a.y + b.y}; return r; }
__attribute__((noinline)) static Pt pt_scale(Pt a, int k) { a.x *= k; a.y *= k; return a; }
__attribute__((noinline)) static int64_t pt_cross(Pt a, Pt b) { return (int64_t)a.x * b.y - (int64_t)a.y * b.x; }
__attribute__((noinline)) static Rgba blend(Rgba p, Rgba q) {
    Rgba r;
    r.r = (uint8_t)((p.r + q.r) / 2); r.g = (uint8_t)((p.g + q.g) / 2);
    r.b = (uint8_t)((p.b + q.b) / 2); r.a = (uint8_t)(p.a > q.a ? p.a : q.a);
    return r;
}
__attribute__((noinline)) static Mixed mixed_make(int v) { Mixed m = {(int16_t)(v & 0x7fff), (int16_t)-(v >> 4), v * 3}; return m; }
__attribute__((noinline)) static Pair12 pair_swap(Pair12 p) { Pair12 r = {p.b, (int32_t)(p.a & 0x7fffffff)}; return r; }
__attribute__((noinline)) static Tagged tag_inc(Tagged t, int by) { t.tag = (char)(t.tag + 1); t.val += by; return t; }
__attribute__((noinline)) static void pt_sort(Pt *ps, int n) {
    for (int i = 1; i < n; i++) {
        Pt k = ps[i]; int j = i - 1;
        while (j >= 0 && (ps[j].x > k.x || (ps[j].x == k.x && ps[j].y > k.y))) { ps[j + 1] = ps[j]; j--; }
        ps[j + 1] = k;
    }
}
/* many small struct args so some go on the stack */
__attribute__((noinline)) static Pt pt_sum8(Pt a, Pt b, Pt c, Pt d, Pt e, Pt f, Pt g, Pt h, Pt i, Pt j) {
    Pt r = {a.x + b.x + c.x + d.x + e.x + f.x + g.x + h.x + i.x + j.x, a.y + b.y + c.y + d.y + e.y + f.y + g.y + h.y + i.y + j.y * 2};
    return r;
}

int main(void) {
    Pt a = {3, -4}, b = {-10, 25};
    Pt c = pt_add(a, b);
    printf("add %d %d\n", c.x, c.y);
    Pt d = pt_scale(c, -3);
    printf("scale %d %d cross %lld\n", d.x, d.y, (long long)pt_cross(a, d));
    Rgba p = {255, 10, 128, 7}, q = {1, 250, 129, 200};
    Rgba r = blend(p, q);
    printf("blend %u %u %u %u\n", r.r, r.g, r.b, r.a);
    static const int mv[] = {-100000, -4097, -100, -1, 0, 1, 17, 32767, 32768, 65535, 100000, 700000000};
    for (int k = 0; k < 12; k++) {
        int v = mv[k];
        Mixed m = mixed_make(v);
        printf("mixed %d -> %d %d %d\n", v, m.lo, m.hi, m.n);
    }
    Pair12 pp = {0x123456789LL, -77};
    Pair12 ps = pair_swap(pp);
    printf("pair %lld %d\n", (long long)ps.a, ps.b);
    Tagged t = {'a', 1000};
    for (int i = 0; i < 5; i++) t = tag_inc(t, i * 1000);
    printf("tagged %c %lld\n", t.tag, (long long)t.val);
    Pt arr[9];
    for (int i = 0; i < 9; i++) { arr[i].x = (i * 7) % 5 - 2; arr[i].y = (i * 13) % 11 - 5; }
    pt_sort(arr, 9);
    for (int i = 0; i < 9; i++) printf("(%d,%d)%c", arr[i].x, arr[i].y, i == 8 ? '\n' : ' ');
    Pt s = pt_sum8(arr[0], arr[1], arr[2], arr[3], arr[4], arr[5], arr[6], arr[7], arr[8], a);
    printf("sum %d %d\n", s.x, s.y);
    return 0;
}
