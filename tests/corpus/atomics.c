// __atomic builtins on globals: fetch_add/sub/and/or/xor, exchange, compare_exchange loops, load/store with orders (RMW only on 32/64-bit: riscv gcc 12 needs libatomic for 8/16-bit).
#include <stdio.h>
#include <stdint.h>

static int64_t g_counter;
static uint32_t g_flags;
static uint32_t g_small;
static uint8_t g_byte;
static int32_t g_max = -1000;
static uint64_t g_seq;

__attribute__((noinline)) static int64_t bump(int64_t by) { return __atomic_fetch_add(&g_counter, by, __ATOMIC_SEQ_CST); }
__attribute__((noinline)) static void atomic_max(int32_t v) {
    int32_t cur = __atomic_load_n(&g_max, __ATOMIC_RELAXED);
    while (cur < v && !__atomic_compare_exchange_n(&g_max, &cur, v, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {}
}
__attribute__((noinline)) static int try_claim(uint32_t bit) {
    uint32_t old = __atomic_fetch_or(&g_flags, 1u << bit, __ATOMIC_ACQUIRE);
    return !(old & (1u << bit));
}
__attribute__((noinline)) static uint64_t next_seq(void) { return __atomic_add_fetch(&g_seq, 1, __ATOMIC_RELAXED); }
__attribute__((noinline)) static int cas_weak_loop(uint64_t expect, uint64_t desired) {
    int tries = 0;
    uint64_t e = expect;
    while (!__atomic_compare_exchange_n(&g_seq, &e, desired, 1, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        tries++;
        if (e != expect) return -tries;
    }
    return tries;
}

int main(void) {
    for (int i = 1; i <= 10; i++) { int64_t old = bump(i * 1000); if (i % 3 == 0) printf("bump old %lld\n", (long long)old); }
    printf("counter %lld\n", (long long)__atomic_load_n(&g_counter, __ATOMIC_SEQ_CST));
    int64_t before = __atomic_fetch_sub(&g_counter, 55000, __ATOMIC_RELEASE);
    printf("sub old %lld now %lld\n", (long long)before, (long long)__atomic_load_n(&g_counter, __ATOMIC_ACQUIRE));
    int vals[] = {-5, 300, 12, 299, 301, -1000, 301};
    for (int i = 0; i < 7; i++) { atomic_max(vals[i]); printf("max %d\n", g_max); }
    for (uint32_t b = 0; b < 6; b++) { int first = try_claim(b * 5); int second = try_claim(b * 5); printf("claim %u: %d %d\n", b * 5, first, second); }
    printf("flags %08x\n", g_flags);
    printf("and old %08x ", __atomic_fetch_and(&g_flags, 0x0000FFFFu, __ATOMIC_SEQ_CST));
    printf("xor old %08x ", __atomic_fetch_xor(&g_flags, 0xFFu, __ATOMIC_SEQ_CST));
    printf("now %08x\n", __atomic_load_n(&g_flags, __ATOMIC_SEQ_CST));
    uint32_t prev = __atomic_exchange_n(&g_flags, 0xCAFEBABEu, __ATOMIC_SEQ_CST);
    printf("xchg prev %08x now %08x\n", prev, g_flags);
    for (int i = 0; i < 5; i++) next_seq();
    printf("seq %llu\n", (unsigned long long)__atomic_load_n(&g_seq, __ATOMIC_RELAXED));
    printf("cas ok %d\n", cas_weak_loop(5, 100) >= 0);
    printf("cas fail %d seq %llu\n", cas_weak_loop(5, 200) < 0, (unsigned long long)g_seq);
    for (int i = 0; i < 300; i++) __atomic_fetch_add(&g_small, 250, __ATOMIC_RELAXED);
    __atomic_store_n(&g_byte, (uint8_t)(77 * 9), __ATOMIC_RELAXED);
    printf("small %u byte %u\n", __atomic_load_n(&g_small, __ATOMIC_RELAXED), __atomic_load_n(&g_byte, __ATOMIC_RELAXED));
    uint32_t e32 = 9464;
    int ok = __atomic_compare_exchange_n(&g_small, &e32, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas32 %d expected-now %u\n", ok, e32);
    e32 = 75000;
    ok = __atomic_compare_exchange_n(&g_small, &e32, 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("cas32 %d %u\n", ok, g_small);
    __atomic_store_n(&g_byte, 0x5A, __ATOMIC_RELEASE);
    printf("test_and_set %d %d\n", __atomic_test_and_set(&g_byte, __ATOMIC_SEQ_CST), g_byte != 0);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return 0;
}
