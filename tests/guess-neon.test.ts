// The NEON lowering rules (src/guess/rules/neon*.ts), on one-instruction
// blocks: every form gcc emits in the corpus (and the listed families), on
// the interpreter with lane edge values, then proven with Z3 under the slot
// mapping (each v register's 128 bits in its 16-byte slot). Aliased
// destinations are included, since in-place lane code is where lowerings go
// wrong. Deliberately wrong lowerings must be refuted.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { neonRules } from '../src/guess/rules/neon.js';
import { fpRules } from '../src/guess/rules/fp.js';
import type { LowerRule } from '../src/guess/rules/types.js';
import { and, c, ult, v } from '../src/ir/build.js';
import type { BV } from '../src/ir/expr.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import { buildClaims, evaluateClaims, lower, proveClaims, Refused, type Checked, type Lowering } from './support/lower-context.js';

afterAll(closeDefaultSolvers);

const RULES: Record<string, LowerRule> = { ...neonRules, ...fpRules };

const V_EDGE = [
  0n, (1n << 128n) - 1n, 0x0123456789abcdeffedcba9876543210n, 0x80808080808080808080808080808080n,
  0x7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7fn, 0x80000000800000007fffffff00000001n, 0xffffffff00000000ffff0000ff00ff00n,
  0x8000000000000000ffffffffffffffffn, 0x00010002fffefffd7ffe8001c0004000n, 0x3ff00000000000007ff4000000000001n,
  0x7fc00001ff8000003f8000007f800001n, 0xfff8000000001234bff0000000000000n,
];
const G_EDGE = [0n, 1n, (1n << 64n) - 1n, 0x80000000n, 0x123456789abcdef0n, 0xffffffff80007f81n];

function inputsOf(l: Lowering): { name: string; values: bigint[] }[] {
  const names = new Map<string, bigint[]>();
  const text = l.sources.map((s) => JSON.stringify(s.operands, (_, x) => (typeof x === 'bigint' ? String(x) : x))).join(' ');
  for (const m of text.matchAll(/"name":"v([0-9]+)"/g)) names.set(`v${m[1]}`, V_EDGE);
  for (const m of text.matchAll(/"name":"[sdbh]([0-9]+)"/g)) names.set(`v${m[1]}`, V_EDGE);
  for (const m of text.matchAll(/"(?:name|base)":"[xw]([0-9]+)"/g)) names.set(`x${m[1]}`, G_EDGE);
  return [...names].map(([name, values]) => ({ name, values }));
}

function interpreterFailures(checked: Checked, max = 200): string[] {
  let all: Record<string, bigint>[] = [{}];
  for (const i of inputsOf(checked.lowering)) all = all.flatMap((r) => i.values.map((x) => ({ ...r, [i.name]: x })));
  if (all.length > max) all = Array.from({ length: max }, (_, k) => all[Math.floor((k * all.length) / max)]!);
  const fails: string[] = [];
  for (const inputs of all) {
    for (const probe of [0x1000n, 0x10000n, 0x10010n, 0x1001fn]) {
      const f = evaluateClaims(checked, { ...inputs, probe, '&vslots': 0x10000n });
      if (f.length) fails.push(`${JSON.stringify(inputs, (_, x) => (typeof x === 'bigint' ? `0x${x.toString(16)}` : x))}: ${f.join('; ')}`);
    }
    if (fails.length >= 3) break;
  }
  return fails;
}

/** The address register of ld1/st1 and the slots live apart (as the private area does in a real program). */
function apart(reg: string): BV[] {
  const x = v(64, reg);
  const slots = v(64, '&vslots');
  return [and(ult(c(64, 0x1000), x), ult(x, c(64, 0x100000))), and(ult(c(64, 0x200000), slots), ult(slots, c(64, 0x300000)))];
}

