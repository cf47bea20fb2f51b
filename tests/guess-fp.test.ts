// The scalar floating-point lowering rules (src/guess/rules/fp*.ts), checked
// on one-instruction blocks: first on the interpreter with edge values
// (signed zeros, infinities, quiet and signalling NaNs with payloads,
// subnormals, integer bounds), then proven with Z3 for all values. The
// double-precision division and square root proofs take 30 s or more each;
// they run with PROVE_ALL=1 (`npm run prove-rules`), and the default suite
// tests them on the interpreter only. Deliberately wrong lowerings must be
// refuted.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fcmpCondition, fcmpConditionCodes } from '../src/guess/rules/fp-flags.js';
import { fpRules } from '../src/guess/rules/fp.js';
import type { LowerRule } from '../src/guess/rules/types.js';
import { extract } from '../src/ir/build.js';
import { closeDefaultSolvers } from '../src/smt/solver.js';
import {
  buildClaims, conditionClaim, evaluateClaims, lower, proveClaims, Refused, sourceFlags, type Checked, type Claim, type Lowering,
  type TargetPath,
} from './support/lower-context.js';
import { registerRoot } from '../src/program/regflow.js';

afterAll(closeDefaultSolvers);

const PROVE_ALL = process.env.PROVE_ALL === '1';

// ---------------------------------------------------------------- edge values

const D_EDGE = [
  0n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0x7ff8000000000123n,
  0xfff800000000abcdn, 0x7ff0000000000001n, 0xfff4000000000321n, 0x3ff0000000000000n, 0xbff8000000000000n,
  0x3fe0000000000000n, 0x4004000000000000n, 0xc004000000000000n, 1n, 0x800fffffffffffffn, 0x7fefffffffffffffn,
  0x4330000000000000n, 0x4330000000000001n, 0x432fffffffffffffn, 0x43e0000000000000n, 0xc3e0000000000000n,
  0x41f0000000000000n, 0x41dfffffffc00000n, 0xbfd0000000000000n, 0x3fe8000000000000n, 0xc3f0000000000000n,
];
const S_EDGE = [
  0n, 0x80000000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0x7fc00123n, 0xffc0abcdn, 0x7f800001n, 0xffa00321n,
  0x3f800000n, 0xbfc00000n, 0x3f000000n, 0x40200000n, 0xc0200000n, 1n, 0x807fffffn, 0x7f7fffffn, 0x4b000000n,
  0x4b000001n, 0x4affffffn, 0x5f000000n, 0xdf000000n, 0x4f800000n, 0x4f000000n, 0xbe800000n, 0x3f400000n,
];
const G_EDGE = [
  0n, 1n, (1n << 64n) - 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 63n, (1n << 63n) - 1n, 0x123456789abcdef0n,
  0xfffffffff0000000n, 3n, (1n << 53n) - 1n, (1n << 53n) + 1n, 0xffffffff80000000n,
];
/** Bits above a scalar view: never read by AArch64, so any junk must do. */
const JUNK = 0x0123456789abcdeffedcba98n;

/** The register operands read (operands 1.. and their names' AArch64 variables) with their edge lists. */
function inputsOf(l: Lowering): { name: string; values: bigint[] }[] {
  const out = new Map<string, bigint[]>();
  for (const src of l.sources)
    src.operands.forEach((op, k) => {
      if (op.kind !== 'reg') return;
      const m = /^([xwsd])([0-9]+)$/.exec(op.name);
      if (!m || (k === 0 && !['fcmp', 'fcmpe', 'fccmp', 'fccmpe'].includes(src.mnemonic))) return;
      const [kind, n] = [m[1]!, m[2]!];
      if (kind === 'x' || kind === 'w') out.set(`x${n}`, G_EDGE);
      else if (kind === 'd') out.set(`v${n}`, D_EDGE.map((d) => (JUNK << 64n) | d));
      else out.set(`v${n}`, S_EDGE.map((f) => (JUNK << 32n) | f));
    });
  return [...out].map(([name, values]) => ({ name, values }));
}

/** All combinations, thinned deterministically to at most `max`. */
function combinations(inputs: { name: string; values: bigint[] }[], max: number): Record<string, bigint>[] {
  let all: Record<string, bigint>[] = [{}];
  for (const i of inputs) all = all.flatMap((r) => i.values.map((v) => ({ ...r, [i.name]: v })));
  if (all.length <= max) return all;
  const step = all.length / max;
  return Array.from({ length: max }, (_, k) => all[Math.floor(k * step)]!);
}

