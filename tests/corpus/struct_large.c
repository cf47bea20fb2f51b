// Large structs (>64 bytes) passed and returned by value (memory/sret), copied, compared, nested and in arrays.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct { int32_t v[20]; int64_t sum; char name[16]; } Big;   /* 104 bytes */
typedef struct { double m[3][3]; int id; } Mat3;                       /* 80 bytes */
typedef struct { Big inner; uint16_t flags; } Outer;

__attribute__((noinline)) static Big big_make(int seed, const char *name) {
    Big b; memset(&b, 0, sizeof b);
    int64_t s = 0;
    for (int i = 0; i < 20; i++) { b.v[i] = (seed * (i + 1) * 37) % 1001 - 500; s += b.v[i]; }
    b.sum = s;
    strncpy(b.name, name, sizeof b.name - 1);
    return b;
}
__attribute__((noinline)) static Big big_reverse(Big b) {
    for (int i = 0; i < 10; i++) { int32_t t = b.v[i]; b.v[i] = b.v[19 - i]; b.v[19 - i] = t; }
    b.name[0] = 'R';
    return b;
}
__attribute__((noinline)) static int64_t big_dot(Big a, Big b) {
    int64_t s = 0;
    for (int i = 0; i < 20; i++) s += (int64_t)a.v[i] * b.v[i];
    return s;
}
__attribute__((noinline)) static Mat3 mat_mul(Mat3 a, Mat3 b) {
    Mat3 r; r.id = a.id * 10 + b.id;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int k = 0; k < 3; k++) s += a.m[i][k] * b.m[k][j];
            r.m[i][j] = s;
        }
    return r;
}
__attribute__((noinline)) static Outer outer_wrap(Big b, uint16_t f) { Outer o; o.inner = b; o.flags = f; return o; }
__attribute__((noinline)) static void print_big(const char *tag, Big b) {
    printf("%s %s sum=%lld:", tag, b.name, (long long)b.sum);
    for (int i = 0; i < 20; i++) printf(" %d", b.v[i]);
    printf("\n");
}

int main(void) {
    Big a = big_make(3, "alpha");
    Big b = big_make(11, "beta-long-name-x");
    print_big("a", a);
    print_big("b", b);
    Big ra = big_reverse(a);
    print_big("ra", ra);
    print_big("a-again", a);
    printf("dot %lld %lld\n", (long long)big_dot(a, b), (long long)big_dot(ra, ra));
    Mat3 m1, m2;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) { m1.m[i][j] = i - j + 0.5; m2.m[i][j] = (i + 1) * 0.25 * (j - 1); }
    m1.id = 1; m2.id = 2;
    Mat3 p = mat_mul(m1, m2);
    Mat3 q = mat_mul(p, m1);
    printf("mat ids %d %d\n", p.id, q.id);
    for (int i = 0; i < 3; i++) printf("row %g %g %g | %g %g %g\n", p.m[i][0], p.m[i][1], p.m[i][2], q.m[i][0], q.m[i][1], q.m[i][2]);
    Outer o = outer_wrap(b, 0xBEEF);
    printf("outer %x %s %lld\n", o.flags, o.inner.name, (long long)o.inner.sum);
    Big arr[4];
    for (int i = 0; i < 4; i++) arr[i] = big_make(i + 20, "arr");
    Big tmp = arr[0]; arr[0] = arr[3]; arr[3] = tmp;
    for (int i = 0; i < 4; i++) printf("arr[%d] sum %lld eq0 %d\n", i, (long long)arr[i].sum, memcmp(&arr[i], &arr[0], sizeof(Big)) == 0);
    return 0;
}