/** One form per corpus use; `group` names the docs table row. */
const CASES: { text: string; assume?: string }[] = [
  // data movement (derived from the semantics)
  { text: 'movi v0.4s, 0' }, { text: 'movi v0.2s, #0' }, { text: 'movi v6.4s, 0x4' }, { text: 'movi v1.16b, 0x25' },
  { text: 'movi v0.16b, 0xffffffffffffffa5' }, { text: 'mvni v0.2s, 0xb5, lsl 24' }, { text: 'mvni v1.2s, 0' },
  { text: 'movi d0, #0' }, { text: 'movi d1, #0xff00ff0000ffff00' }, { text: 'mov s0, v1.s[2]' }, { text: 'dup d2, v2.d[1]' },
  { text: 'fmov v1.4s, 5.0e-1' }, { text: 'fmov v2.2d, #-2.0' },
  { text: 'mov v0.16b, v1.16b' }, { text: 'mov v1.8b, v1.8b' }, { text: 'mov v0.s[1], w1' }, { text: 'mov v2.d[1], v3.d[0]' },
  { text: 'dup v0.4s, w1' }, { text: 'dup v0.4s, v1.s[0]' }, { text: 'dup v2.4s, v2.s[3]' }, { text: 'dup v0.2s, v1.s[1]' },
  { text: 'dup v0.16b, w2' }, { text: 'dup v0.2d, x1' },
  { text: 'ins v0.h[3], w1' }, { text: 'ins v0.s[2], v0.s[0]' }, { text: 'ins v1.b[15], w2' },
  { text: 'uzp1 v0.8h, v1.8h, v2.8h' }, { text: 'uzp2 v0.4s, v1.4s, v2.4s' }, { text: 'uzp2 v1.4s, v1.4s, v2.4s' },
  { text: 'uzp1 v0.16b, v0.16b, v1.16b' }, { text: 'zip1 v0.2d, v1.2d, v2.2d' }, { text: 'zip2 v2.2d, v1.2d, v2.2d' },
  { text: 'zip1 v0.8b, v1.8b, v2.8b' }, { text: 'trn1 v0.4s, v0.4s, v1.4s' },
  { text: 'ext v0.16b, v1.16b, v2.16b, #8' }, { text: 'ext v0.16b, v0.16b, v0.16b, #4' }, { text: 'ext v0.8b, v1.8b, v2.8b, #3' },
  { text: 'rev64 v0.4s, v1.4s' }, { text: 'rev64 v0.2s, v0.2s' }, { text: 'rev64 v0.8b, v0.8b' }, { text: 'rev32 v0.8h, v1.8h' },
  { text: 'rev16 v0.16b, v0.16b' }, { text: 'xtn v0.4h, v1.4s' },
  // to general registers
  { text: 'umov w0, v1.b[0]' }, { text: 'umov w0, v1.b[15]' }, { text: 'umov w0, v1.h[3]' }, { text: 'mov x0, v1.d[1]' },
  { text: 'mov w0, v1.s[2]' }, { text: 'smov x0, v1.h[2]' }, { text: 'smov w0, v1.b[7]' },
  // lane-wise integer
  ...['add', 'sub', 'mul'].flatMap((m) => [`${m} v0.4s, v1.4s, v2.4s`, `${m} v0.8h, v0.8h, v1.8h`, `${m} v0.16b, v1.16b, v0.16b`, `${m} v0.2s, v1.2s, v2.2s`].map((text) => ({ text }))),
  { text: 'add v0.2d, v1.2d, v2.2d' }, { text: 'add v0.8b, v1.8b, v2.8b' },
  ...['and', 'orr', 'eor', 'bic', 'orn'].map((m) => ({ text: `${m} v0.16b, v1.16b, v2.16b` })),
  { text: 'and v0.8b, v0.8b, v1.8b' }, { text: 'not v0.16b, v1.16b' }, { text: 'mvn v0.8b, v0.8b' },
  { text: 'neg v0.4s, v1.4s' }, { text: 'abs v0.4s, v0.4s' }, { text: 'abs v0.16b, v1.16b' },
  ...['cmeq', 'cmge', 'cmgt', 'cmhs', 'cmhi', 'cmtst'].map((m) => ({ text: `${m} v0.4s, v1.4s, v2.4s` })),
  { text: 'cmge v0.2s, v1.2s, v0.2s' }, { text: 'cmhi v0.2d, v1.2d, v2.2d' }, { text: 'cmeq v0.16b, v1.16b, v2.16b' },
  { text: 'cmeq v0.4s, v1.4s, #0' }, { text: 'cmlt v0.16b, v1.16b, #0' }, { text: 'cmgt v0.8h, v0.8h, #0' }, { text: 'cmle v0.4s, v1.4s, #0' },
  ...['smax', 'smin', 'umax', 'umin'].map((m) => ({ text: `${m} v0.4s, v1.4s, v2.4s` })),
  { text: 'smax v0.16b, v0.16b, v1.16b' }, { text: 'umin v0.8h, v1.8h, v1.8h' },
  { text: 'urhadd v0.16b, v1.16b, v2.16b' }, { text: 'urhadd v0.8b, v0.8b, v1.8b' }, { text: 'uhadd v0.4s, v1.4s, v2.4s' },
  { text: 'mla v0.4s, v1.4s, v2.4s' }, { text: 'mls v0.4s, v1.4s, v0.4s' }, { text: 'mul v0.4s, v1.4s, v2.s[0]' },
  { text: 'mul v0.4s, v1.4s, v0.s[1]' }, { text: 'mla v0.8h, v0.8h, v1.h[3]' },
  { text: 'bsl v0.16b, v1.16b, v2.16b' }, { text: 'bit v0.16b, v1.16b, v2.16b' }, { text: 'bif v0.8b, v1.8b, v0.8b' },
  { text: 'cnt v0.8b, v0.8b' }, { text: 'cnt v0.16b, v1.16b' },
  { text: 'shl v0.4s, v1.4s, 3' }, { text: 'shl v0.2s, v0.2s, 2' }, { text: 'sshr v0.4s, v1.4s, 8' }, { text: 'sshr v0.4s, v0.4s, 32' },
  { text: 'ushr v0.4s, v1.4s, 1' }, { text: 'ushr v0.2d, v1.2d, 64' }, { text: 'ssra v0.4s, v1.4s, 31' }, { text: 'usra v0.16b, v0.16b, 3' },
  // widening
  { text: 'sxtl v0.8h, v0.8b' }, { text: 'sxtl v0.4s, v1.4h' }, { text: 'sxtl v0.2d, v0.2s' }, { text: 'sxtl2 v0.8h, v0.16b' },
  { text: 'sxtl2 v0.2d, v1.4s' }, { text: 'uxtl v0.8h, v0.8b' }, { text: 'uxtl2 v0.4s, v0.8h' }, { text: 'ushll v0.4s, v1.4h, #0' },
  { text: 'saddw v0.2d, v0.2d, v1.2s' }, { text: 'saddw2 v0.2d, v0.2d, v1.4s' }, { text: 'saddw2 v0.4s, v1.4s, v0.8h' },
  { text: 'uaddw v0.4s, v0.4s, v1.4h' }, { text: 'uaddw2 v0.4s, v0.4s, v1.8h' }, { text: 'ssubw v0.2d, v0.2d, v0.2s' },
  { text: 'ssubw2 v0.2d, v1.2d, v2.4s' }, { text: 'uaddl v0.8h, v1.8b, v2.8b' }, { text: 'uaddl2 v0.8h, v0.16b, v1.16b' },
  { text: 'smull v0.2d, v0.2s, v1.2s' }, { text: 'smull2 v0.2d, v0.4s, v1.4s' }, { text: 'umull v0.2d, v1.2s, v0.2s' },
  { text: 'umull2 v0.4s, v1.8h, v2.8h' }, { text: 'smlal v0.2d, v1.2s, v0.2s' }, { text: 'smlal2 v0.2d, v1.4s, v2.4s' },
  { text: 'umlsl v0.4s, v1.4h, v2.4h' }, { text: 'smull v0.2d, v1.2s, v2.s[2]' }, { text: 'smlal2 v0.2d, v1.4s, v0.s[3]' },
  // scalar forms on d registers
  { text: 'add d0, d0, d1' }, { text: 'sub d0, d1, d2' }, { text: 'sshr d0, d1, 32' }, { text: 'ushr d0, d0, 64' },
  { text: 'cmeq d0, d1, #0' }, { text: 'shl d1, d1, 7' },
  // the rest of each family, one form each
  { text: 'trn2 v0.8h, v1.8h, v0.8h' }, { text: 'xtn2 v0.16b, v1.8h' }, { text: 'srhadd v0.8h, v1.8h, v2.8h' },
  { text: 'shadd v0.4s, v0.4s, v1.4s' }, { text: 'sabd v0.16b, v1.16b, v2.16b' }, { text: 'uabd v0.4s, v1.4s, v0.4s' },
  { text: 'sshll v0.2d, v0.2s, #0' }, { text: 'sshll2 v0.4s, v1.8h, #0' }, { text: 'ushll2 v0.8h, v0.16b, #0' },
  { text: 'saddl v0.4s, v1.4h, v0.4h' }, { text: 'saddl2 v0.2d, v1.4s, v2.4s' }, { text: 'ssubl v0.8h, v1.8b, v2.8b' },
  { text: 'ssubl2 v0.4s, v0.8h, v1.8h' }, { text: 'usubl v0.2d, v1.2s, v2.2s' }, { text: 'usubl2 v0.8h, v1.16b, v0.16b' },
  { text: 'usubw v0.8h, v0.8h, v1.8b' }, { text: 'usubw2 v0.2d, v1.2d, v0.4s' }, { text: 'smlsl v0.4s, v1.4h, v2.4h' },
  { text: 'smlsl2 v0.2d, v0.4s, v1.4s' }, { text: 'umlal v0.8h, v1.8b, v2.8b' }, { text: 'umlal2 v0.4s, v1.8h, v0.8h' },
  { text: 'umlsl2 v0.2d, v1.4s, v2.4s' },
  // reductions
  { text: 'addv s0, v0.4s' }, { text: 'addv s1, v2.4s' }, { text: 'addv b0, v0.8b' }, { text: 'addv b8, v1.16b' }, { text: 'addv h0, v0.8h' },
  { text: 'uminv s0, v0.4s' }, { text: 'smaxv s0, v1.4s' }, { text: 'sminv h0, v1.8h' }, { text: 'umaxv b1, v1.8b' },
  { text: 'addp d0, v0.2d' }, { text: 'addp d1, v2.2d' }, { text: 'addp v0.2s, v0.2s, v0.2s' }, { text: 'addp v0.4s, v1.4s, v0.4s' },
  { text: 'addp v0.16b, v1.16b, v2.16b' }, { text: 'addp v2.2d, v1.2d, v2.2d' }, { text: 'addp v0.4h, v1.4h, v2.4h' },
  // table lookups, aliased and not
  { text: 'tbl v0.16b, {v1.16b}, v2.16b' }, { text: 'tbl v0.16b, {v0.16b}, v1.16b' }, { text: 'tbl v0.16b, {v0.16b - v1.16b}, v2.16b' },
  { text: 'tbl v3.16b, {v1.16b - v2.16b}, v3.16b' }, { text: 'tbl v0.8b, {v1.16b - v2.16b}, v3.8b' },
  // whole registers to and from memory
  { text: 'ld1 {v0.16b - v1.16b}, [x2]', assume: 'x2' }, { text: 'st1 {v0.16b - v1.16b}, [x0]', assume: 'x0' },
  { text: 'ld3 {v0.2d - v2.2d}, [x0]', assume: 'x0' }, { text: 'st3 {v0.2d - v2.2d}, [x0]', assume: 'x0' },
  { text: 'ld2 {v0.2d - v1.2d}, [x1]', assume: 'x1' }, { text: 'st2 {v1.2d, v2.2d}, [x1]', assume: 'x1' },
  { text: 'ushl v0.4s, v1.4s, v0.4s' }, { text: 'ushl v0.8h, v0.8h, v1.8h' }, { text: 'ushl v0.2d, v1.2d, v2.2d' },
  { text: 'ld1 {v3.16b}, [x1]', assume: 'x1' }, { text: 'st1 {v2.8b}, [x1]', assume: 'x1' }, { text: 'ld1 {v1.2s}, [x1]', assume: 'x1' },
  // floating-point lanes
  { text: 'fadd v0.4s, v1.4s, v2.4s' }, { text: 'fmul v0.4s, v0.4s, v1.4s' }, { text: 'fmul v0.2d, v1.2d, v2.2d' },
  { text: 'fsub v0.2s, v1.2s, v0.2s' }, { text: 'fmax v0.4s, v1.4s, v2.4s' }, { text: 'fmin v0.2d, v1.2d, v2.2d' },
  { text: 'fmla v0.4s, v1.4s, v2.4s' }, { text: 'fmla v0.2d, v0.2d, v1.d[0]' }, { text: 'fmla v0.2d, v1.2d, v2.2d' },
  { text: 'fmul v0.4s, v1.4s, v0.s[2]' }, { text: 'fneg v0.4s, v1.4s' }, { text: 'fabs v0.2d, v0.2d' },
  { text: 'scvtf v0.2d, v0.2d' }, { text: 'scvtf v0.4s, v1.4s' }, { text: 'ucvtf v0.2s, v1.2s' },
  { text: 'fcvtzs v0.4s, v1.4s' }, { text: 'fcvtzu v0.2d, v0.2d' }, { text: 'fdiv v0.2s, v1.2s, v2.2s' }, { text: 'fdiv v0.4s, v1.4s, v2.4s' },
  ...['as', 'au', 'ms', 'mu', 'ns', 'nu', 'ps', 'pu'].map((k) => ({ text: `fcvt${k} v0.2s, v1.2s` })), { text: 'fcmle v0.4s, v0.4s, #0.0' },
  { text: 'fcmgt v0.4s, v1.4s, v2.4s' }, { text: 'fcmeq v0.2d, v1.2d, v0.2d' }, { text: 'fcmge v0.4s, v1.4s, #0.0' }, { text: 'fcmlt v0.2s, v1.2s, #0.0' },
];

