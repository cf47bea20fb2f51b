// Loop forms and control flow: for/while/do-while, break/continue, nested loops with early exit, countdown with unsigned, loop-carried state.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int collatz_len(uint64_t n) { int c = 0; while (n != 1) { n = (n & 1) ? 3 * n + 1 : n / 2; c++; } return c; }
__attribute__((noinline)) static int digits_sum(unsigned v) { int s = 0; do { s += (int)(v % 10); v /= 10; } while (v); return s; }
__attribute__((noinline)) static int first_square_over(int t) { int i = 0; for (;;) { if (i * i > t) break; i++; } return i; }
__attribute__((noinline)) static int skip_multiples(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) { if (i % 3 == 0) continue; if (i % 5 == 0) continue; s += i; }
    return s;
}
__attribute__((noinline)) static int pythag(int limit, int *oa, int *ob) {
    int found = 0;
    for (int a = 1; a < limit && !found; a++)
        for (int b = a; b < limit; b++) {
            int c = 1000 - a - b;
            if (c > b && c * c == a * a + b * b) { *oa = a; *ob = b; found = 1; break; }
        }
    return found;
}
__attribute__((noinline)) static unsigned countdown(unsigned n) { unsigned s = 0; while (n--) s += n; return s; }
__attribute__((noinline)) static int nested_count(int n) { int c = 0; for (int i = 0; i < n; i++) for (int j = i; j < n; j++) for (int k = j; k < n; k++) c += (i + j + k) % 7 == 0; return c; }

int main(void) {
    int best = 0; uint64_t arg = 0;
    for (uint64_t n = 1; n < 3000; n++) { int l = collatz_len(n); if (l > best) { best = l; arg = n; } }
    printf("collatz best %llu len %d\n", (unsigned long long)arg, best);
    printf("digits %d %d %d\n", digits_sum(0), digits_sum(987654321), digits_sum(4294967295u));
    printf("sq %d %d\n", first_square_over(0), first_square_over(1000000));
    printf("skip %d\n", skip_multiples(1000));
    int a = 0, b = 0;
    if (pythag(500, &a, &b)) printf("pythag %d %d %d\n", a, b, 1000 - a - b);
    printf("countdown %u %u\n", countdown(0), countdown(10000));
    printf("nested %d\n", nested_count(40));
    int i = 10, guard = 0;
    do { i -= 3; guard++; } while (i > 0);
    printf("do-while %d %d\n", i, guard);
    int fizz = 0, buzz = 0, fb = 0;
    for (int k = 1; k <= 100; k++) { if (k % 15 == 0) fb++; else if (k % 3 == 0) fizz++; else if (k % 5 == 0) buzz++; }
    printf("fizz %d buzz %d fizzbuzz %d\n", fizz, buzz, fb);
    return 0;
}
