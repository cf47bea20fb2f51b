// The AArch64 GNU-syntax front end: operand forms, printing, diagnostics,
// control flow, and the ground truth: gcc output and hand-written code, parsed
// and printed, assemble with GNU as to byte-identical objects.
import { describe, expect, it } from 'vitest';
import { aarch64Dialect } from '../src/asm/aarch64/index.js';
import { formatDiagnostic } from '../src/asm/source.js';
import { AARCH64 } from '../src/isa/aarch64/instructions.js';
import { aarch64RegisterNumber, parseVectorRegister } from '../src/isa/aarch64/registers.js';
import { assembleText } from '../src/toolchain/assemble.js';
import { describeCompiledRoundTrips, roundTrip } from './support/roundtrip.js';
import { dialectHelpers } from './support/dialect.js';
import { describeWithTools } from './support/tools.js';

const { parse, reprint, instruction, errors } = dialectHelpers(aarch64Dialect);

describe('AArch64 operands', () => {
  const cases: [string, string][] = [
    // registers, aliases and case
    ['add x0, x1, x2', 'add\tx0, x1, x2'],
    ['ADD X0, X1, WZR', 'add\tx0, x1, wzr'],
    ['mov x29, sp', 'mov\tx29, sp'],
    ['mov fp, lr', 'mov\tfp, lr'],
    // immediates: with and without #, expressions, floats
    ['sub sp, sp, #16', 'sub\tsp, sp, #16'],
    ['add sp, sp, 16', 'add\tsp, sp, 16'],
    ['mov w0, -1', 'mov\tw0, -1'],
    ['mov x0, #0x10', 'mov\tx0, #16'],
    ['add x0, x1, #(1 << 3) + 2', 'add\tx0, x1, #1<<3+2'],
    ['movi v0.4s, 0', 'movi\tv0.4s, 0'],
    ['fmov d0, 1.0e+0', 'fmov\td0, 1.0e+0'],
    ['fmov d0, -1.0e+0', 'fmov\td0, -1.0e+0'],
    ['fmov s0, #1.5', 'fmov\ts0, #1.5'],
    ['fcmp d0, #0.0', 'fcmp\td0, #0.0'],
    // gas reads an integer in an FP immediate as a float: hex is the bit pattern, 017 is 17.0
    ['fmov d0, #0x3ff0000000000000', 'fmov\td0, #1'],
    ['fmov v0.4s, 0xbe000000', 'fmov\tv0.4s, -0.125'],
    ['fmov d0, #017', 'fmov\td0, #017'],
    ['mov x0, #017', 'mov\tx0, #15'],
    ["cmp w0, 'a'", 'cmp\tw0, 97'],
    // shifts and extends
    ['add x0, x1, x2, lsl #3', 'add\tx0, x1, x2, lsl #3'],
    ['add x0, x1, x2, lsl 3', 'add\tx0, x1, x2, lsl #3'],
    ['add x0, x1, w2, sxtw', 'add\tx0, x1, w2, sxtw'],
    ['add x0, sp, w1, uxtw #2', 'add\tx0, sp, w1, uxtw #2'],
    ['movk x0, 0xbeef, lsl 16', 'movk\tx0, 48879, lsl #16'],
    ['movi v0.4s, 0xff, msl 8', 'movi\tv0.4s, 255, msl #8'],
    ['add x0, x1, #1, lsl #12', 'add\tx0, x1, #1, lsl #12'],
    // condition codes and keywords
    ['csel w0, w1, w2, ge', 'csel\tw0, w1, w2, ge'],
    ['cset w0, hs', 'cset\tw0, hs'],
    ['ccmp x0, x1, #4, ne', 'ccmp\tx0, x1, #4, ne'],
    ['dmb ish', 'dmb\tish'],
    ['prfm pldl1keep, [x0]', 'prfm\tpldl1keep, [x0]'],
    ['mrs x0, tpidr_el0', 'mrs\tx0, tpidr_el0'],
    ['msr daifset, #2', 'msr\tdaifset, #2'],
    // labels, symbols and relocations
    ['bl printf', 'bl\tprintf'],
    ['b.ne .L3', 'b.ne\t.L3'],
    ['bne .L3', 'bne\t.L3'],
    ['cbz w0, 1f', 'cbz\tw0, 1f'],
    ['tbnz x0, #63, .L9', 'tbnz\tx0, #63, .L9'],
    ['adrp x0, .LANCHOR0', 'adrp\tx0, .LANCHOR0'],
    ['add x0, x0, :lo12:.LANCHOR0', 'add\tx0, x0, :lo12:.LANCHOR0'],
    ['adrp x0, :got:stdout', 'adrp\tx0, :got:stdout'],
    ['add x0, x0, #:lo12:sym+8', 'add\tx0, x0, #:lo12:sym+8'],
    ['add x0, x0, #:tprel_hi12:tv, lsl #12', 'add\tx0, x0, #:tprel_hi12:tv, lsl #12'],
    ['ldr w4, =0x1234', 'ldr\tw4, =4660'],
    ['ldr x3, .LC0', 'ldr\tx3, .LC0'],
    // memory
    ['ldr x0, [x1]', 'ldr\tx0, [x1]'],
    ['ldr x0, [x1, #8]', 'ldr\tx0, [x1, #8]'],
    ['ldr x0, [x1, 8]', 'ldr\tx0, [x1, 8]'],
    ['stp x29, x30, [sp, -32]!', 'stp\tx29, x30, [sp, -32]!'],
    ['ldp x29, x30, [sp], 32', 'ldp\tx29, x30, [sp], 32'],
    ['ldr x0, [x1], #8', 'ldr\tx0, [x1], #8'],
    ['ldr x0, [x1, x2]', 'ldr\tx0, [x1, x2]'],
    ['ldr x0, [x1, x2, lsl #3]', 'ldr\tx0, [x1, x2, lsl #3]'],
    ['ldr w0, [x1, w2, sxtw]', 'ldr\tw0, [x1, w2, sxtw]'],
    ['ldr w0, [x1, w2, uxtw #2]', 'ldr\tw0, [x1, w2, uxtw #2]'],
    ['ldr q0, [x0, #:lo12:.LC1]', 'ldr\tq0, [x0, #:lo12:.LC1]'],
    ['ldr x0, [x0, :got_lo12:stdout]', 'ldr\tx0, [x0, :got_lo12:stdout]'],
    // vectors, lanes and lists
    ['add v0.4s, v1.4s, v2.4s', 'add\tv0.4s, v1.4s, v2.4s'],
    ['add V0.4S, v1.4s, v2.2D', 'add\tv0.4s, v1.4s, v2.2d'],
    ['mov v1.s[1], w0', 'mov\tv1.s[1], w0'],
    ['fmla v0.4s, v1.4s, v2.s[3]', 'fmla\tv0.4s, v1.4s, v2.s[3]'],
    ['umov w0, v0.b[15]', 'umov\tw0, v0.b[15]'],
    ['addv s0, v0.4s', 'addv\ts0, v0.4s'],
    ['ld1 {v0.16b}, [x0]', 'ld1\t{v0.16b}, [x0]'],
    ['ld1 { v0.16b , v1.16b }, [x0], #32', 'ld1\t{v0.16b, v1.16b}, [x0], #32'],
    ['ld4 {v0.4s-v3.4s}, [x0], x2', 'ld4\t{v0.4s - v3.4s}, [x0], x2'],
    ['ld1 {v0.s}[1], [x0]', 'ld1\t{v0.s}[1], [x0]'],
    ['tbl v0.16b, {v1.16b - v2.16b}, v3.16b', 'tbl\tv0.16b, {v1.16b - v2.16b}, v3.16b'],
    ['ext v0.16b, v1.16b, v2.16b, #8', 'ext\tv0.16b, v1.16b, v2.16b, #8'],
    // comments and separators
    ['# 1 "t.S"\nnop // c\n/* a\nb */ ret', 'nop\n\tret'],
    ['mov x0, x1; mov x2, x3', 'mov\tx0, x1\n\tmov\tx2, x3'],
  ];
  for (const [input, printed] of cases) {
    it(`reprints ${JSON.stringify(input)}`, () => {
      expect(reprint(input)).toBe(`\t${printed}\n`);
    });
  }

  it('builds the operand kinds the AST promises', () => {
    expect(instruction('ldr w0, [x1, w2, uxtw #2]').operands).toEqual([
      { kind: 'reg', name: 'w0' },
      { kind: 'a64mem', base: 'x1', offset: { kind: 'reg', name: 'w2' }, extend: { kind: 'shift', op: 'uxtw', amount: { kind: 'num', value: 2n } }, writeback: false },
    ]);
    expect(instruction('ldr x0, [x1, #-8]!').operands[1]).toEqual({
      kind: 'a64mem', base: 'x1', offset: { kind: 'imm', prefix: '#', expr: { kind: 'unary', op: '-', arg: { kind: 'num', value: 8n } } }, writeback: true,
    });
    expect(instruction('ldr x0, [x1], #8').operands.map((o) => o.kind)).toEqual(['reg', 'a64mem', 'imm']);
    expect(instruction('fmla v0.4s, v1.4s, v2.s[3]').operands[2]).toEqual({ kind: 'vreg', name: 'v2', arrangement: 's', index: 3 });
    expect(instruction('ld1 {v0.s, v1.s}[1], [x0]').operands[0]).toEqual({
      kind: 'vlist', range: false, index: 1,
      regs: [{ kind: 'vreg', name: 'v0', arrangement: 's' }, { kind: 'vreg', name: 'v1', arrangement: 's' }],
    });
    expect(instruction('ld1 {v0.4s - v3.4s}, [x0]').operands[0]).toMatchObject({ kind: 'vlist', range: true, regs: [{ name: 'v0' }, { name: 'v3' }] });
    expect(instruction('movi v0.4s, 0').operands[1]).toEqual({ kind: 'imm', prefix: '', expr: { kind: 'num', value: 0n } });
    expect(instruction('fmov d0, 1.0e+0').operands[1]).toEqual({ kind: 'imm', prefix: '', expr: { kind: 'float', text: '1.0e+0' } });
    expect(instruction('csel w0, w1, w2, eq').operands[3]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 'eq' } });
    expect(instruction('add x0, x0, :lo12:sym').operands[2]).toEqual({
      kind: 'expr', expr: { kind: 'reloc', style: 'colon', op: 'lo12', arg: { kind: 'sym', name: 'sym' } },
    });
    expect(instruction('cmp x0, w1, sxtw').operands[2]).toEqual({ kind: 'shift', op: 'sxtw' });
    expect(instruction('ldr x0, =msg').operands[1]).toEqual({ kind: 'imm', prefix: '=', expr: { kind: 'sym', name: 'msg' } });
  });

  it('reads register names in address operands as symbols, as gas does', () => {
    // A C global named s1, a function named lsl, a static v1.4s: gas takes them all as symbols here.
    expect(instruction('adrp x0, s1').operands[1]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 's1' } });
    expect(instruction('bl lsl').operands[0]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 'lsl' } });
    expect(instruction('b sxtw').operands[0]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 'sxtw' } });
    expect(instruction('cbz x0, X1').operands[1]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 'X1' } });
    expect(instruction('ldr x0, d1').operands[1]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 'd1' } });
    expect(instruction('adrp x0, v1.4s').operands[1]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 'v1.4s' } });
    expect(instruction('adrp x0, v1.0').operands[1]).toEqual({ kind: 'expr', expr: { kind: 'sym', name: 'v1.0' } });
    expect(instruction('ldr x0, [x1]').operands[1]).toMatchObject({ kind: 'a64mem', base: 'x1' });
  });

  it('keeps the directives gcc emits for AArch64', () => {
    const text = [
      '\t.arch armv8-a+crc',
      '\t.section\t.rodata.cst16,"aM",@progbits,16',
      '\t.type\tf, %function',
      '\t.xword\t-9223372036854775808',
      '\t.2byte\t(.L28 - .Lrtx5) / 4',
      '\t.set\t.LANCHOR0,. + 0',
      '\t.tlsdesccall\tvar',
    ].join('\n');
    expect(reprint(text)).toBe(
      [
        '\t.arch\tarmv8-a+crc',
        '\t.section\t.rodata.cst16,"aM",@progbits,16',
        '\t.type\tf,%function',
        '\t.xword\t-9223372036854775808',
        '\t.2byte\t(.L28-.Lrtx5)/4',
        '\t.set\t.LANCHOR0,.+0',
        '\t.tlsdesccall\tvar',
      ].join('\n') + '\n',
    );
  });
});