/** Fused and divided lanes (and double-precision multiplies) take 30 s and more to prove; they run with PROVE_ALL=1. */
const SLOW = new Set(['fmla v0.2d, v0.2d, v1.d[0]', 'fmla v0.2d, v1.2d, v2.2d', 'fmul v0.2d, v1.2d, v2.2d', 'fmla v0.4s, v1.4s, v2.4s', 'fdiv v0.4s, v1.4s, v2.4s']);
const PROVE_ALL = process.env.PROVE_ALL === '1';

describe('NEON lowering rules: each corpus form on the interpreter, then proven', () => {
  for (const { text, assume } of CASES) {
    const slow = SLOW.has(text) && !PROVE_ALL;
    it(`${text}${slow ? ' (interpreter; proof with PROVE_ALL=1)' : ''}`, async () => {
      const l = lower(RULES, text);
      const checked = buildClaims(l, undefined, { assume: assume ? apart(assume) : [] });
      expect(interpreterFailures(checked)).toEqual([]);
      if (slow) return;
      expect(await proveClaims(checked, SLOW.has(text) ? 900_000 : 120_000)).toEqual({ status: 'proven' });
    }, 1_000_000);
  }
});

/**
 * Structure loads and stores of elements smaller than 8 bytes: the same code
 * path as the 2d forms above (the element size only sets the access width),
 * but dozens of narrow memory accesses at a symbolic address make the proof
 * take minutes (ld4/st4 of 2d: 20-40 s): checked on the interpreter only.
 */