function interpreterFailures(checked: Checked, max = 300): string[] {
  const fails: string[] = [];
  for (const inputs of combinations(inputsOf(checked.lowering), max)) {
    const f = evaluateClaims(checked, { ...inputs, v0: inputs.v0 ?? JUNK << 40n });
    if (f.length) fails.push(`${JSON.stringify(inputs, (_, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))}: ${f.join('; ')}`);
    if (fails.length >= 3) break;
  }
  return fails;
}

// ---------------------------------------------------------------- the cases

/** One form per corpus use (and per listed mnemonic); `slow` proofs run with PROVE_ALL=1. */
const CASES: { text: string; slow?: boolean }[] = [
  ...['fadd', 'fsub', 'fmul', 'fnmul', 'fmin', 'fmax', 'fminnm', 'fmaxnm'].flatMap((m) => [
    { text: `${m} d0, d1, d2`, slow: m === 'fnmul' },
    { text: `${m} s0, s1, s2` },
  ]),
  { text: 'fdiv d0, d1, d2', slow: true },
  { text: 'fdiv s0, s1, s2' },
  { text: 'fadd d1, d1, d1' },
  { text: 'fsub s2, s1, s2' },
  { text: 'fsqrt d0, d1', slow: true },
  { text: 'fsqrt s3, s3' },
  { text: 'fneg d0, d1' }, { text: 'fneg s0, s1' }, { text: 'fabs d0, d1' }, { text: 'fabs s0, s0' },
  ...['fmadd', 'fmsub', 'fnmadd', 'fnmsub'].flatMap((m) => [{ text: `${m} d0, d1, d2, d3`, slow: true }, { text: `${m} s0, s1, s2, s3` }]),
  { text: 'fmadd s3, s1, s2, s3' },
  { text: 'fmov d0, d1' }, { text: 'fmov s0, s1' }, { text: 'fmov d0, #1.5' }, { text: 'fmov s0, #-3.0e+0' },
  { text: 'fmov d0, #0.0' }, { text: 'fmov d0, x1' }, { text: 'fmov s0, w1' }, { text: 'fmov s0, wzr' }, { text: 'fmov d2, xzr' },
  { text: 'fmov x0, d1' }, { text: 'fmov w0, s1' },
  { text: 'fcvt d0, s1' }, { text: 'fcvt d1, s1' }, { text: 'fcvt s0, d1' }, { text: 'fcvt s1, d1' },
  ...['scvtf', 'ucvtf'].flatMap((m) => [
    { text: `${m} d0, x1` }, { text: `${m} d0, w1` }, { text: `${m} s0, x1` }, { text: `${m} s0, w1` },
    { text: `${m} d0, d1` }, { text: `${m} s0, s1` },
  ]),
  { text: 'scvtf d0, x1, #16' }, { text: 'ucvtf s0, w1, #3' },
  ...['zs', 'zu', 'as', 'au', 'ms', 'mu', 'ns', 'nu', 'ps', 'pu'].flatMap((k) => [
    { text: `fcvt${k} x0, d1` }, { text: `fcvt${k} w0, d1` }, { text: `fcvt${k} x0, s1` }, { text: `fcvt${k} w0, s1` },
  ]),
  { text: 'fcvtzs s0, s0' }, { text: 'fcvtzu d0, d1' },
  ...['x', 'a', 'm', 'p', 'z', 'n', 'i'].flatMap((k) => [{ text: `frint${k} d0, d1`, slow: k !== 'z' }, { text: `frint${k} s0, s0` }]),
];

describe('FP lowering rules: each corpus form on the interpreter, then proven', () => {
  for (const { text, slow } of CASES) {
    it(`${text}${slow && !PROVE_ALL ? ' (interpreter; proof with PROVE_ALL=1)' : ''}`, async () => {
      const checked = buildClaims(lower(fpRules, text), undefined, { merge: false });
      expect(interpreterFailures(checked)).toEqual([]);
      if (slow && !PROVE_ALL) return;
      // The slow proofs took 25-80 s alone and up to several minutes on a loaded machine.
      expect(await proveClaims(checked, slow ? 900_000 : 120_000)).toEqual({ status: 'proven' });
    }, 1_000_000);
  }
});

