// The x86-64 AT&T front end: operand forms, printing, diagnostics, control
// flow, and the ground truth: gcc output and hand-written code, parsed and
// printed, assemble with GNU as to byte-identical objects.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/asm/source.js';
import { x86_64Dialect } from '../src/asm/x86_64/index.js';
import { CONDITIONS, X86_64 } from '../src/isa/x86_64/instructions.js';
import { X86_REGISTERS } from '../src/isa/x86_64/registers.js';
import { describeCompiledRoundTrips, roundTrip } from './support/roundtrip.js';
import { dialectHelpers } from './support/dialect.js';
import { describeWithTools } from './support/tools.js';

const { parse, reprint, instruction, errors } = dialectHelpers(x86_64Dialect);

describe('x86-64 operands', () => {
  const cases: [string, string][] = [
    ['movl %eax,%ebx', '\tmovl\t%eax, %ebx'],
    ['MOVQ %RAX, %R8', '\tmovq\t%rax, %r8'],
    ['movb %sil, %dil', '\tmovb\t%sil, %dil'],
    ['movb %ah, %r8b', '\tmovb\t%ah, %r8b'],
    ['movl $5, %eax', '\tmovl\t$5, %eax'],
    ['movq $-1, %rax', '\tmovq\t$-1, %rax'],
    ['movl $0x7fffffff, %eax', '\tmovl\t$2147483647, %eax'],
    ['movl $010, %eax', '\tmovl\t$8, %eax'],
    ['movl $10%3, %eax', '\tmovl\t$10%3, %eax'],
    ['movl $(1<<4)|3, %eax', '\tmovl\t$1<<4|3, %eax'],
    ["cmpb $'a', %al", '\tcmpb\t$97, %al'],
    ["cmpb $'\\n, %al", '\tcmpb\t$10, %al'],
    ['movl $sym, %eax', '\tmovl\t$sym, %eax'],
    ['movl $.LC0, %eax', '\tmovl\t$.LC0, %eax'],
    ['movabsq $-9223372036854775808, %rax', '\tmovabsq\t$-9223372036854775808, %rax'],
    ['movq $x@tpoff, %rax', '\tmovq\t$x@tpoff, %rax'],
    ['movl (%rax), %eax', '\tmovl\t(%rax), %eax'],
    ['movl 8(%rbp), %eax', '\tmovl\t8(%rbp), %eax'],
    ['movl -8(%rbp,%rax,4), %eax', '\tmovl\t-8(%rbp,%rax,4), %eax'],
    ['movl ( %rax , %rbx ), %eax', '\tmovl\t(%rax,%rbx), %eax'],
    ['movl (,%rax,8), %eax', '\tmovl\t(,%rax,8), %eax'],
    ['movq .L4(,%rax,8), %rax', '\tmovq\t.L4(,%rax,8), %rax'],
    ['movl foo(%rip), %eax', '\tmovl\tfoo(%rip), %eax'],
    ['movl foo+16(%rip), %eax', '\tmovl\tfoo+16(%rip), %eax'],
    ['movsd .LC0(%rip), %xmm0', '\tmovsd\t.LC0(%rip), %xmm0'],
    ['movl (8)(%rax), %eax', '\tmovl\t8(%rax), %eax'],
    ['movl (a+b)*2(%rax), %eax', '\tmovl\t(a+b)*2(%rax), %eax'],
    ['movq %fs:40, %rax', '\tmovq\t%fs:40, %rax'],
    ['movq %fs:(%rax), %rax', '\tmovq\t%fs:(%rax), %rax'],
    ['movq %fs:0, %rax', '\tmovq\t%fs:0, %rax'],
    ['movl %fs:x@tpoff, %eax', '\tmovl\t%fs:x@tpoff, %eax'],
    ['nopw %cs:0x0(%rax,%rax,1)', '\tnopw\t%cs:0(%rax,%rax,1)'],
    ['movl foo, %eax', '\tmovl\tfoo, %eax'],
    ['movl foo+8, %eax', '\tmovl\tfoo+8, %eax'],
    ['call printf@PLT', '\tcall\tprintf@PLT'],
    ['movq foo@GOTPCREL(%rip), %rax', '\tmovq\tfoo@GOTPCREL(%rip), %rax'],
    ['leaq x@tlsgd(%rip), %rdi', '\tleaq\tx@tlsgd(%rip), %rdi'],
    ['call *%rax', '\tcall\t*%rax'],
    ['jmp *(%rax)', '\tjmp\t*(%rax)'],
    ['call *8(%rax)', '\tcall\t*8(%rax)'],
    ['jmp *.L4(,%rax,8)', '\tjmp\t*.L4(,%rax,8)'],
    ['call *foo@GOTPCREL(%rip)', '\tcall\t*foo@GOTPCREL(%rip)'],
    ['notrack jmp *%rax', '\tnotrack jmp\t*%rax'],
    ['fadd %st(1), %st', '\tfadd\t%st(1), %st'],
    ['fxch %ST( 2 )', '\tfxch\t%st(2)'],
    ['rep stosq', '\trep stosq'],
    ['lock cmpxchgq %rdx, (%rdi)', '\tlock cmpxchgq\t%rdx, (%rdi)'],
    ['rep; movsb', '\trep\n\tmovsb'],
    ['jmp 1f\n1: jne 1b', '\tjmp\t1f\n1:\n\tjne\t1b'],
    ['jmp .+2', '\tjmp\t.+2'],
    ['vpxord %zmm0, %zmm1, %zmm2{%k1}{z}', '\tvpxord\t%zmm0, %zmm1, %zmm2{%k1}{z}'],
    ['vmulps .LC3(%rip){1to8}, %ymm0, %ymm1', '\tvmulps\t.LC3(%rip){1to8}, %ymm0, %ymm1'],
    ['vmovdqu32 %zmm0, (%rdi,%rax) {%k1}', '\tvmovdqu32\t%zmm0, (%rdi,%rax){%k1}'],
    ['vpgatherdd %ymm2, (%rax,%ymm1,4), %ymm0', '\tvpgatherdd\t%ymm2, (%rax,%ymm1,4), %ymm0'],
    ['pushq %rbp ; movq %rsp, %rbp # frame', '\tpushq\t%rbp\n\tmovq\t%rsp, %rbp'],
    ['ret /* done */', '\tret'],
    ['/ a line comment, gas style\n\tmovl $8/2, %eax', '\tmovl\t$8/2, %eax'],
    ['  / indented too\nnop', '\tnop'],
  ];
  for (const [input, printed] of cases) {
    it(`reprints ${JSON.stringify(input)}`, () => {
      expect(reprint(input)).toBe(printed + '\n');
    });
  }

  it('builds memory operands with exactly the parts written', () => {
    expect(instruction('movl -8(%rbp,%rax,4), %ecx').operands[0]).toEqual({
      kind: 'x86mem', disp: { kind: 'unary', op: '-', arg: { kind: 'num', value: 8n } }, base: 'rbp', index: 'rax', scale: 4, parens: true,
    });
    expect(instruction('movl (,%rax,8), %ecx').operands[0]).toEqual({ kind: 'x86mem', index: 'rax', scale: 8, parens: true });
    expect(instruction('movq %fs:40, %rax').operands[0]).toEqual({ kind: 'x86mem', segment: 'fs', disp: { kind: 'num', value: 40n }, parens: false });
    expect(instruction('movq %fs:(%rax), %rax').operands[0]).toEqual({ kind: 'x86mem', segment: 'fs', base: 'rax', parens: true });
    expect(instruction('fadd %st(1), %st').operands).toEqual([{ kind: 'reg', name: 'st(1)' }, { kind: 'reg', name: 'st' }]);
    expect(instruction('movl $-1, %eax').operands[0]).toEqual({ kind: 'imm', prefix: '$', expr: { kind: 'unary', op: '-', arg: { kind: 'num', value: 1n } } });
    expect(instruction('vaddps %zmm0, %zmm1, %zmm2{%k1}{z}').operands[2]).toEqual({ kind: 'reg', name: 'zmm2', decorations: ['k1', 'z'] });
  });

  it('reads a bare expression as a target in branches and as absolute memory elsewhere', () => {
    expect(instruction('jmp .L3').operands[0]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: '.L3' } });
    expect(instruction('call printf@PLT').operands[0]).toEqual({
      kind: 'expr', expr: { kind: 'reloc', style: 'at', op: 'PLT', arg: { kind: 'sym', name: 'printf' } },
    });
    expect(instruction('incl counter+4').operands[0]).toEqual({
      kind: 'x86mem', parens: false,
      disp: { kind: 'binary', op: '+', left: { kind: 'sym', name: 'counter' }, right: { kind: 'num', value: 4n } },
    });
    expect(instruction('call *foo').operands[0]).toEqual({
      kind: 'indirect', target: { kind: 'x86mem', disp: { kind: 'sym', name: 'foo' }, parens: false },
    });
    expect(instruction('jmp *%rax').operands[0]).toEqual({ kind: 'indirect', target: { kind: 'reg', name: 'rax' } });
  });

  it('keeps prefixes apart from the mnemonic', () => {
    expect(instruction('lock xaddl %eax, (%rdi)')).toMatchObject({ mnemonic: 'xaddl', prefixes: ['lock'] });
    expect(instruction('rep stosq')).toMatchObject({ mnemonic: 'stosq', prefixes: ['rep'] });
    expect(instruction('data16 leaq x@tlsgd(%rip), %rdi')).toMatchObject({ mnemonic: 'leaq', prefixes: ['data16'] });
    expect(instruction('rex64')).toMatchObject({ mnemonic: 'rex64', prefixes: [], operands: [] });
  });
});

