// Own variadic functions with stdarg: int sums, double averages, mixed format-driven args, va_copy, forwarding to vsnprintf.
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

__attribute__((noinline)) static long long sum_ints(int count, ...) {
    va_list ap; va_start(ap, count);
    long long s = 0;
    for (int i = 0; i < count; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}
__attribute__((noinline)) static double avg_doubles(int count, ...) {
    va_list ap; va_start(ap, count);
    double s = 0;
    for (int i = 0; i < count; i++) s += va_arg(ap, double);
    va_end(ap);
    return count ? s / count : 0.0;
}
/* format: i=int, l=int64, d=double, s=string, c=char */
__attribute__((noinline)) static void mini_printf(const char *fmt, ...) {
    va_list ap; va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': printf("[i %d]", va_arg(ap, int)); break;
        case 'l': printf("[l %lld]", (long long)va_arg(ap, int64_t)); break;
        case 'd': printf("[d %.3f]", va_arg(ap, double)); break;
        case 's': printf("[s %s]", va_arg(ap, const char *)); break;
        case 'c': printf("[c %c]", (char)va_arg(ap, int)); break;
        default: printf("[?]"); break;
        }
    }
    printf("\n");
    va_end(ap);
}
__attribute__((noinline)) static int max_of(int first, ...) {
    va_list ap, ap2; va_start(ap, first);
    va_copy(ap2, ap);
    int m = first, n = 0, v;
    while ((v = va_arg(ap, int)) != -1) { if (v > m) m = v; n++; }
    int s = first;
    for (int i = 0; i < n; i++) s += va_arg(ap2, int);
    va_end(ap2);
    va_end(ap);
    printf("max_of: n=%d sum=%d ", n + 1, s);
    return m;
}
__attribute__((noinline)) static int fmt_into(char *buf, size_t cap, const char *fmt, ...) {
    va_list ap; va_start(ap, fmt);
    int r = vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return r;
}
/* many fixed args before the variadic ones, so varargs end up on the stack */
__attribute__((noinline)) static double many_then_var(int a, int b, int c, int d, int e, int f, int g, int h, double x, ...) {
    va_list ap; va_start(ap, x);
    double s = a + b + c + d + e + f + g + h + x;
    int n = va_arg(ap, int);
    for (int i = 0; i < n; i++) s += va_arg(ap, double) * (i + 1);
    va_end(ap);
    return s;
}

int main(void) {
    printf("sum %lld %lld %lld\n", sum_ints(0), sum_ints(3, 1, 2, 3), sum_ints(12, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 2147483647, 2147483647));
    printf("avg %.4f %.4f\n", avg_doubles(4, 1.0, 2.5, -3.25, 10.0), avg_doubles(10, 1., 2., 3., 4., 5., 6., 7., 8., 9., 10.5));
    mini_printf("ilds", 42, (int64_t)-1234567890123LL, 3.14159, "text");
    mini_printf("cicdcl", 'x', 7, 'y', 0.5, 'z', (int64_t)1 << 40);
    printf("%d\n", max_of(3, 9, -2, 14, 6, -1));
    char buf[64];
    int r = fmt_into(buf, sizeof buf, "%s-%05d-%x-%.2f", "id", 42, 0xbeef, 2.345);
    printf("fmt %d '%s'\n", r, buf);
    r = fmt_into(buf, 8, "%s", "truncated string");
    printf("trunc %d '%s' %d\n", r, buf, (int)strlen(buf));
    printf("many %.3f\n", many_then_var(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 3, 1.25, 2.5, -1.0));
    return 0;
}
