// goto: loops built from labels, breaking out of nested loops, centralised cleanup on error paths, retry loops.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static int goto_loop_sum(int n) {
    int i = 0, s = 0;
top:
    if (i >= n) goto done;
    s += i * i;
    i++;
    goto top;
done:
    return s;
}

__attribute__((noinline)) static int find_pair(const int *v, int n, int target, int *pi, int *pj) {
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (v[i] + v[j] == target) { *pi = i; *pj = j; goto found; }
    return 0;
found:
    return 1;
}

__attribute__((noinline)) static int process(int fail_at) {
    int rc = -1;
    char *a = NULL, *b = NULL, *c = NULL;
    if (fail_at == 1) goto out;
    a = malloc(32);
    if (!a) goto out;
    strcpy(a, "stage-a");
    if (fail_at == 2) goto free_a;
    b = malloc(64);
    if (!b) goto free_a;
    strcpy(b, a); strcat(b, "+b");
    if (fail_at == 3) goto free_b;
    c = malloc(128);
    if (!c) goto free_b;
    strcpy(c, b); strcat(c, "+c");
    printf("built %s\n", c);
    rc = (int)strlen(c);
    free(c);
free_b:
    free(b);
free_a:
    free(a);
out:
    printf("process(%d) rc=%d\n", fail_at, rc);
    return rc;
}

__attribute__((noinline)) static unsigned retry_collatz(unsigned x) {
    unsigned steps = 0;
again:
    if (x == 1) return steps;
    steps++;
    if (x & 1) { x = 3 * x + 1; goto again; }
    x /= 2;
    goto again;
}

int main(void) {
    for (int n = 0; n <= 30; n += 6) printf("sum sq < %d = %d\n", n, goto_loop_sum(n));
    int v[] = {8, 3, 11, -4, 7, 19, 2, 6};
    for (int t = 0; t <= 30; t += 5) {
        int i, j;
        if (find_pair(v, 8, t, &i, &j)) printf("target %d: v[%d]+v[%d]\n", t, i, j); else printf("target %d: none\n", t);
    }
    for (int f = 0; f <= 3; f++) process(f);
    for (unsigned x = 1; x < 30; x += 4) printf("collatz %u %u\n", x, retry_collatz(x));
    return 0;
}