const INTERPRETER_ONLY = [
  'ld2 {v0.4s - v1.4s}, [x1]', 'st2 {v1.8h, v2.8h}, [x1]', 'ld4 {v0.8b - v3.8b}, [x1]', 'st4 {v0.4s - v3.4s}, [x1]', 'ld3 {v0.16b - v2.16b}, [x1]',
  'ld4 {v0.2d - v3.2d}, [x1]', 'st4 {v0.2d - v3.2d}, [x1]',
];

describe('NEON structure loads and stores of narrow elements (and four registers), on the interpreter', () => {
  for (const text of INTERPRETER_ONLY) {
    it(text, () => {
      const checked = buildClaims(lower(RULES, text), undefined, { assume: apart('x1') });
      expect(interpreterFailures(checked)).toEqual([]);
    });
  }
});

describe('NEON lowering: refusals and wrong lowerings', () => {
  it('refuses forms it does not lower', () => {
    for (const text of ['tbl v0.16b, {v0.16b - v2.16b}, v1.16b', 'addp v0.4s, v1.2s, v2.4s', 'ld1 {v0.16b}, [x1], 16', 'sshll v0.4s, v1.4h, #3',
      'fadd v0.8h, v1.8h, v2.8h', 'smax v0.2d, v1.2d, v2.2d', 'ld3 {v0.2d - v1.2d}, [x0]', 'st2 {v0.2d}, [x0]']) {
      expect(() => lower(RULES, text), text).toThrow(Refused);
    }
  });

  /** Rules that skip one of the things the real ones take care of. */
  const wrong: { text: string; lines: string[]; why: string }[] = [
    { text: 'add v0.2s, v1.2s, v2.2s', why: 'upper half not zeroed',
      lines: ['lla t2, vslots', 'lw t0, 16(t2)', 'lw t1, 32(t2)', 'add t0, t0, t1', 'sw t0, 0(t2)', 'lw t0, 20(t2)', 'lw t1, 36(t2)', 'add t0, t0, t1', 'sw t0, 4(t2)'] },
    { text: 'sxtl v0.8h, v0.8b', why: 'ascending order overwrites unread lanes',
      lines: ['lla t2, vslots', ...Array.from({ length: 8 }, (_, i) => [`lb t0, ${i}(t2)`, `sh t0, ${2 * i}(t2)`]).flat()] },
    { text: 'cmgt v0.4s, v1.4s, v2.4s', why: 'unsigned compare',
      lines: ['lla t2, vslots', ...Array.from({ length: 4 }, (_, i) => [`lwu t0, ${16 + 4 * i}(t2)`, `lwu t1, ${32 + 4 * i}(t2)`, 'sltu t0, t1, t0', 'neg t0, t0', `sw t0, ${4 * i}(t2)`]).flat()] },
    { text: 'umov w0, v1.s[1]', why: 'sign-extended W', lines: ['lla t2, vslots', 'lw a0, 20(t2)'] },
    { text: 'fadd v0.2d, v1.2d, v2.2d', why: 'canonical NaN per lane',
      lines: ['lla t2, vslots', 'fld ft8, 16(t2)', 'fld ft9, 32(t2)', 'fadd.d ft10, ft8, ft9, rne', 'fsd ft10, 0(t2)', 'fld ft8, 24(t2)', 'fld ft9, 40(t2)', 'fadd.d ft10, ft8, ft9, rne', 'fsd ft10, 8(t2)'] },
    { text: 'add v0.2d, v1.2d, v2.2d', why: 'a stray store outside the slots',
      lines: ['lla t2, vslots', 'ld t0, 16(t2)', 'ld t1, 32(t2)', 'add t0, t0, t1', 'sd t0, 0(t2)', 'ld t0, 24(t2)', 'ld t1, 40(t2)', 'add t0, t0, t1', 'sd t0, 8(t2)', 'sd zero, 0(a0)'] },
    { text: 'tbl v0.8b, {v1.16b}, v2.8b', why: 'an out-of-range index does not give 0',
      lines: ['lla t2, vslots', ...Array.from({ length: 8 }, (_, i) => [`lbu t0, ${32 + i}(t2)`, 'andi t0, t0, 15', 'add t0, t0, t2', 'lbu t0, 16(t0)', `sb t0, ${i}(t2)`]).flat(), 'sd zero, 8(t2)'] },
    { text: 'st1 {v0.16b}, [x1]', why: 'writes the slot, not memory',
      lines: ['lla t2, vslots', 'ld t0, 0(a1)', 'sd t0, 0(t2)', 'ld t0, 8(a1)', 'sd t0, 8(t2)'] },
  ];
  for (const { text, lines, why } of wrong) {
    it(`refutes ${text} lowered wrongly (${why})`, async () => {
      const m = text.split(' ')[0]!;
      const rule: LowerRule = (ins, ctx) => {
        for (const op of ins.operands) if (op.kind === 'vreg') ctx.vectorSlot(op.name);
        if (op0IsGpr(text)) ctx.writeGpr(text.split(' ')[1]!.replace(',', ''));
        for (const line of lines) ctx.emit(line);
        return true;
      };
      const l = lower({ [m]: rule }, text);
      if (text.startsWith('st1')) l.slots.add(0);
      const checked = buildClaims(l, undefined, { assume: text.startsWith('st1') ? apart('x1') : [] });
      expect((await proveClaims(checked)).status).toBe('refuted');
    }, 120_000);
  }
});