describe('AArch64 registers', () => {
  it('knows the aliases and views', () => {
    expect(aarch64RegisterNumber('fp')).toBe(29);
    expect(aarch64RegisterNumber('lr')).toBe(30);
    expect(aarch64RegisterNumber('ip1')).toBe(17);
    expect(aarch64RegisterNumber('w7')).toBe(7);
    expect(aarch64RegisterNumber('q31')).toBe(31);
    expect(aarch64RegisterNumber('x31')).toBeUndefined();
    expect(parseVectorRegister('V3.8H')).toEqual({ name: 'v3', arrangement: '8h' });
    expect(parseVectorRegister('v32.4s')).toBeUndefined();
    expect(parseVectorRegister('v1.3s')).toBeUndefined();
  });
});

describe('AArch64 diagnostics', () => {
  it('reports malformed operands at the offending token', () => {
    expect(errors('add x0, [x1')).toEqual(["1:12: unexpected end of line in 'add'"]);
    expect(errors('ldr x0, [x1, #8]!!')).toEqual(["1:18: unexpected '!' in 'ldr'"]);
    expect(errors('\tldr x0, [x1, x2+1]')).toEqual(["1:17: unexpected '+' in 'ldr'"]);
    expect(errors('add x0, x1, x2 x3')).toEqual(["1:16: unexpected 'x3' in 'add'"]);
    expect(errors('ld1 {v0.4s, v1.4s')).toEqual(["1:18: unexpected end of line in 'ld1'"]);
  });

  it('reports unknown mnemonics and wrong operand counts, and keeps going', () => {
    expect(errors('frob x0\nadd x0, x1\n\tret x0, x1\nb.xx 1f\nbal 1f\nnop')).toEqual([
      "1:1: unknown AArch64 instruction 'frob'",
      "2:1: 'add' takes 3 to 4 operands, found 2",
      "3:2: 'ret' takes 0 to 1 operands, found 2",
      "4:1: unknown AArch64 instruction 'b.xx'",
      "5:1: unknown AArch64 instruction 'bal'",
    ]);
  });

  it('rejects register names where gas cannot take them', () => {
    expect(errors('ldr x0, [s1]')).toEqual(["1:10: expected a 64-bit base register (x0-x30 or sp), found 's1'"]);
    expect(errors('ldr x0, [xzr]')).toEqual(["1:10: expected a 64-bit base register (x0-x30 or sp), found 'xzr'"]);
    expect(errors('ld1 {v0.4s, x1}, [x0]')).toEqual([
      "1:13: expected a vector register with an arrangement (such as v0.16b) in a register list, found 'x1'",
    ]);
    expect(errors('add x0, x1, x2, lsl x3')).toEqual(["1:17: the amount of 'lsl' must be a constant, found register 'x3'"]);
    expect(errors('add x0, x1, x2+1')).toEqual(["1:1: register 'x2' cannot start an expression in operand 3 of 'add'"]);
  });

  it('rejects misplaced shifts and extends', () => {
    expect(errors('add x0, x1, x2, lsl')).toEqual(["1:1: 'lsl' needs a shift amount (operand 4 of 'add')"]);
    expect(errors('ldr x0, [x1, #8, lsl 3]')).toEqual(["1:18: 'lsl' applies to an index register, not to an immediate offset"]);
    expect(errors('ldr x0, [x1, w2, foo]')).toEqual(["1:18: expected an index extend such as 'lsl #3' or 'sxtw', found 'foo'"]);
    expect(errors('ldr x0, [x1, x2, lsl]')).toEqual(["1:18: 'lsl' needs a shift amount"]);
  });

  it('renders a caret under the offending text', () => {
    const r = parse('\tldr x0, [x1, #8]!!\n');
    expect(formatDiagnostic(r.diagnostics[0]!, r.source)).toBe(
      "test.s:1:19: error: unexpected '!' in 'ldr'\n\tldr x0, [x1, #8]!!\n\t                 ^",
    );
  });
});

