// Hand-written string routines: strlen, strcpy, strcmp, strrev, itoa in any base, atoi, word counting, palindromes, search.
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static size_t my_strlen(const char *s) { const char *p = s; while (*p) p++; return (size_t)(p - s); }
__attribute__((noinline)) static char *my_strcpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++)) {} return r; }
__attribute__((noinline)) static int my_strcmp(const char *a, const char *b) {
    while (*a && *a == *b) { a++; b++; }
    return (int)(unsigned char)*a - (int)(unsigned char)*b;
}
__attribute__((noinline)) static void my_strrev(char *s) {
    size_t n = my_strlen(s);
    for (size_t i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; }
}
__attribute__((noinline)) static char *my_itoa(int64_t v, char *buf, int base) {
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *p = buf;
    do { *p++ = digits[u % (unsigned)base]; u /= (unsigned)base; } while (u);
    if (v < 0) *p++ = '-';
    *p = 0;
    my_strrev(buf);
    return buf;
}
__attribute__((noinline)) static int64_t my_atoi(const char *s) {
    while (*s == ' ') s++;
    int neg = 0;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    uint64_t v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (uint64_t)(*s++ - '0');
    return neg ? (int64_t)(0 - v) : (int64_t)v;
}
__attribute__((noinline)) static int count_words(const char *s) {
    int n = 0, in = 0;
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\t' || *s == '\n';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}
__attribute__((noinline)) static int is_palindrome(const char *s) {
    const char *e = s + my_strlen(s);
    while (s < e) {
        while (s < e && !((*s | 32) >= 'a' && (*s | 32) <= 'z')) s++;
        while (s < e && !((e[-1] | 32) >= 'a' && (e[-1] | 32) <= 'z')) e--;
        if (s >= e) break;
        if ((*s | 32) != (e[-1] | 32)) return 0;
        s++; e--;
    }
    return 1;
}
__attribute__((noinline)) static int naive_find(const char *hay, const char *needle) {
    for (int i = 0; hay[i]; i++) {
        int j = 0;
        while (needle[j] && hay[i + j] == needle[j]) j++;
        if (!needle[j]) return i;
    }
    return -1;
}

int main(void) {
    char buf[80], num[72];
    my_strcpy(buf, "hello, transpiler");
    printf("%s %d\n", buf, (int)my_strlen(buf));
    my_strrev(buf);
    printf("rev %s\n", buf);
    const char *a[] = {"apple", "apple", "apricot", "", "zzz", "\xff"};
    const char *b[] = {"apple", "applf", "apple", "x", "zz", "a"};
    for (int i = 0; i < 6; i++) { int c = my_strcmp(a[i], b[i]); printf("cmp %d\n", (c > 0) - (c < 0)); }
    int64_t vs[] = {0, 7, -7, 255, -256, 1234567890123LL, INT64_MIN, INT64_MAX};
    int bases[] = {2, 8, 10, 16, 36};
    for (int i = 0; i < 8; i++) {
        printf("%lld:", (long long)vs[i]);
        for (int j = 0; j < 5; j++) printf(" %s", my_itoa(vs[i], num, bases[j]));
        printf("\n");
    }
    const char *ints[] = {"0", "  42", "-17", "+9000", "9223372036854775807", "-9223372036854775808", "12abc"};
    for (int i = 0; i < 7; i++) printf("atoi '%s' = %lld\n", ints[i], (long long)my_atoi(ints[i]));
    printf("words %d %d %d\n", count_words(""), count_words("  one two\tthree\n four  "), count_words("x"));
    const char *pals[] = {"A man, a plan, a canal: Panama", "racecar", "hello", "", "No lemon, no melon", "ab"};
    for (int i = 0; i < 6; i++) printf("pal '%s' %d\n", pals[i], is_palindrome(pals[i]));
    printf("find %d %d %d\n", naive_find("mississippi", "issip"), naive_find("mississippi", "ppi"), naive_find("abc", "d"));
    return 0;
}