function op0IsGpr(text: string): boolean {
  return /^[a-z0-9]+ [wx][0-9]+,/.test(text);
}

describe('docs/translate-fp-neon.md', () => {
  it('lists every NEON rule, each exercised by a case here', () => {
    const doc = readFileSync(new URL('../docs/translate-fp-neon.md', import.meta.url), 'utf8');
    const rows = new Map<string, string>();
    for (const m of doc.matchAll(/^\| `([a-z0-9]+)` \| neon \| [^|]*\| ([^|]+) \|$/gm)) rows.set(m[1]!, m[2]!.trim());
    const used = new Map<string, string>();
    for (const { text } of CASES) {
      const m = text.split(' ')[0]!;
      if (!neonRules[m]) continue;
      used.set(m, SLOW.has(text) || used.get(m) === 'proven; some forms with PROVE_ALL=1' ? 'proven; some forms with PROVE_ALL=1' : 'proven');
    }
    for (const text of INTERPRETER_ONLY) {
      const m = text.split(' ')[0]!;
      if (!used.has(m)) used.set(m, 'tested on the interpreter');
    }
    const documented = Object.keys(neonRules).filter((m) => rows.has(m));
    expect(documented.sort()).toEqual(Object.keys(neonRules).sort());
    for (const m of Object.keys(neonRules)) expect(rows.get(m), m).toBe(used.get(m) ?? 'not tested');
  });
});