describe('AArch64 control flow', () => {
  const flow = (text: string) => AARCH64.control(instruction(text));
  const sym = (name: string) => ({ kind: 'sym', name });

  it('classifies branches, calls, returns and traps', () => {
    expect(flow('b .L3')).toEqual({ kind: 'jump', target: sym('.L3') });
    expect(flow('b.eq .L3')).toEqual({ kind: 'branch', target: sym('.L3') });
    expect(flow('bhs .L3')).toEqual({ kind: 'branch', target: sym('.L3') });
    expect(flow('b.lo 1f')).toEqual({ kind: 'branch', target: sym('1f') });
    expect(flow('cbnz w0, .L4')).toEqual({ kind: 'branch', target: sym('.L4') });
    expect(flow('tbz x1, #3, .L5')).toEqual({ kind: 'branch', target: sym('.L5') });
    expect(flow('bl printf')).toEqual({ kind: 'call', target: sym('printf') });
    expect(flow('blr x3')).toEqual({ kind: 'indirect-call' });
    expect(flow('br x16')).toEqual({ kind: 'indirect-jump' });
    expect(flow('ret')).toEqual({ kind: 'return' });
    expect(flow('ret x30')).toEqual({ kind: 'return' });
    expect(flow('ret x1')).toEqual({ kind: 'indirect-jump' });
    expect(flow('retaa')).toEqual({ kind: 'return' });
    expect(flow('b.al .L1')).toEqual({ kind: 'jump', target: sym('.L1') });
    expect(flow('udf #0')).toEqual({ kind: 'trap' });
    expect(flow('brk #1000')).toEqual({ kind: 'trap' });
    expect(flow('add x0, x1, x2')).toEqual({ kind: 'fallthrough' });
  });

  it('has every condition in both spellings', () => {
    for (const c of ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le']) {
      expect(AARCH64.lookup(`b.${c}`)?.flow).toBe('branch');
      expect(AARCH64.lookup(`b${c}`)?.flow).toBe('branch');
    }
  });
});

