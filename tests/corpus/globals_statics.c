// Globals (initialised, zeroed, const, arrays, pointers to globals) and static locals keeping state across calls.
#include <stdio.h>
#include <stdint.h>

int g_counter = 5;
int64_t g_big = -1234567890123LL;
static uint8_t g_bytes[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static int g_zeroed[64];
static double g_scale = 0.75;
const char *g_name = "globals";
static const int16_t g_table[] = {-300, -200, -100, 0, 100, 200, 300};
int *g_ptr = &g_counter;
static struct { int a; char s[8]; double d; } g_struct = {7, "abc", 2.5};
static const char *const g_words[] = {"alpha", "beta", "gamma"};
uint16_t g_u16 = 65535;

__attribute__((noinline)) static int next_id(void) { static int id = 100; return id++; }
__attribute__((noinline)) static int64_t running_sum(int64_t v) { static int64_t total; total += v; return total; }
__attribute__((noinline)) static const char *cycle_word(void) { static unsigned i; return g_words[i++ % 3]; }
__attribute__((noinline)) static double decay(void) { static double level = 1000.0; level *= g_scale; return level; }
__attribute__((noinline)) static void bump(int *p, int by) { *p += by; }
__attribute__((noinline)) static int sum_zeroed(void) { int s = 0; for (int i = 0; i < 64; i++) s += g_zeroed[i]; return s; }
__attribute__((noinline)) static int table_lookup(int i) { return g_table[(i % 7 + 7) % 7]; }

int main(void) {
    printf("%s counter %d big %lld u16 %u\n", g_name, g_counter, (long long)g_big, g_u16);
    for (int i = 0; i < 5; i++) printf("id %d sum %lld word %s decay %.4f\n", next_id(), (long long)running_sum(i * 1000 - 1500), cycle_word(), decay());
    bump(g_ptr, 10); bump(&g_counter, -3);
    printf("counter %d via ptr %d\n", g_counter, *g_ptr);
    printf("zeroed %d\n", sum_zeroed());
    for (int i = 0; i < 64; i += 3) g_zeroed[i] = i;
    printf("after %d\n", sum_zeroed());
    unsigned s = 0;
    for (int i = 0; i < 16; i++) { g_bytes[i] = (uint8_t)(g_bytes[i] * 37); s += g_bytes[i]; }
    printf("bytes sum %u first %u last %u\n", s, g_bytes[0], g_bytes[15]);
    for (int i = -3; i < 10; i += 2) printf("table(%d) = %d\n", i, table_lookup(i));
    g_struct.a *= 6; g_struct.s[1] = 'X'; g_struct.d /= 4;
    printf("struct %d %s %.3f\n", g_struct.a, g_struct.s, g_struct.d);
    g_big *= -2; g_u16++;
    printf("big %lld u16 %u\n", (long long)g_big, g_u16);
    return 0;
}
