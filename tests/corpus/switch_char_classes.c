// Switch over character codes (dense letter/digit ranges -> jump tables) used in a small tokenizer and a hex decoder.
#include <stdio.h>
#include <string.h>
#include <stdint.h>

enum { TK_NUM, TK_IDENT, TK_OP, TK_SPACE, TK_PUNCT, TK_OTHER };

__attribute__((noinline)) static int hex_value(unsigned char c) {
    switch (c) {
    case '0': return 0; case '1': return 1; case '2': return 2; case '3': return 3;
    case '4': return 4; case '5': return 5; case '6': return 6; case '7': return 7;
    case '8': return 8; case '9': return 9;
    case 'a': case 'A': return 10; case 'b': case 'B': return 11; case 'c': case 'C': return 12;
    case 'd': case 'D': return 13; case 'e': case 'E': return 14; case 'f': case 'F': return 15;
    default: return -1;
    }
}

__attribute__((noinline)) static int classify(unsigned char c) {
    switch (c) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return TK_NUM;
    case '+': case '-': case '*': case '/': case '%': case '<': case '=': case '>':
        return TK_OP;
    case ' ': case '\t': case '\n': case '\r':
        return TK_SPACE;
    case '(': case ')': case ',': case ';':
        return TK_PUNCT;
    case '_':
        return TK_IDENT;
    default:
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return TK_IDENT;
        return TK_OTHER;
    }
}

__attribute__((noinline)) static const char *vowel_kind(unsigned char c) {
    switch (c) {
    case 'a': return "open-front";
    case 'b': case 'c': case 'd': return "stop";
    case 'e': return "mid-front";
    case 'f': case 'g': case 'h': return "fric";
    case 'i': return "close-front";
    case 'j': case 'k': case 'l': case 'm': case 'n': return "cons";
    case 'o': return "mid-back";
    case 'p': case 'q': case 'r': case 's': case 't': return "cons2";
    case 'u': return "close-back";
    default: return "other";
    }
}

/* letters as commands on an accumulator: distinct code per case, so a real jump table */
__attribute__((noinline)) static int64_t letter_command(unsigned char c, int64_t acc) {
    switch (c) {
    case 'a': acc += 1; break;
    case 'b': acc = (int64_t)((uint64_t)acc * 2u); break;
    case 'c': acc -= 3; break;
    case 'd': acc ^= 0x55; break;
    case 'e': acc = (int64_t)((uint64_t)acc * 2u + 1u); break;
    case 'f': acc = -acc; break;
    case 'g': acc /= 3; break;
    case 'h': acc %= 1000; break;
    case 'i': acc += 100; break;
    case 'j': acc = acc > 0 ? acc - 7 : acc + 7; break;
    case 'k': acc *= acc < 1000000 && acc > -1000000 ? acc : 1; break;
    case 'l': acc |= 0x100; break;
    case 'm': acc &= ~0xfLL; break;
    case 'n': putchar('n'); acc += 13; break;
    case 'o': acc = (int64_t)(((uint64_t)acc << 3) - (uint64_t)acc); break;
    case 'p': acc = (int64_t)((uint64_t)acc >> 1); break;
    case 'q': puts(""); acc -= 42; break;
    default: acc += c; break;
    }
    return acc;
}

static const char *kind_names[] = {"NUM", "IDENT", "OP", "SPACE", "PUNCT", "OTHER"};

int main(void) {
    const char *src = "x1 = foo(42, y_2) * 0x1F - bar;\n\tif (a <= 7) b = c % 3 # $";
    size_t n = strlen(src), i = 0;
    while (i < n) {
        int k = classify((unsigned char)src[i]);
        size_t j = i + 1;
        if (k == TK_NUM || k == TK_IDENT)
            while (j < n && (classify((unsigned char)src[j]) == TK_NUM || classify((unsigned char)src[j]) == TK_IDENT)) j++;
        if (k != TK_SPACE) printf("%-5s '%.*s'\n", kind_names[k], (int)(j - i), src + i);
        i = j;
    }
    const char *hex = "DeadBeef0123456789abcdefXYZ";
    unsigned long long acc = 0;
    for (const char *p = hex; *p; p++) {
        int v = hex_value((unsigned char)*p);
        if (v < 0) { printf("stop at '%c'\n", *p); break; }
        acc = acc * 16 + (unsigned)v;
        printf("%c=%d acc=%llx\n", *p, v, acc);
    }
    for (unsigned char c = 'a'; c <= 'z'; c++) printf("%c:%s ", c, vowel_kind(c));
    printf("\n");
    const char *prog = "abcdefghijklmnopqrstuvwxyz hello quick brown fox";
    int64_t state = 5;
    for (const char *p = prog; *p; p++) { state = letter_command((unsigned char)*p, state); printf(" %lld", (long long)state); }
    printf("\n");
    int hist[6] = {0};
    for (int c = 0; c < 256; c++) hist[classify((unsigned char)c)]++;
    for (int k = 0; k < 6; k++) printf("%s %d\n", kind_names[k], hist[k]);
    return 0;
}
