// Arrays of structs, nested structs, struct assignment and copying, offsetof, pointer-to-member iteration, struct comparison by field.
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct { int16_t x, y; } V2;
typedef struct { V2 min, max; } Box;
typedef struct { char name[10]; uint8_t level; int32_t hp; Box bounds; double speed; } Entity;

__attribute__((noinline)) static int box_area(const Box *b) { return (b->max.x - b->min.x) * (b->max.y - b->min.y); }
__attribute__((noinline)) static int overlap(Box a, Box b) { return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y; }
__attribute__((noinline)) static Box box_union(const Box *a, const Box *b) {
    Box r;
    r.min.x = a->min.x < b->min.x ? a->min.x : b->min.x; r.min.y = a->min.y < b->min.y ? a->min.y : b->min.y;
    r.max.x = a->max.x > b->max.x ? a->max.x : b->max.x; r.max.y = a->max.y > b->max.y ? a->max.y : b->max.y;
    return r;
}
__attribute__((noinline)) static void tick(Entity *es, int n) {
    for (int i = 0; i < n; i++) {
        Entity *e = &es[i];
        int16_t dx = (int16_t)(e->speed * 2);
        e->bounds.min.x = (int16_t)(e->bounds.min.x + dx); e->bounds.max.x = (int16_t)(e->bounds.max.x + dx);
        e->hp -= e->level * 3;
        if (e->hp < 0) e->hp = 0;
    }
}
__attribute__((noinline)) static int64_t sum_field(const void *base, size_t n, size_t stride, size_t off) {
    int64_t s = 0;
    for (size_t i = 0; i < n; i++) { int32_t v; memcpy(&v, (const char *)base + i * stride + off, sizeof v); s += v; }
    return s;
}

int main(void) {
    Entity es[5];
    for (int i = 0; i < 5; i++) {
        snprintf(es[i].name, sizeof es[i].name, "ent%d", i);
        es[i].level = (uint8_t)(i + 1);
        es[i].hp = 100 - i * 7;
        es[i].bounds = (Box){{(int16_t)(i * 10), (int16_t)(i * 5)}, {(int16_t)(i * 10 + 15), (int16_t)(i * 5 + 8)}};
        es[i].speed = 0.75 * i - 1.0;
    }
    for (int round = 0; round < 4; round++) tick(es, 5);
    for (int i = 0; i < 5; i++)
        printf("%s lvl %u hp %d box (%d,%d)-(%d,%d) area %d speed %.2f\n", es[i].name, es[i].level, es[i].hp, es[i].bounds.min.x, es[i].bounds.min.y,
               es[i].bounds.max.x, es[i].bounds.max.y, box_area(&es[i].bounds), es[i].speed);
    for (int i = 0; i < 5; i++) for (int j = i + 1; j < 5; j++) if (overlap(es[i].bounds, es[j].bounds)) printf("overlap %d %d\n", i, j);
    Box u = es[0].bounds;
    for (int i = 1; i < 5; i++) u = box_union(&u, &es[i].bounds);
    printf("union (%d,%d)-(%d,%d)\n", u.min.x, u.min.y, u.max.x, u.max.y);
    printf("offsets %d %d %d %d size %d\n", (int)offsetof(Entity, level), (int)offsetof(Entity, hp), (int)offsetof(Entity, bounds), (int)offsetof(Entity, speed), (int)sizeof(Entity));
    printf("hp sum %lld\n", (long long)sum_field(es, 5, sizeof(Entity), offsetof(Entity, hp)));
    Entity copy = es[2];
    copy.name[0] = 'E'; copy.bounds.max.y = 999;
    printf("copy %s %d orig %s %d\n", copy.name, copy.bounds.max.y, es[2].name, es[2].bounds.max.y);
    es[4] = es[1];
    printf("assigned %s %d\n", es[4].name, es[4].hp);
    return 0;
}