// ------------------------------------------------------------------ round trips

/** Hand-written code with every operand form (and gas's leniencies). */
const HAND_WRITTEN = String.raw`# 1 "hand.S"
// every AArch64 operand form
	.arch armv8.5-a+crypto+dotprod+fp16
	.text
	.global	f
	.type	f, %function
f:	/* c */ stp x29, x30, [sp, #-32]!   // pre-index
	mov	x29, sp ; mov fp, sp ; mov lr, x30 ; mov ip0, x1
	ADD X0, X1, X2 ; add x0, x1, x2, lsl #3 ; add x0, x1, x2, LSL 3
	add x0, sp, w1, uxtw #2 ; add x0, x1, w2, sxtw ; cmp x0, w1, uxtb #1
	sub w0, w1, #4095 ; add x0, x1, #1, lsl #12 ; add x0, x1, #(1 << 3) + 2
	cmp w0, 'a' ; cmp w1, #'\n' ; cmp x0, #0 ; cmn w0, 1 ; mov x0, -1 ; mov x0, #0x1234 ; mov w0, 0xffffffff
	movk x0, #0xbeef, lsl #16 ; movk x0, 0x12, lsl 48 ; movz x1, #:abs_g1:sym ; movk x1, #:abs_g0_nc:sym
	and x0, x1, 0xff00ff00ff00ff00 ; orr w0, w1, 0x55555555 ; tst x0, 1 ; eor x0, x1, x2, ror #7
	ldr x0, [x1] ; ldr x0, [x1, #8] ; ldr x0, [x1, 8] ; ldr x0, [x1, #-8]! ; ldr x0, [x1], #8 ; ldr x0, [x1], -8
	ldr x0, [x1, x2] ; ldr x0, [x1, x2, lsl #3] ; ldr w0, [x1, w2, sxtw] ; ldr w0, [x1, w2, uxtw #2] ; ldrb w0, [x1, w2, uxtw]
	ldr x0, [x1, #:lo12:sym] ; ldr x0, [x1, :got_lo12:sym] ; ldr x0, [x1, #:lo12:sym+8]
	ldp x0, x1, [sp], #32 ; ldp q0, q1, [x0, 32] ; stp xzr, xzr, [sp, 16] ; ldpsw x0, x1, [x2, #8]
	ldur x0, [x1, #-3] ; sturh w0, [x1, 1] ; ldrsb x0, [x1, #1]! ; strh w0, [x1], #2
	adrp x0, sym ; adrp x0, :got:sym ; add x0, x0, :lo12:sym ; add x0, x0, #:lo12:sym+16
	adrp x2, s1 ; add x2, x2, :lo12:s1 ; adr x0, .Lloop ; ldr x3, .Lloop ; ldr w4, =0 ; ldr x5, =sym+4
	mrs x0, tpidr_el0 ; add x0, x0, #:tprel_hi12:tv, lsl #12 ; add x0, x0, #:tprel_lo12_nc:tv
	mrs x1, s3_3_c13_c0_2 ; msr daifset, #2 ; msr tpidr_el0, x1
	dmb ish ; dmb ishld ; dsb sy ; isb ; prfm pldl1keep, [x0] ; prfm PSTL1STRM, [x0, #64] ; prfm #5, [x1]
	hint #34 ; bti c ; paciasp ; autiasp ; nop ; yield ; clrex ; sevl
	csel w0, w1, w2, ge ; cset w0, hs ; cinc x0, x1, lo ; csinv x0, x1, xzr, cc ; ccmp x0, x1, #4, ne ; ccmn w0, #3, #0, eq
	bfi x0, x1, #8, #4 ; ubfx w0, w1, 3, 5 ; sbfiz x0, x1, #2, #30 ; extr x0, x1, x2, #13 ; bfxil w0, w1, 1, 2
	sxtw x0, w1 ; uxtb w0, w1 ; rev x0, x1 ; clz w0, w1 ; rbit x0, x1 ; madd x0, x1, x2, x3 ; umulh x0, x1, x2
	ldadd w0, w1, [x2] ; ldaddal x0, x1, [x2] ; ldclralb w0, w1, [x2] ; stadd w0, [x2] ; staddlh w0, [x2]
	cas x0, x1, [x2] ; casal w0, w1, [x2] ; caspal x0, x1, x2, x3, [x4] ; swpal x0, x1, [sp] ; ldsmaxh w0, w1, [x3]
	ldaxr x0, [x1] ; stlxr w2, x0, [x1] ; ldaxp x0, x1, [x2] ; stlxp w3, x0, x1, [x2] ; ldar w0, [x1] ; stlr w0, [x1]
	ldapr x0, [x1] ; ldxrb w0, [x1] ; stxrh w2, w0, [x1]
	fmov d0, 1.0e+0 ; fmov d0, #-1.5 ; fmov s0, -2.5e-1 ; fmov d0, - 1.5 ; fmov d1, #1 ; fmov d0, x1 ; fmov x0, v1.d[1]
	fmov d0, #0x4031000000000000 ; fmov s1, #0x3e000000 ; fmov v0.2d, 0xc000000000000000 ; fmov d2, #017 ; fmov d3, -017 ; fcmp d0, #0x0
	fmov v2.4s, 1.0 ; fmov h0, #2.0 ; fcmp d0, #0.0 ; fcmpe s0, s1 ; fccmp d0, d1, #0, mi ; fcsel d0, d1, d2, vs
	fmadd d0, d1, d2, d3 ; fnmsub s0, s1, s2, s3 ; scvtf d0, w1 ; ucvtf s0, x1, #16 ; fcvtzs w0, d1 ; fcvtzu x0, s1, #3
	fcvt h0, s1 ; frintm d0, d1 ; frint32x s0, s1 ; fjcvtzs w0, d1 ; fabs d0, d1 ; fsqrt s0, s1 ; fmaxnm d0, d1, d2
	ld1 {v0.16b}, [x0] ; ld1 {v0.16b, v1.16b}, [x0], #32 ; ld1 {v0.4s - v3.4s}, [x0] ; ld1 {v0.4s-v3.4s}, [x0], x2
	ld1 {v0.s}[1], [x0] ; ld1 {v0.d}[1], [x0], #8 ; ld1r {v0.4s}, [x0] ; ld2 {v0.8h, v1.8h}, [x1] ; ld3 {v0.16b-v2.16b}, [x1], 48
	ld4 {v0.2d - v3.2d}, [x1] ; st1 {v0.2d, v1.2d}, [x0] ; st2 {v0.s, v1.s}[3], [x0] ; st4 { v28.16b, v29.16b, v30.16b, v31.16b }, [x9]
	add v0.4s, v1.4s, v2.4s ; mul v0.8h, v1.8h, v2.h[7] ; mla v0.4s, v1.4s, v2.s[3] ; fmla v0.2d, v1.2d, v2.d[1]
	fmla v0.4s, v1.4s, v2.4s[1] ; fmul v0.4s, v1.4s, v2.4s ; fadd v0.2s, v1.2s, v2.2s ; add d0, d1, d2
	dup v0.4s, w0 ; dup v0.8h, v1.h[3] ; dup d0, v1.d[1] ; ins v0.s[1], w0 ; ins v0.d[1], v1.d[0] ; mov v0.s[1], v1.s[0]
	mov v0.16b, v1.16b ; umov w0, v0.b[15] ; smov x0, v0.h[3] ; mov x0, v0.d[1] ; mov V0.S[1], W3
	movi v0.4s, 0 ; movi v0.4s, #1, lsl #8 ; movi v0.4s, 0xff, msl 8 ; movi v0.2d, #0xff00ff00ff00ff00 ; movi d0, #0
	mvni v0.8h, 0x12, lsl 8 ; orr v0.4s, #1, lsl #16 ; bic v0.8h, #255
	addv s0, v0.4s ; umaxv b0, v1.16b ; uminv h0, v1.8h ; saddlv d0, v1.4s ; uaddlv h0, v1.16b ; addp d0, v0.2d
	addp v0.4s, v1.4s, v2.4s ; faddp s0, v0.2s ; fmaxnmp v0.2d, v1.2d, v2.2d ; fminnmv s0, v1.4s
	ext v0.16b, v1.16b, v2.16b, #8 ; zip1 v0.4s, v1.4s, v2.4s ; uzp2 v0.8b, v1.8b, v2.8b ; trn1 v0.2d, v1.2d, v2.2d
	tbl v0.16b, {v1.16b}, v2.16b ; tbl v0.16b, {v1.16b - v2.16b}, v3.16b ; tbx v0.8b, {v1.16b, v2.16b, v3.16b}, v4.8b
	rev64 v0.4s, v1.4s ; xtn v0.4h, v1.4s ; xtn2 v0.8h, v1.4s ; uxtl v0.8h, v1.8b ; sxtl2 v0.4s, v1.8h
	ushll v0.2d, v1.2s, #0 ; sshll2 v0.8h, v1.16b, #3 ; shl v0.4s, v1.4s, #3 ; ushr d0, d1, 32 ; sshr v0.16b, v1.16b, 7
	cmeq v0.4s, v1.4s, #0 ; cmgt v0.4s, v1.4s, v2.4s ; cmhs v0.2d, v1.2d, v2.2d ; cmtst v0.16b, v1.16b, v2.16b
	cmlt v0.8h, v1.8h, #0 ; cmle d0, d1, #0 ; fcmgt v0.4s, v1.4s, #0.0 ; cmhi v0.4s, v1.4s, v2.4s ; cmge v0.2s, v1.2s, v2.2s
	bsl v0.16b, v1.16b, v2.16b ; bit v0.16b, v1.16b, v2.16b ; bif v0.8b, v1.8b, v2.8b ; not v0.16b, v1.16b ; mvn v0.16b, v1.16b
	and v0.16b, v1.16b, v2.16b ; orr v0.16b, v1.16b, v2.16b ; eor v0.8b, v1.8b, v2.8b ; bic v0.16b, v1.16b, v2.16b
	cnt v0.8b, v1.8b ; umull v0.2d, v1.2s, v2.2s ; smull2 v0.4s, v1.8h, v2.8h ; umlal2 v0.2d, v1.4s, v2.s[2] ; smlal v0.4s, v1.4h, v2.4h
	addhn v0.8b, v1.8h, v2.8h ; saddw2 v0.4s, v1.4s, v2.8h ; uaddw v0.8h, v1.8h, v2.8b ; fcvtzs v0.4s, v1.4s ; scvtf v0.2d, v1.2d, #4
	fmaxnm v0.4s, v1.4s, v2.4s ; fminnm d0, d1, d2 ; sdot v0.4s, v1.16b, v2.4b[1] ; aese v0.16b, v1.16b ; sha256h q0, q1, v2.4s
	pmull2 v0.1q, v1.2d, v2.2d ; crc32cx w0, w1, x2 ; uzp1 v0.16b, v1.16b, v2.16b ; zip2 v0.8h, v1.8h, v2.8h ; trn2 v0.4s, v1.4s, v2.4s
V0Z:	add V0.4S, v1.4s, V2.4s
	cbz x0, .Lloop ; cbnz w1, 1f ; tbz w0, #3, .Lloop ; tbnz x0, 63, 1f ; b.eq .Lloop ; B.HS 1f ; b.lo 1f ; bcs 1f ; bcc 1f ; bne .Lloop
1:	bl printf ; bl lsl ; b sxtw ; blr x1 ; br x16 ; ret ; ret x1
.Lloop:	b 1b
2:	udf #0 ; brk #0x3e8
	.size	f, .-f
	.section	.rodata
	.align	3
	.xword	sym+8 ; .word (.Lloop - f) / 4 ; .hword 1, 2 ; .byte -1 ; .string "a\tb\n" ; .ascii "x"
	.section	.tbss,"awT",@nobits
tv:	.zero	4
	.section	.note.GNU-stack,"",@progbits
`;

