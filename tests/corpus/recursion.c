// Recursion: fib (naive and memo), small Ackermann, mutual recursion, Hanoi, recursive permutations and subset sums.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int64_t memo[91];
__attribute__((noinline)) static int64_t fib_memo(int n) {
    if (n < 2) return n;
    if (memo[n]) return memo[n];
    return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}
__attribute__((noinline)) static int ack(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static int moves;
__attribute__((noinline)) static void hanoi(int n, char from, char to, char via, int print) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to, print);
    moves++;
    if (print) printf("move %d %c->%c\n", n, from, to);
    hanoi(n - 1, via, to, from, print);
}
static char perm[8];
__attribute__((noinline)) static void permute(int k, int n, int *count) {
    if (k == n) { (*count)++; if (*count <= 8 || *count % 50 == 0) printf("perm %d %s\n", *count, perm); return; }
    for (int i = k; i < n; i++) {
        char t = perm[k]; perm[k] = perm[i]; perm[i] = t;
        permute(k + 1, n, count);
        t = perm[k]; perm[k] = perm[i]; perm[i] = t;
    }
}
__attribute__((noinline)) static int subset_sums(const int *v, int n, int target) {
    if (target == 0) return 1;
    if (n == 0 || target < 0) return 0;
    return subset_sums(v + 1, n - 1, target - v[0]) + subset_sums(v + 1, n - 1, target);
}
__attribute__((noinline)) static int64_t gcd(int64_t a, int64_t b) { return b == 0 ? a : gcd(b, a % b); }
__attribute__((noinline)) static int depth_sum(int d) { int local[4] = {d, d * 2, d * 3, d * 4}; return d == 0 ? 0 : local[d % 4] + depth_sum(d - 1); }

int main(void) {
    for (int i = 0; i <= 25; i += 5) printf("fib(%d) = %d\n", i, fib(i));
    printf("fib_memo(90) = %lld\n", (long long)fib_memo(90));
    for (int m = 0; m <= 2; m++) for (int n = 0; n <= 3; n++) printf("ack(%d,%d) = %d\n", m, n, ack(m, n));
    printf("ack(3,3) = %d\n", ack(3, 3));
    printf("even %d %d odd %d %d\n", is_even(100), is_even(77), is_odd(1001), is_odd(64));
    hanoi(3, 'A', 'C', 'B', 1);
    moves = 0; hanoi(15, 'A', 'C', 'B', 0); printf("hanoi15 moves %d\n", moves);
    for (int i = 0; i < 5; i++) perm[i] = (char)('a' + i);
    perm[5] = 0;
    int count = 0; permute(0, 5, &count); printf("perms %d\n", count);
    int v[] = {3, 34, 4, 12, 5, 2, 7, 9, 1, 8};
    for (int t = 0; t <= 40; t += 8) printf("subsets summing to %d: %d\n", t, subset_sums(v, 10, t));
    printf("gcd %lld %lld\n", (long long)gcd(1071, 462), (long long)gcd(1LL << 40, 6LL * 1000000007));
    printf("depth %d\n", depth_sum(200));
    return 0;
}
