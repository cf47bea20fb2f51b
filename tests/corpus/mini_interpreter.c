// Mini bytecode interpreter: stack VM with a dense opcode switch (jump table), calls/returns, loops; runs fib, factorial, gcd, primes.
#include <stdio.h>
#include <stdint.h>

enum Op { PUSH, POP, ADD, SUB, MUL, DIV, MOD, DUP, SWAP, OVER, JMP, JZ, JNZ, LT, EQ, PRINT, CALL, RET, LOAD, STORE, HALT, NEG, INC, DEC };

typedef struct { int64_t stack[256]; int sp; int64_t vars[16]; int rstack[64]; int rsp; long steps; } VM;

__attribute__((noinline)) static int run(VM *vm, const int64_t *code) {
    int pc = 0;
    vm->sp = 0; vm->rsp = 0; vm->steps = 0;
    for (;;) {
        int64_t a, b;
        vm->steps++;
        switch ((enum Op)code[pc++]) {
        case PUSH: vm->stack[vm->sp++] = code[pc++]; break;
        case POP: vm->sp--; break;
        case ADD: b = vm->stack[--vm->sp]; a = vm->stack[--vm->sp]; vm->stack[vm->sp++] = a + b; break;
        case SUB: b = vm->stack[--vm->sp]; a = vm->stack[--vm->sp]; vm->stack[vm->sp++] = a - b; break;
        case MUL: b = vm->stack[--vm->sp]; a = vm->stack[--vm->sp]; vm->stack[vm->sp++] = a * b; break;
        case DIV: b = vm->stack[--vm->sp]; a = vm->stack[--vm->sp]; vm->stack[vm->sp++] = b ? a / b : 0; break;
        case MOD: b = vm->stack[--vm->sp]; a = vm->stack[--vm->sp]; vm->stack[vm->sp++] = b ? a % b : 0; break;
        case DUP: a = vm->stack[vm->sp - 1]; vm->stack[vm->sp++] = a; break;
        case SWAP: a = vm->stack[vm->sp - 1]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2]; vm->stack[vm->sp - 2] = a; break;
        case OVER: a = vm->stack[vm->sp - 2]; vm->stack[vm->sp++] = a; break;
        case JMP: pc = (int)code[pc]; break;
        case JZ: a = vm->stack[--vm->sp]; pc = a == 0 ? (int)code[pc] : pc + 1; break;
        case JNZ: a = vm->stack[--vm->sp]; pc = a != 0 ? (int)code[pc] : pc + 1; break;
        case LT: b = vm->stack[--vm->sp]; a = vm->stack[--vm->sp]; vm->stack[vm->sp++] = a < b; break;
        case EQ: b = vm->stack[--vm->sp]; a = vm->stack[--vm->sp]; vm->stack[vm->sp++] = a == b; break;
        case PRINT: printf("%lld ", (long long)vm->stack[--vm->sp]); break;
        case CALL: vm->rstack[vm->rsp++] = pc + 1; pc = (int)code[pc]; break;
        case RET: pc = vm->rstack[--vm->rsp]; break;
        case LOAD: vm->stack[vm->sp++] = vm->vars[code[pc++]]; break;
        case STORE: vm->vars[code[pc++]] = vm->stack[--vm->sp]; break;
        case HALT: printf("\n"); return vm->sp;
        case NEG: vm->stack[vm->sp - 1] = -vm->stack[vm->sp - 1]; break;
        case INC: vm->stack[vm->sp - 1]++; break;
        case DEC: vm->stack[vm->sp - 1]--; break;
        default: printf("bad opcode\n"); return -1;
        }
    }
}

typedef struct { int64_t code[512]; int n; int labels[16]; int fix_at[64]; int fix_label[64]; int nfix; } Asm;
static void asm_reset(Asm *a) { a->n = 0; a->nfix = 0; }
static void emit(Asm *a, int64_t v) { a->code[a->n++] = v; }
static void emit2(Asm *a, int64_t op, int64_t arg) { emit(a, op); emit(a, arg); }
static void emit_jump(Asm *a, int64_t op, int label) { emit(a, op); a->fix_at[a->nfix] = a->n; a->fix_label[a->nfix++] = label; emit(a, 0); }
static void here(Asm *a, int label) { a->labels[label] = a->n; }
static void link_labels(Asm *a) { for (int i = 0; i < a->nfix; i++) a->code[a->fix_at[i]] = a->labels[a->fix_label[i]]; }