describe('x86-64 registers and mnemonics', () => {
  it('knows every general register at every width', () => {
    for (const r of ['rax', 'eax', 'ax', 'al', 'ah', 'sil', 'dil', 'spl', 'bpl', 'r8', 'r8d', 'r8w', 'r8b', 'r15b', 'rip']) {
      expect(X86_REGISTERS.has(r), r).toBe(true);
    }
    for (const r of ['fs', 'gs', 'xmm0', 'xmm31', 'ymm15', 'zmm31', 'k7', 'st', 'st(7)', 'mm7', 'cr0']) {
      expect(X86_REGISTERS.has(r), r).toBe(true);
    }
    expect(X86_REGISTERS.has('r16')).toBe(false);
  });

  it('accepts every condition spelling for jcc, setcc and cmovcc', () => {
    for (const c of CONDITIONS) {
      expect(X86_64.lookup(`j${c}`)?.flow, `j${c}`).toBe('branch');
      expect(X86_64.lookup(`set${c}`), `set${c}`).toBeDefined();
      for (const s of ['', 'w', 'l', 'q']) expect(X86_64.lookup(`cmov${c}${s}`), `cmov${c}${s}`).toBeDefined();
    }
  });

  it('accepts bare and size-suffixed spellings', () => {
    const names = [
      'mov', 'movb', 'movw', 'movl', 'movq', 'movzbl', 'movsbw', 'movslq', 'cltq', 'cqto', 'cltd', 'cwtl', 'movabsq', 'leaq',
      'idivl', 'sarl', 'shrq', 'rolw', 'bsrl', 'bsfq', 'tzcntl', 'popcntl', 'bswap', 'xchg', 'cmpxchg', 'xadd', 'push', 'pop',
      'endbr64', 'ud2', 'hlt', 'stosq', 'movsb', 'movss', 'movsd', 'cmpsd', 'cvtsi2sdl', 'cvttsd2siq', 'pmulld', 'psrldq',
      'movhlps', 'maxsd', 'mfence', 'pause', 'fldt', 'fstpt', 'vfmadd231ps', 'vzeroupper', 'kmovw',
    ];
    for (const n of names) expect(X86_64.lookup(n), n).toBeDefined();
    expect(X86_64.lookup('movzbl')?.maxOperands).toBe(2);
    expect(X86_64.lookup('imulq')).toMatchObject({ minOperands: 1, maxOperands: 3 });
    expect(X86_64.lookup('movx')).toBeUndefined();
  });
});

