// Binary search tree on malloc: insert, find, delete with successor, in/pre/post-order, height, freeing recursively.
#include <stdio.h>
#include <stdlib.h>

typedef struct Tree { int key; int count; struct Tree *l, *r; } Tree;

__attribute__((noinline)) static Tree *insert(Tree *t, int k) {
    if (!t) { t = calloc(1, sizeof *t); if (!t) exit(1); t->key = k; t->count = 1; return t; }
    if (k < t->key) t->l = insert(t->l, k);
    else if (k > t->key) t->r = insert(t->r, k);
    else t->count++;
    return t;
}
__attribute__((noinline)) static const Tree *find(const Tree *t, int k) {
    while (t && t->key != k) t = k < t->key ? t->l : t->r;
    return t;
}
__attribute__((noinline)) static Tree *delete_key(Tree *t, int k) {
    if (!t) return NULL;
    if (k < t->key) t->l = delete_key(t->l, k);
    else if (k > t->key) t->r = delete_key(t->r, k);
    else {
        if (!t->l || !t->r) { Tree *c = t->l ? t->l : t->r; free(t); return c; }
        Tree *m = t->r; while (m->l) m = m->l;
        t->key = m->key; t->count = m->count;
        t->r = delete_key(t->r, m->key);
    }
    return t;
}
static int height(const Tree *t) { if (!t) return 0; int a = height(t->l), b = height(t->r); return 1 + (a > b ? a : b); }
static void inorder(const Tree *t) { if (!t) return; inorder(t->l); printf(" %d", t->key); if (t->count > 1) printf("x%d", t->count); inorder(t->r); }
static void preorder(const Tree *t) { if (!t) return; printf(" %d", t->key); preorder(t->l); preorder(t->r); }
static void postorder(const Tree *t) { if (!t) return; postorder(t->l); postorder(t->r); printf(" %d", t->key); }
static int count_nodes(const Tree *t) { return t ? 1 + count_nodes(t->l) + count_nodes(t->r) : 0; }
static long sum_keys(const Tree *t) { return t ? t->key + sum_keys(t->l) + sum_keys(t->r) : 0; }
static void free_tree(Tree *t) { if (!t) return; free_tree(t->l); free_tree(t->r); free(t); }

int main(void) {
    Tree *root = NULL;
    unsigned s = 2024;
    for (int i = 0; i < 40; i++) { s = s * 22695477u + 1u; root = insert(root, (int)((s >> 16) % 100)); }
    printf("in:"); inorder(root); printf("\n");
    printf("pre:"); preorder(root); printf("\n");
    printf("post:"); postorder(root); printf("\n");
    printf("nodes %d height %d sum %ld\n", count_nodes(root), height(root), sum_keys(root));
    for (int k = 0; k < 100; k += 9) { const Tree *f = find(root, k); printf("find %d: %s\n", k, f ? "yes" : "no"); }
    int dels[] = {root->key, 0, 50, 99, 13, 42, 7};
    for (int i = 0; i < 7; i++) root = delete_key(root, dels[i]);
    printf("after delete:"); inorder(root); printf("\n");
    printf("nodes %d height %d sum %ld\n", count_nodes(root), height(root), sum_keys(root));
    free_tree(root);
    return 0;
}
