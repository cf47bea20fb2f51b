// Sorting algorithms on int arrays: bubble, insertion, selection, shell, heap, quick (Hoare-style), merge (top-down), counting; verified against each other.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define N 300
__attribute__((noinline)) static void bubble(int *a, int n) {
    for (int i = 0; i < n - 1; i++) { int sw = 0; for (int j = 0; j < n - 1 - i; j++) if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; sw = 1; } if (!sw) break; }
}
__attribute__((noinline)) static void insertion(int *a, int n) {
    for (int i = 1; i < n; i++) { int k = a[i], j = i - 1; while (j >= 0 && a[j] > k) { a[j + 1] = a[j]; j--; } a[j + 1] = k; }
}
__attribute__((noinline)) static void selection(int *a, int n) {
    for (int i = 0; i < n - 1; i++) { int m = i; for (int j = i + 1; j < n; j++) if (a[j] < a[m]) m = j; int t = a[i]; a[i] = a[m]; a[m] = t; }
}
__attribute__((noinline)) static void shell(int *a, int n) {
    for (int gap = n / 2; gap > 0; gap /= 2)
        for (int i = gap; i < n; i++) { int t = a[i], j = i; for (; j >= gap && a[j - gap] > t; j -= gap) a[j] = a[j - gap]; a[j] = t; }
}
static void sift(int *a, int start, int end) {
    int root = start;
    while (2 * root + 1 <= end) {
        int c = 2 * root + 1, sw = root;
        if (a[sw] < a[c]) sw = c;
        if (c + 1 <= end && a[sw] < a[c + 1]) sw = c + 1;
        if (sw == root) return;
        int t = a[root]; a[root] = a[sw]; a[sw] = t; root = sw;
    }
}
__attribute__((noinline)) static void heapsort_(int *a, int n) {
    for (int s = (n - 2) / 2; s >= 0; s--) sift(a, s, n - 1);
    for (int e = n - 1; e > 0; e--) { int t = a[0]; a[0] = a[e]; a[e] = t; sift(a, 0, e - 1); }
}
__attribute__((noinline)) static void quick(int *a, int lo, int hi) {
    while (lo < hi) {
        int p = a[(lo + hi) / 2], i = lo, j = hi;
        while (i <= j) { while (a[i] < p) i++; while (a[j] > p) j--; if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; } }
        if (j - lo < hi - i) { quick(a, lo, j); lo = i; } else { quick(a, i, hi); hi = j; }
    }
}
static int tmp[N];
__attribute__((noinline)) static void merge_sort(int *a, int lo, int hi) {
    if (hi - lo < 2) return;
    int mid = lo + (hi - lo) / 2;
    merge_sort(a, lo, mid); merge_sort(a, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof(int));
}
__attribute__((noinline)) static void counting(int *a, int n, int lo, int hi) {
    int *cnt = calloc((size_t)(hi - lo + 1), sizeof(int));
    if (!cnt) exit(1);
    for (int i = 0; i < n; i++) cnt[a[i] - lo]++;
    int k = 0;
    for (int v = lo; v <= hi; v++) while (cnt[v - lo]--) a[k++] = v;
    free(cnt);
}
static uint32_t hash_arr(const int *a, int n) { uint32_t h = 0; for (int i = 0; i < n; i++) h = h * 16777619u ^ (uint32_t)a[i]; return h; }
static int is_sorted(const int *a, int n) { for (int i = 1; i < n; i++) if (a[i - 1] > a[i]) return 0; return 1; }

int main(void) {
    int orig[N], work[N];
    uint32_t s = 42;
    for (int i = 0; i < N; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; orig[i] = (int)(s % 1000) - 500; }
    const char *names[] = {"bubble", "insertion", "selection", "shell", "heap", "quick", "merge", "counting"};
    for (int alg = 0; alg < 8; alg++) {
        memcpy(work, orig, sizeof orig);
        switch (alg) {
        case 0: bubble(work, N); break;
        case 1: insertion(work, N); break;
        case 2: selection(work, N); break;
        case 3: shell(work, N); break;
        case 4: heapsort_(work, N); break;
        case 5: quick(work, 0, N - 1); break;
        case 6: merge_sort(work, 0, N); break;
        case 7: counting(work, N, -500, 499); break;
        }
        printf("%-9s sorted %d hash %08x min %d med %d max %d\n", names[alg], is_sorted(work, N), hash_arr(work, N), work[0], work[N / 2], work[N - 1]);
    }
    for (int i = 0; i < 20; i++) printf("%d ", work[i * 15]);
    printf("\n");
    return 0;
}
