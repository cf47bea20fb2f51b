/* A small program with a dense switch (a jump table at -O2), a loop and a call. */
#include <stdio.h>

__attribute__((noinline)) int classify(int op, int a, int b) {
  switch (op) {
  case 0: return a + b;
  case 1: return a - b;
  case 2: return a * b;
  case 3: return b ? a / b : 0;
  case 4: return a & b;
  case 5: return a | b;
  case 6: return a ^ b;
  case 7: return a << (b & 31);
  default: return -1;
  }
}

int main(void) {
  long total = 0;
  for (int op = 0; op < 9; op++) {
    int r = classify(op, 100 + op, 7);
    printf("op %d -> %d\n", op, r);
    total += r;
  }
  printf("total %ld\n", total);
  return 0;
}
