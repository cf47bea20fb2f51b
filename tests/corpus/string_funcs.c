// libc string functions: strlen, strcpy, strncpy, strcat, strcmp, strncmp, memcpy, memmove, memset, memcmp, strchr, strrchr, strstr, strtok, strtol.
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int main(void) {
    char buf[128];
    const char *s = "The quick brown fox jumps over the lazy dog";
    printf("strlen %d\n", (int)strlen(s));
    strcpy(buf, s);
    printf("strcpy %s\n", buf);
    strcat(buf, "!!");
    printf("strcat %s len %d\n", buf, (int)strlen(buf));
    char small[10];
    strncpy(small, s, sizeof small - 1); small[9] = 0;
    printf("strncpy '%s'\n", small);
    const char *pairs[][2] = {{"abc", "abd"}, {"abc", "abc"}, {"b", "abc"}, {"", "a"}, {"abc", "ab"}, {"\x80", "\x7f"}};
    for (int i = 0; i < 6; i++) {
        int c = strcmp(pairs[i][0], pairs[i][1]);
        int n = strncmp(pairs[i][0], pairs[i][1], 2);
        printf("cmp %d %d\n", (c > 0) - (c < 0), (n > 0) - (n < 0));
    }
    const char *p = strchr(s, 'q');
    printf("strchr %s\n", p);
    printf("strrchr %s\n", strrchr(s, 'o'));
    printf("strchr nul %d missing %d\n", (int)(strchr(s, 0) - s), strchr(s, 'Z') == NULL);
    printf("strstr %s | %d\n", strstr(s, "fox"), strstr(s, "cat") == NULL);
    unsigned char mem[40];
    memset(mem, 0xA5, sizeof mem);
    memcpy(mem + 4, "0123456789", 10);
    memmove(mem + 6, mem + 4, 10);
    for (int i = 0; i < 20; i++) printf("%02x", mem[i]);
    printf("\n");
    memmove(mem + 2, mem + 6, 8);
    for (int i = 0; i < 20; i++) printf("%02x", mem[i]);
    printf("\n");
    int m = memcmp("abcdef", "abcxyz", 6);
    printf("memcmp %d %d\n", (m > 0) - (m < 0), memcmp("same", "same", 4));
    char tok[] = "alpha,beta;;gamma, delta ,epsilon";
    for (char *t = strtok(tok, ",;"); t; t = strtok(NULL, ",;")) printf("tok '%s'\n", t);
    const char *nums[] = {"42", "-17", "0x1f", "0777", "  +99xyz", "9223372036854775807", "abc"};
    for (int i = 0; i < 7; i++) {
        char *end;
        long long v = strtoll(nums[i], &end, 0);
        printf("strtoll %s -> %lld rest '%s'\n", nums[i], v, end);
    }
    printf("atoi %d %d\n", atoi("  -123abc"), atoi("2147483647"));
    char dst[64]; size_t n = strlen(s);
    memcpy(dst, s, n + 1);
    for (size_t i = 0; i < n; i++) if (dst[i] >= 'a' && dst[i] <= 'z') dst[i] = (char)(dst[i] - 32);
    printf("upper %s\n", dst);
    printf("strspn %d strcspn %d\n", (int)strspn("aaabbbccc", "ab"), (int)strcspn("hello world", " o"));
    return 0;
}
