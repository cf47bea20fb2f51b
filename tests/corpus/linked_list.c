// Singly and doubly linked lists on malloc: push, reverse, merge sort, remove-if, insert sorted, free everything.
#include <stdio.h>
#include <stdlib.h>

typedef struct Node { int value; struct Node *next; } Node;
typedef struct DNode { long key; struct DNode *prev, *next; } DNode;

__attribute__((noinline)) static Node *push(Node *head, int v) {
    Node *n = malloc(sizeof *n);
    if (!n) exit(1);
    n->value = v; n->next = head;
    return n;
}
__attribute__((noinline)) static Node *reverse(Node *h) {
    Node *prev = NULL;
    while (h) { Node *nx = h->next; h->next = prev; prev = h; h = nx; }
    return prev;
}
static Node *merge(Node *a, Node *b) {
    Node dummy = {0, NULL}, *t = &dummy;
    while (a && b) { if (a->value <= b->value) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; }
    t->next = a ? a : b;
    return dummy.next;
}
__attribute__((noinline)) static Node *msort(Node *h) {
    if (!h || !h->next) return h;
    Node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    Node *second = slow->next; slow->next = NULL;
    return merge(msort(h), msort(second));
}
__attribute__((noinline)) static Node *remove_if_multiple(Node *h, int k, int *removed) {
    Node **pp = &h;
    while (*pp) {
        if ((*pp)->value % k == 0) { Node *d = *pp; *pp = d->next; free(d); (*removed)++; }
        else pp = &(*pp)->next;
    }
    return h;
}
static void print_list(const char *tag, const Node *h) {
    printf("%s:", tag);
    for (; h; h = h->next) printf(" %d", h->value);
    printf("\n");
}
static void free_list(Node *h) { while (h) { Node *n = h->next; free(h); h = n; } }

__attribute__((noinline)) static void dinsert_sorted(DNode **head, DNode **tail, long key) {
    DNode *n = malloc(sizeof *n);
    if (!n) exit(1);
    n->key = key; n->prev = n->next = NULL;
    DNode *c = *head;
    while (c && c->key < key) c = c->next;
    if (!c) { n->prev = *tail; if (*tail) (*tail)->next = n; else *head = n; *tail = n; }
    else { n->next = c; n->prev = c->prev; if (c->prev) c->prev->next = n; else *head = n; c->prev = n; }
}

int main(void) {
    Node *h = NULL;
    unsigned s = 7;
    for (int i = 0; i < 30; i++) { s = s * 1664525u + 1013904223u; h = push(h, (int)(s >> 20) % 1000 - 500); }
    print_list("orig", h);
    h = reverse(h); print_list("rev", h);
    h = msort(h); print_list("sorted", h);
    int removed = 0;
    h = remove_if_multiple(h, 3, &removed);
    printf("removed %d\n", removed);
    print_list("filtered", h);
    free_list(h);
    DNode *dh = NULL, *dt = NULL;
    long keys[] = {50, 10, 90, 30, 70, 10, 100, -5, 60};
    for (int i = 0; i < 9; i++) dinsert_sorted(&dh, &dt, keys[i]);
    printf("fwd:"); for (DNode *c = dh; c; c = c->next) printf(" %ld", c->key); printf("\n");
    printf("bwd:"); for (DNode *c = dt; c; c = c->prev) printf(" %ld", c->key); printf("\n");
    while (dh) { DNode *n = dh->next; free(dh); dh = n; }
    return 0;
}