// ---------------------------------------------------------------- flags

/** A condition after fcmp/fcmpe, or the NZCV that fccmp leaves packed in a GPR. */
function flagClaims(l: Lowering, cond: string): (p: TargetPath) => Claim[] {
  const def = l.flags!;
  if (def.kind === 'packed') {
    const f = sourceFlags(l);
    const root = registerRoot('riscv64', def.reg);
    const nzcv = [f.n, f.z, f.c, f.v];
    return (p) => [3, 2, 1, 0].map((bit, k) => ({ what: `nzcv bit ${bit}`, source: nzcv[k]!, target: extract(bit, bit, p.state.get(root)!) }));
  }
  if (def.kind !== 'fcmp') throw new Error('fcmp flags expected');
  l.ctx.nextInstruction();
  const reg = fcmpCondition(cond, def, l.ctx);
  l.lines.splice(0, l.lines.length, ...l.ctx.lines);
  return conditionClaim(l, cond, reg);
}

describe('fcmp conditions (fp-flags.ts): every condition code, unordered included', () => {
  for (const cmp of ['fcmp d1, d2', 'fcmpe s1, s2', 'fcmp d1, #0.0', 'fcmpe s1, #0.0']) {
    it(`${cmp}, then each of ${fcmpConditionCodes().join(' ')}`, async () => {
      for (const cond of fcmpConditionCodes()) {
        const l = lower(fpRules, cmp);
        const checked = buildClaims(l, flagClaims(l, cond), { merge: false });
        expect(interpreterFailures(checked), cond).toEqual([]);
        expect(await proveClaims(checked), cond).toEqual({ status: 'proven' });
      }
    }, 300_000);
  }

  it('fcsel and fccmp after fcmp', async () => {
    for (const text of ['fcmp d1, d2\nfcsel d0, d3, d4, gt', 'fcmpe s1, s2\nfcsel s3, s3, s4, vs', 'fcmp d1, d2\nfcsel d0, d0, d4, le']) {
      const checked = buildClaims(lower(fpRules, text), undefined, { merge: false });
      expect(interpreterFailures(checked, 400), text).toEqual([]);
      expect(await proveClaims(checked), text).toEqual({ status: 'proven' });
    }
    for (const text of ['fcmp d1, d2\nfccmp d3, d4, #4, ge', 'fcmp s1, s2\nfccmpe s3, #0.0, #0, ne']) {
      const l = lower(fpRules, text);
      expect(l.flags?.kind).toBe('packed');
      const checked = buildClaims(l, flagClaims(l, 'al'), { merge: false });
      expect(interpreterFailures(checked, 400), text).toEqual([]);
      expect(await proveClaims(checked), text).toEqual({ status: 'proven' });
    }
  }, 300_000);
});

// ---------------------------------------------------------------- refusals and wrong lowerings