describe('x86-64 control flow', () => {
  const kind = (text: string) => X86_64.control(instruction(text));
  it('classifies jumps, branches, calls and returns', () => {
    expect(kind('jmp .L3')).toEqual({ kind: 'jump', target: { kind: 'sym', name: '.L3' } });
    expect(kind('jmp memcpy@PLT')).toMatchObject({ kind: 'jump', target: { kind: 'reloc', op: 'PLT' } });
    expect(kind('jmp *%rax')).toEqual({ kind: 'indirect-jump' });
    expect(kind('notrack jmp *.L4(,%rax,8)')).toEqual({ kind: 'indirect-jump' });
    expect(kind('jne .L2')).toEqual({ kind: 'branch', target: { kind: 'sym', name: '.L2' } });
    expect(kind('jnbe .L2')).toMatchObject({ kind: 'branch' });
    expect(kind('call foo')).toEqual({ kind: 'call', target: { kind: 'sym', name: 'foo' } });
    expect(kind('call *8(%rax)')).toEqual({ kind: 'indirect-call' });
    expect(kind('ret')).toEqual({ kind: 'return' });
    expect(kind('rep ret')).toEqual({ kind: 'return' });
    expect(kind('ud2')).toEqual({ kind: 'trap' });
    expect(kind('hlt')).toEqual({ kind: 'trap' });
    expect(kind('addl $1, %eax')).toEqual({ kind: 'fallthrough' });
  });
});