int main(void) {
    static VM vm;
    static Asm a;
    /* fibonacci: a=0, b=1, 30 times: print a; (a, b) = (b, a+b) */
    asm_reset(&a);
    emit2(&a, PUSH, 0); emit2(&a, STORE, 0); emit2(&a, PUSH, 1); emit2(&a, STORE, 1); emit2(&a, PUSH, 30); emit2(&a, STORE, 2);
    here(&a, 0);
    emit2(&a, LOAD, 2); emit_jump(&a, JZ, 1);
    emit2(&a, LOAD, 0); emit(&a, PRINT);
    emit2(&a, LOAD, 0); emit2(&a, LOAD, 1); emit(&a, ADD); emit2(&a, LOAD, 1); emit2(&a, STORE, 0); emit2(&a, STORE, 1);
    emit2(&a, LOAD, 2); emit(&a, DEC); emit2(&a, STORE, 2); emit_jump(&a, JMP, 0);
    here(&a, 1); emit(&a, HALT);
    link_labels(&a);
    printf("fib: "); run(&vm, a.code); printf("steps %ld\n", vm.steps);

    /* factorials 1..20 through a subroutine */
    asm_reset(&a);
    emit2(&a, PUSH, 1); emit2(&a, STORE, 3);
    here(&a, 0);
    emit2(&a, LOAD, 3); emit2(&a, PUSH, 21); emit(&a, LT); emit_jump(&a, JZ, 1);
    emit2(&a, LOAD, 3); emit_jump(&a, CALL, 2); emit(&a, PRINT);
    emit2(&a, LOAD, 3); emit(&a, INC); emit2(&a, STORE, 3); emit_jump(&a, JMP, 0);
    here(&a, 1); emit(&a, HALT);
    here(&a, 2); emit2(&a, STORE, 4); emit2(&a, PUSH, 1); emit2(&a, STORE, 5);
    here(&a, 3); emit2(&a, LOAD, 4); emit_jump(&a, JZ, 4);
    emit2(&a, LOAD, 5); emit2(&a, LOAD, 4); emit(&a, MUL); emit2(&a, STORE, 5);
    emit2(&a, LOAD, 4); emit(&a, DEC); emit2(&a, STORE, 4); emit_jump(&a, JMP, 3);
    here(&a, 4); emit2(&a, LOAD, 5); emit(&a, RET);
    link_labels(&a);
    printf("fact: "); int left = run(&vm, a.code); printf("left %d steps %ld\n", left, vm.steps);

    /* gcd subroutine applied to a few pairs */
    asm_reset(&a);
    int64_t pairs[][2] = {{1071, 462}, {1000000007, 998244353}, {1LL << 40, 6LL * 1024 * 1024 * 3}, {17, 0}};
    for (int i = 0; i < 4; i++) { emit2(&a, PUSH, pairs[i][0]); emit2(&a, PUSH, pairs[i][1]); emit_jump(&a, CALL, 0); emit(&a, PRINT); }
    emit(&a, HALT);
    here(&a, 0); emit(&a, DUP); emit_jump(&a, JZ, 1); emit(&a, SWAP); emit(&a, OVER); emit(&a, MOD); emit_jump(&a, JMP, 0);
    here(&a, 1); emit(&a, POP); emit(&a, RET);
    link_labels(&a);
    printf("gcd: "); run(&vm, a.code); printf("steps %ld\n", vm.steps);

    /* primes below 200 by trial division, then their count */
    asm_reset(&a);
    emit2(&a, PUSH, 2); emit2(&a, STORE, 0); emit2(&a, PUSH, 0); emit2(&a, STORE, 1);
    here(&a, 0); emit2(&a, LOAD, 0); emit2(&a, PUSH, 200); emit(&a, LT); emit_jump(&a, JZ, 4);
    emit2(&a, PUSH, 2); emit2(&a, STORE, 2);
    here(&a, 1); emit2(&a, LOAD, 2); emit2(&a, LOAD, 2); emit(&a, MUL); emit2(&a, LOAD, 0); emit(&a, SWAP); emit(&a, LT); emit_jump(&a, JNZ, 2);
    emit2(&a, LOAD, 0); emit2(&a, LOAD, 2); emit(&a, MOD); emit_jump(&a, JZ, 3);
    emit2(&a, LOAD, 2); emit(&a, INC); emit2(&a, STORE, 2); emit_jump(&a, JMP, 1);
    here(&a, 2); emit2(&a, LOAD, 1); emit(&a, INC); emit2(&a, STORE, 1); emit2(&a, LOAD, 0); emit(&a, PRINT);
    here(&a, 3); emit2(&a, LOAD, 0); emit(&a, INC); emit2(&a, STORE, 0); emit_jump(&a, JMP, 0);
    here(&a, 4); emit2(&a, LOAD, 1); emit(&a, PRINT); emit(&a, HALT);
    link_labels(&a);
    printf("primes: "); run(&vm, a.code); printf("steps %ld\n", vm.steps);

    /* arithmetic expression evaluation: ((7 - 10) * -4 + 100 / 7) % 9, negation, equality */
    asm_reset(&a);
    emit2(&a, PUSH, 7); emit2(&a, PUSH, 10); emit(&a, SUB); emit2(&a, PUSH, 4); emit(&a, NEG); emit(&a, MUL);
    emit2(&a, PUSH, 100); emit2(&a, PUSH, 7); emit(&a, DIV); emit(&a, ADD); emit(&a, DUP); emit(&a, PRINT);
    emit2(&a, PUSH, 9); emit(&a, MOD); emit(&a, DUP); emit(&a, PRINT); emit2(&a, PUSH, 8); emit(&a, EQ); emit(&a, PRINT);
    emit2(&a, PUSH, -17); emit2(&a, PUSH, 5); emit(&a, MOD); emit(&a, PRINT); emit(&a, HALT);
    link_labels(&a);
    printf("expr: "); run(&vm, a.code); printf("steps %ld\n", vm.steps);
    return 0;
}