/** C programs beyond the corpus, each compiled with several flag sets. */
const EXTRA_C: Record<string, string> = {
  neon: `#include <stdint.h>
void saxpy(float *restrict y, const float *restrict x, float a, int n) { for (int i = 0; i < n; i++) y[i] += a * x[i]; }
int32_t dot(const int16_t *a, const int16_t *b, int n) { int32_t s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
uint8_t maxb(const uint8_t *a, int n) { uint8_t m = 0; for (int i = 0; i < n; i++) m = a[i] > m ? a[i] : m; return m; }
void widen(int32_t *restrict o, const uint8_t *restrict a, int n) { for (int i = 0; i < n; i++) o[i] = a[i]; }
void narrow(uint8_t *restrict o, const int32_t *restrict a, int n) { for (int i = 0; i < n; i++) o[i] = (uint8_t)a[i]; }
void cvt(int32_t *restrict o, const float *restrict a, int n) { for (int i = 0; i < n; i++) o[i] = (int32_t)a[i] + (int32_t)(a[i] * 2); }
void deint3(uint8_t *restrict r, uint8_t *restrict g, const uint8_t *restrict p, int n) { for (int i = 0; i < n; i++) { r[i] = p[3*i]; g[i] = p[3*i+1] + p[3*i+2]; } }
void rev(int32_t *restrict o, const int32_t *restrict a, int n) { for (int i = 0; i < n; i++) o[i] = a[n-1-i]; }
int popc(const uint64_t *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += __builtin_popcountll(a[i]); return s; }
void sel(int *restrict o, const int *restrict a, const int *restrict b, int n) { for (int i = 0; i < n; i++) o[i] = a[i] > b[i] ? a[i] : b[i] * 3; }
void fmx(float *restrict o, const float *restrict a, const float *restrict b, int n) { for (int i = 0; i < n; i++) o[i] = __builtin_fmaxf(a[i], b[i]); }
void avg(uint8_t *restrict o, const uint8_t *restrict a, const uint8_t *restrict b, int n) { for (int i = 0; i < n; i++) o[i] = (a[i] + b[i] + 1) >> 1; }
void mulhi(uint16_t *restrict o, const uint16_t *restrict a, const uint16_t *restrict b, int n) { for (int i = 0; i < n; i++) o[i] = (a[i] * (uint32_t)b[i]) >> 16; }`,
  intrinsics: `#pragma GCC target ("arch=armv8.2-a+crypto+dotprod+fp16")
#include <arm_neon.h>
#include <arm_acle.h>
uint8x16_t t1(uint8x16_t a, uint8x16_t b) { return vextq_u8(vqtbl1q_u8(a, b), b, 3); }
int32x4_t t2(int32x4_t a, int32x4_t b) { return vmlaq_laneq_s32(vqdmulhq_s32(a, b), b, b, 2); }
uint16x8_t t3(uint8x16_t a, uint8x16_t b) { return vmull_high_u8(a, b); }
uint8x8_t t4(int16x8_t a) { return vqrshrun_n_s16(a, 3); }
uint32x4_t t5(uint32x4_t a, uint32x4_t b) { return vsriq_n_u32(a, b, 7); }
uint8x16x3_t t6(const uint8_t *p) { return vld3q_u8(p); }
void t7(uint8_t *p, uint8x16x4_t v) { vst4q_u8(p, v); }
uint32x4_t t8(const uint32_t *p, uint32x4_t v) { return vld1q_lane_u32(p, v, 2); }
uint16x8_t t9(const uint16_t *p) { return vld1q_dup_u16(p); }
float16x4_t t10(float32x4_t a) { return vcvt_f16_f32(a); }
uint64x2_t t11(void) { return vdupq_n_u64(0xff00ff0000ff00ffULL); }
uint8x16_t t12(uint8x16x2_t t, uint8x16_t i) { return vqtbl2q_u8(t, i); }
uint8x16_t aes(uint8x16_t d, uint8x16_t k) { return vaesmcq_u8(vaeseq_u8(d, k)); }
uint32x4_t sha(uint32x4_t a, uint32x4_t b, uint32x4_t w) { return vsha256hq_u32(a, b, w); }
uint32_t crc(uint32_t c, uint64_t x) { return __crc32d(c, x) ^ __crc32cb(c, (uint8_t)x); }
poly128_t pm(poly64_t a, poly64_t b) { return vmull_p64(a, b); }
int32x4_t dotl(int32x4_t acc, int8x16_t a, int8x8_t b) { return vdotq_lane_s32(acc, a, b, 1); }`,
  atomics: `#include <stdatomic.h>
_Atomic int counter; _Atomic long lc; _Atomic short sc; _Atomic char cc; __int128 big;
int inc(void) { return atomic_fetch_add(&counter, 1); }
long incl(void) { return atomic_fetch_add_explicit(&lc, 5, memory_order_relaxed); }
int cas(int e, int d) { return atomic_compare_exchange_strong(&counter, &e, d); }
short xs(short v) { return atomic_exchange(&sc, v); }
char orc(char v) { return atomic_fetch_or(&cc, v); }
long ld(void) { return atomic_load_explicit(&lc, memory_order_acquire); }
void st(long v) { atomic_store_explicit(&lc, v, memory_order_release); }
void fence(void) { atomic_thread_fence(memory_order_seq_cst); atomic_thread_fence(memory_order_acquire); }
__int128 bigcas(__int128 e, __int128 d) { __atomic_compare_exchange_n(&big, &e, d, 0, 5, 5); return e; }
__thread int tls; __thread long tarr[4]; extern __thread int ext;
int tget(void) { return tls + tarr[2] + ext; }`,
  floats: `#include <math.h>
double f1(double a, double b) { return a * b + 1.5 - a / b; }
float f2(float a) { return sqrtf(a) + fabsf(a) - 0.125f; }
double f3(double a) { return floor(a) + ceil(a) + trunc(a) + round(a) + rint(a); }
long f4(double a) { return lround(a) + (long)a; }
unsigned long f5(double a) { return (unsigned long)a; }
double f6(long a, unsigned long b, int c, unsigned d) { return a + (double)b + c + d; }
float f7(double d) { return (float)d; }
int f8(double a, double b) { return a < b ? 1 : a > b ? 2 : a == b ? 3 : 4; }
double f9(double a, double b, double c) { return fma(a, b, c) - fma(-a, b, c); }
_Float16 f10(_Float16 a, _Float16 b) { return a * b; }
long double f11(long double a, long double b) { return a * b + 1; }
double f12(double x) { return x > 0 ? x : -x * 2.0e-300; }`,
  control: `#include <stdarg.h>
#include <stdio.h>
#include <string.h>
int sw(int x) { switch (x) { case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41; case 4: return 53; case 5: return 67; case 6: return 71; case 7: return 83; case 9: return 97; default: return -1; } }
const char *nm(unsigned c) { switch (c) { case 'a': return "A"; case 'b': return "B"; case 'c': return "C"; case 'd': return "D"; case 'e': return "E"; case 'f': return "F"; default: return "?"; } }
int cg(int x) { static void *lab[] = { &&a, &&b, &&c }; goto *lab[x % 3]; a: return 1; b: return 2; c: return 3; }
int sum(int n, ...) { va_list ap; va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
double dsum(int n, ...) { va_list ap; va_start(ap, n); double s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, double); va_end(ap); return s; }
struct big { long a[20]; char c; }; struct big gb;
struct big getbig(void) { return gb; } void setbig(struct big b) { gb = b; }
struct hfa { double x, y, z; }; struct hfa addh(struct hfa a, struct hfa b) { struct hfa r = { a.x + b.x, a.y + b.y, a.z + b.z }; return r; }
int (*table[])(const char *) = { puts, (int (*)(const char *))strlen };
int apply(int i, const char *s) { return table[i & 1](s) + printf("%d %f\\n", sum(2, 1, 2), dsum(1, 2.5)); }
__int128 m128(__int128 a, __int128 b) { return a * b / 7; }
int vla(int n) { int a[n]; for (int i = 0; i < n; i++) a[i] = i; return a[n / 2]; }
void big_stack(int i) { volatile char b[70000]; b[i] = 1; }
void trap(int x) { if (x) __builtin_trap(); }`,
};