describe('x86-64 diagnostics', () => {
  it('reports every bad line with its position and keeps going', () => {
    expect(errors('\tmovl %eax\n\tmovl (%rax, %eax\n\tfrob %eax\n\tmovl %foo, %eax\n\tret')).toEqual([
      "1:2: 'movl' takes 2 operands, found 1",
      "2:18: unexpected end of line in 'movl'",
      "3:2: unknown x86-64 instruction 'frob'",
      "4:7: '%foo' is not an x86-64 register",
    ]);
  });

  it('rejects malformed memory operands and misplaced indirection', () => {
    expect(errors('movl (%rax,%rbx,3), %eax')).toEqual(["1:17: scale factor must be 1, 2, 4 or 8, found '3'"]);
    expect(errors('movl (%xmm0), %eax')).toEqual(["1:7: '%xmm0' cannot be a base register"]);
    expect(errors('movl (%rax,%rsp), %eax')).toEqual(["1:12: '%rsp' cannot be an index register"]);
    expect(errors('movl %eax:8, %eax')).toEqual(["1:6: '%eax' is not a segment register"]);
    expect(errors('addl *%eax, %ebx')).toEqual(["1:1: 'addl' does not take an indirect '*' operand (only jmp and call do)"]);
    expect(errors('movl %eax, %ebx, %ecx')).toEqual(["1:1: 'movl' takes 2 operands, found 3"]);
    expect(errors('movl %eax %ebx')).toEqual(["1:11: unexpected '%ebx' in 'movl'"]);
    expect(errors('fld %st(9)')).toEqual(["1:9: x87 stack register number must be 0 to 7, found '9'"]);
    expect(errors('vaddps %zmm0, %zmm1, %zmm2{%xmm1}')).toEqual(["1:28: '%xmm1' is not an opmask register (%k0 to %k7)"]);
    expect(errors('vaddps %zmm0, %zmm1, %zmm2{q}')).toEqual(["1:27: unknown operand decoration '{q}'"]);
    expect(errors('movl (), %eax')).toEqual(['1:6: empty memory reference']);
  });

  it('renders a caret under the offending text', () => {
    const r = parse('\tmovl (%rax, %eax\n');
    expect(formatDiagnostic(r.diagnostics[0]!, r.source)).toBe(
      "test.s:1:18: error: unexpected end of line in 'movl'\n\tmovl (%rax, %eax\n\t                ^",
    );
  });
});