describe('FP lowering: what is refused, and wrong lowerings are refuted', () => {
  it('refuses half precision, fixed-point float-to-int, mixed sizes and unknown flags', () => {
    for (const text of ['fadd h0, h1, h2', 'fcvtzs w0, d1, #3', 'fmov d0, w1', 'fadd d0, d1, s2', 'fcsel d0, d1, d2, eq', 'fmov v0.s[1], w1']) {
      expect(() => lower(fpRules, text), text).toThrow(Refused);
    }
  });

  /** A rule that emits fixed text, as a careless translator might. */
  const fixed = (lines: string[], writes: { gpr?: string; fpr?: [string, 'd' | 's'] }): LowerRule => (_ins, ctx) => {
    const w = writes.gpr ? ctx.writeGpr(writes.gpr) : ctx.writeFpr(writes.fpr![0], writes.fpr![1]);
    for (const line of lines) ctx.emit(line);
    w.commit();
    return true;
  };
  const WRONG: { text: string; rule: LowerRule; why: string }[] = [
    { text: 'fadd d0, d1, d2', rule: fixed(['fadd.d fa0, fa1, fa2, rne'], { fpr: ['d0', 'd'] }), why: 'NaN operands give the canonical NaN' },
    { text: 'fadd d0, d1, d2', rule: fixed(['fadd.d fa0, fa1, fa2'], { fpr: ['d0', 'd'] }), why: 'dynamic rounding mode' },
    { text: 'fmin d0, d1, d2', rule: fixed(['fmin.d fa0, fa1, fa2'], { fpr: ['d0', 'd'] }), why: 'fmin returns the number, not the NaN' },
    { text: 'fmaxnm s0, s1, s2', rule: fixed(['fmax.s fa0, fa1, fa2'], { fpr: ['s0', 's'] }), why: 'signalling NaN is not quieted' },
    { text: 'fcvtzs x0, d1', rule: fixed(['fcvt.l.d a0, fa1, rtz'], { gpr: 'x0' }), why: 'NaN gives 2^63-1' },
    { text: 'fcvtzs w0, s1', rule: fixed(['fcvt.w.s a0, fa1, rtz', 'feq.s t0, fa1, fa1', 'neg t0, t0', 'and a0, a0, t0'], { gpr: 'w0' }), why: 'W result sign-extended' },
    { text: 'fmov w0, s1', rule: fixed(['fmv.x.w a0, fa1'], { gpr: 'w0' }), why: 'sign-extended' },
    { text: 'fcvt d0, s1', rule: fixed(['fcvt.d.s fa0, fa1'], { fpr: ['d0', 'd'] }), why: 'NaN payload lost' },
    { text: 'fmov s0, w1', rule: fixed(['fmv.d.x fa0, a1'], { fpr: ['s0', 's'] }), why: 'not NaN-boxed' },
    { text: 'frintz d0, d1', rule: fixed(['fcvt.l.d t0, fa1, rtz', 'fcvt.d.l fa0, t0, rtz'], { fpr: ['d0', 'd'] }), why: 'large values, -0, NaN' },
    { text: 'fmsub d0, d1, d2, d3', rule: fixed(['fmsub.d fa0, fa1, fa2, fa3, rne'], { fpr: ['d0', 'd'] }), why: 'RISC-V fmsub is n*m - a' },
    { text: 'fneg s0, s1', rule: fixed(['fsgnjn.s fa0, fa1, fa1', 'fmv.s fa2, fa0'], { fpr: ['s0', 's'] }), why: 'clobbers a mapped register' },
  ];
  for (const { text, rule, why } of WRONG) {
    it(`refutes ${text} lowered wrongly (${why})`, async () => {
      const m = text.split(' ')[0]!;
      const checked = buildClaims(lower({ [m]: rule }, text), undefined, { merge: false });
      const r = await proveClaims(checked);
      expect(r.status).toBe('refuted');
    }, 120_000);
  }

  it('refutes a wrong condition mapping (ge as flt b,a misses equality)', async () => {
    const l = lower(fpRules, 'fcmp d1, d2');
    l.ctx.nextInstruction();
    l.ctx.emit('flt.d t0, fa2, fa1');
    l.lines.splice(0, l.lines.length, ...l.ctx.lines);
    const checked = buildClaims(l, conditionClaim(l, 'ge', 't0'), { merge: false });
    expect(interpreterFailures(checked).length).toBeGreaterThan(0);
    expect((await proveClaims(checked)).status).toBe('refuted');
  }, 60_000);
});

// ---------------------------------------------------------------- the docs table

describe('docs/translate-fp-neon.md', () => {
  it('lists every FP rule with the status the tests give it', () => {
    const doc = readFileSync(new URL('../docs/translate-fp-neon.md', import.meta.url), 'utf8');
    const rows = new Map<string, string>();
    for (const m of doc.matchAll(/^\| `([a-z0-9]+)` \| fp \| [^|]*\| ([^|]+) \|$/gm)) rows.set(m[1]!, m[2]!.trim());
    const tested = new Map<string, string>();
    for (const { text, slow } of CASES) {
      const m = text.split(' ')[0]!;
      if (slow) tested.set(m, 'proven; double with PROVE_ALL=1');
      else if (!tested.has(m)) tested.set(m, 'proven');
    }
    for (const m of ['fcmp', 'fcmpe', 'fcsel', 'fccmp', 'fccmpe']) tested.set(m, 'proven');
    expect([...rows.keys()].sort()).toEqual(Object.keys(fpRules).sort());
    for (const m of Object.keys(fpRules)) expect(rows.get(m), m).toBe(tested.get(m) ?? 'not tested');
  });
});