const EXTRA_FLAGS: Record<string, string[]> = {
  plain: [],
  pic: ['-fPIC'],
  lse: ['-march=armv8.1-a'],
  pac: ['-mbranch-protection=standard'],
  large: ['-mcmodel=large', '-fno-pie'],
  debug: ['-g'],
};

describeWithTools(['aarch64-linux-gnu-as'], 'AArch64 round trip through GNU as', () => {
  it('reproduces hand-written code with every operand form', async () => {
    expect(await roundTrip('aarch64', HAND_WRITTEN, 'hand')).toBeUndefined();
  });

  it('describes only mnemonics gas knows', async () => {
    const lines = [...AARCH64.instructions.keys()].map((m) => `\t${m} x0`).join('\n');
    const result = await assembleText('aarch64', `${lines}\n`, 'mnemonics');
    const unknown = result.stderr.split('\n').filter((l) => l.includes('unknown mnemonic'));
    expect(unknown).toEqual([]);
  });
});

// The corpus round trip for every ISA is in tests/roundtrip.test.ts.
describeCompiledRoundTrips('aarch64', 'extra programs: NEON, intrinsics, atomics, TLS, floats, jump tables, varargs, PIC, LSE, PAC, large model, -g', EXTRA_C, EXTRA_FLAGS);