// ---------------------------------------------------------------- assembling

const HAND_WRITTEN = `# every operand form, hand-written
	.text
	.globl	f
	.type	f, @function
f:	endbr64
	pushq %rbp ; movq %rsp,%rbp   /* block comment */ # hash comment
/ a gas line comment
	movl	$5%3, %eax
	movl	$(1<<4)|3, %eax
	movl	$8/2, %eax
	movabsq	$0x123456789abcdef0, %rax
	movabsq	$-9223372036854775808, %rdx
	movl	(%rax), %ecx
	movl	-8(%rbp,%rax,4), %ecx
	movl	(,%rax,8), %ecx
	movl	.L4(,%rax,8), %ecx
	movl	foo+16(%rip), %ecx
	movq	%fs:40, %rax
	movq	%fs:(%rax), %rax
	movq	%gs:8(%rax,%rbx,2), %rax
	movl	%fs:xt@tpoff, %eax
	movl	foo+8, %eax
	movl	0x1000, %eax
	movl	(%rax,%rbx,), %eax
	movl	(8)(%rax), %eax
	movl	%EAX, %R8D
	movq	foo@GOTPCREL(%rip), %rax
	movl	xt@dtpoff(%rax), %eax
	movq	xt@gottpoff(%rip), %rax
	movq	$xt@tpoff, %rax
	data16 leaq xt@tlsgd(%rip), %rdi
	.value	0x6666
	rex64
	call	__tls_get_addr@PLT
	call	*%rax
	call	*8(%rax)
	call	*foo@GOTPCREL(%rip)
	call	*foo
	jmp	*.L4(,%rax,8)
	notrack jmp	*%rax
	jmp	1f
1:	jne	1b
	jmp	.+2
	rep stosq
	rep; movsl
	lock cmpxchgl %edx, (%rdi)
	repne scasb
	movsb	(%rsi), (%rdi)
	fldt	16(%rsp)
	fadd	%st(1), %st
	faddp	%st, %st(1)
	fucomip	%st(1), %st
	fistpll	8(%rsp)
	movsd	.LC0(%rip), %xmm1
	cmpsd	$1, %xmm0, %xmm1
	cvtsi2sdq	%rax, %xmm0
	pshufd	$0x1b, %xmm0, %xmm1
	vfmadd231sd	%xmm2, %xmm1, %xmm0
	vpxord	%zmm0, %zmm1, %zmm2{%k1}{z}
	vaddps	(%rax){1to16}, %zmm1, %zmm2
	vpgatherdd	%ymm2, (%rax,%ymm1,4), %ymm0
	imulq	$10, %rbx, %rax
	shrl	%eax
	shldq	%cl, %rax, %rdx
	cltq; cqto
	nopw	%cs:0x0(%rax,%rax,1)
	inb	(%dx), %al
	cmpb	$'a', %al
	cmpb	$'\\n, %al
	ret	$8
	.size	f, .-f
	.section	.rodata
.LC0:	.long	0, 1072693248
.L4:	.quad	1b, f, .L4
x = 5
	.set	y, x*2
	.section	.tbss,"awT",@nobits
xt:	.zero	4
	.data
foo:	.quad	0, 0, 0
`;

