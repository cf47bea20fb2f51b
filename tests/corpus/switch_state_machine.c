// State machine driven by a dense switch on the state (jump table), parsing numbers with signs, decimals and exponents.
#include <stdio.h>

enum State { S_START, S_SIGN, S_INT, S_DOT, S_FRAC, S_EXP, S_EXPSIGN, S_EXPDIGITS, S_DONE, S_ERROR };

__attribute__((noinline)) static enum State step(enum State s, char c) {
    int digit = c >= '0' && c <= '9';
    switch (s) {
    case S_START: return (c == '+' || c == '-') ? S_SIGN : digit ? S_INT : c == '.' ? S_DOT : S_ERROR;
    case S_SIGN: return digit ? S_INT : c == '.' ? S_DOT : S_ERROR;
    case S_INT: return digit ? S_INT : c == '.' ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP : c == 0 ? S_DONE : S_ERROR;
    case S_DOT: return digit ? S_FRAC : S_ERROR;
    case S_FRAC: return digit ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP : c == 0 ? S_DONE : S_ERROR;
    case S_EXP: return (c == '+' || c == '-') ? S_EXPSIGN : digit ? S_EXPDIGITS : S_ERROR;
    case S_EXPSIGN: return digit ? S_EXPDIGITS : S_ERROR;
    case S_EXPDIGITS: return digit ? S_EXPDIGITS : c == 0 ? S_DONE : S_ERROR;
    case S_DONE: return S_DONE;
    case S_ERROR: return S_ERROR;
    }
    return S_ERROR;
}

__attribute__((noinline)) static int accepts(const char *s, int *steps) {
    enum State st = S_START; *steps = 0;
    for (;;) {
        st = step(st, *s);
        (*steps)++;
        if (st == S_DONE) return 1;
        if (st == S_ERROR) return 0;
        s++;
    }
}

/* a second machine: a 16-state traffic controller with different work per state */
__attribute__((noinline)) static int light_next(int st, int *timer, int *events) {
    switch (st) {
    case 0: *timer += 30; return 1;
    case 1: *timer += 5; (*events)++; return 2;
    case 2: *timer += 2; return 3;
    case 3: *timer *= 2; return 4;
    case 4: *timer += 5; *events += 3; return 5;
    case 5: *timer -= 2; return 6;
    case 6: *timer += 10; return *timer % 2 ? 7 : 9;
    case 7: *timer += 1; return 8;
    case 8: *timer ^= 3; (*events)--; return 9;
    case 9: *timer += *events; return 10;
    case 10: *timer /= 3; return 11;
    case 11: *timer += 11; *events *= 2; return 12;
    case 12: *timer -= *events; return 13;
    case 13: *timer += 7; return *events > 100 ? 14 : 15;
    case 14: *events = 0; return 15;
    case 15: *timer %= 1000; return 0;
    default: return 0;
    }
}

int main(void) {
    const char *inputs[] = {"0", "-12", "+3.25", ".5", "5.", "1e10", "-2.5E-3", "e5", "1e", "--1", "12a", "", "+.e1", "007.700e+07"};
    for (int i = 0; i < (int)(sizeof inputs / sizeof inputs[0]); i++) {
        int steps; int ok = accepts(inputs[i], &steps);
        printf("'%s' -> %s after %d steps\n", inputs[i], ok ? "number" : "reject", steps);
    }
    int st = 0, timer = 0, events = 0;
    for (int i = 0; i < 60; i++) { st = light_next(st, &timer, &events); if (i % 5 == 4) printf("tick %d state %d timer %d events %d\n", i, st, timer, events); }
    return 0;
}