/** C programs beyond the corpus, each compiled with several flag sets. */
const EXTRA_C: Record<string, string> = {
  tls: `__thread int tc; static __thread long tl[4]; extern __thread int ext;
int bump(int x) { tc += x; tl[x & 3]++; return tc + ext; } int *addr(void) { return &tc; }`,
  atomics: `#include <stdatomic.h>
_Atomic long counter; _Atomic int flag; int plain;
long inc(void) { return atomic_fetch_add(&counter, 5); }
int cas(int old, int nw) { return atomic_compare_exchange_strong(&flag, &old, nw); }
int xchg(int v) { return atomic_exchange(&flag, v); }
void fence(void) { atomic_thread_fence(memory_order_seq_cst); }
int andf(int v) { return __atomic_and_fetch(&plain, v, __ATOMIC_RELAXED); }
int bt(int i) { return __atomic_fetch_or(&plain, 1 << i, __ATOMIC_SEQ_CST) & (1 << i); }
void spin(void) { while (__atomic_test_and_set(&plain, __ATOMIC_ACQUIRE)) __builtin_ia32_pause(); }`,
  floats: `#include <math.h>
long double ld(long double a, long double b) { return a * b + a / b - (long double)(int)a; }
double d(double a, float f, int i, long l, unsigned u, unsigned long ul) { return a*f + i + l + u + ul + sqrt(a) + fabs(f); }
unsigned long tou(double x) { return (unsigned long)x; }
long double ldconv(long long x, unsigned long long y) { return x + (long double)y; }
int cmp(double a, double b) { return a < b || isnan(a) || a == b; }
_Complex double cmul(_Complex double a, _Complex double b) { return a * b; }
float fm(float a, float b) { return fmaxf(a, b) + floorf(a) + roundf(b); }`,
  vectors: `#include <stdint.h>
void saxpy(float *restrict y, const float *restrict x, float a, int n) { for (int i = 0; i < n; i++) y[i] += a * x[i]; }
void mulv(int *restrict a, const int *restrict b, int n) { for (int i = 0; i < n; i++) a[i] *= b[i]; }
void conv(double *restrict d, const int *restrict s, int n) { for (int i = 0; i < n; i++) d[i] = s[i] * 0.5; }
uint8_t maxb(const uint8_t *p, int n) { uint8_t m = 0; for (int i = 0; i < n; i++) m = p[i] > m ? p[i] : m; return m; }
void sh(short *restrict a, const short *restrict b, int n) { for (int i = 0; i < n; i++) a[i] = (a[i] * b[i]) >> 3; }
void cond(int *restrict a, const int *restrict b, int n) { for (int i = 0; i < n; i++) if (b[i] > 3) a[i] = b[i] * 2; }`,
  control: `#include <stdio.h>
#include <string.h>
int sw(int x) { switch (x) { case 0: return 10; case 1: return printf("a"); case 2: return 33; case 3: return x*7;
  case 4: return -1; case 5: puts("q"); return 2; case 6: return 99; case 7: return 5; default: return 0; } }
int cg(int x) { static void *lab[] = { &&a, &&b, &&c }; goto *lab[x % 3]; a: return 1; b: return 2; c: return 3; }
struct big { long a[20]; }; struct big copy(struct big *p) { struct big b = *p; b.a[3]++; return b; }
void va(const char *fmt, ...); void callva(void) { va("x", 1, 2.0, 3L, "s", 4.5f); }
int vla(int n) { int a[n]; for (int i = 0; i < n; i++) a[i] = i; return a[n/2]; }
__int128 m128(__int128 a, __int128 b) { return a * b / 7; }
unsigned bits(unsigned x) { return __builtin_popcount(x) + __builtin_clz(x|1) + __builtin_ctz(x|2) + __builtin_bswap32(x); }
void zero(char *p) { char buf[256]; memset(buf, 0, sizeof buf); memcpy(p, buf, 256); }`,
};

const EXTRA_FLAGS: Record<string, string[]> = {
  plain: [],
  pic: ['-fPIC'],
  cet: ['-fcf-protection=full', '-fstack-protector-all'],
  avx2: ['-march=haswell'],
  avx512: ['-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mprefer-vector-width=512'],
};

describeWithTools(['as'], 'x86-64 round trip through GNU as', () => {
  it('reproduces hand-written code with every operand form', async () => {
    expect(await roundTrip('x86_64', HAND_WRITTEN, 'hand')).toBeUndefined();
  });
});

// The corpus round trip for every ISA is in tests/roundtrip.test.ts.
describeCompiledRoundTrips('x86_64', 'extra programs: TLS, atomics, x87, vectors, jump tables, PIC, CET, AVX2, AVX-512', EXTRA_C, EXTRA_FLAGS);
