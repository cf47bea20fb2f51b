// Advanced SIMD operations that change element size or move lanes:
// widening (long and wide), narrowing, permutes, table lookups, across-lane
// and pairwise reductions, element moves and vector immediates.
import { add, c, concat, extract, ite, lshr, mul, neg, not, or, and, sext, shl, slt, sub, trunc, ult, zext } from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { reverseUnits } from './bits.js';
import {
  fprOf, gprOf, immConst, immSmall, isImmOperand, operand, shiftAmount, shiftOperand, writeFpr, writeGpr, type Ctx, type Ins,
} from './operands.js';
import {
  elem, generalSource, isElemOperand, isVecOperand, pack, readElem, readLanes, readV, reduce,
  replicate, sameArrangement, vec, withLane, writeLanes, writeV, type VecOperand,
} from './vec.js';

const extend = (signed: boolean, w: number) => (x: BV) => (signed ? sext(w, x) : zext(w, x));

/** `count` lanes of `esize` bits from v, the upper half's for the `2` forms. */
function halfLanes(i: Ins, ctx: Ctx, v: VecOperand, esize: number, count: number, upper: boolean): BV[] {
  if (v.arr.esize !== esize || v.arr.count !== (upper ? 2 * count : count)) {
    ctx.unsupported(`'${i.mnemonic}' source arrangement does not fit`);
  }
  const all = readLanes(ctx, v);
  return upper ? all.slice(count) : all;
}

const upperForm = (i: Ins) => i.mnemonic.endsWith('2');

/** Widening: long (d = op(ext n, ext m)) and wide (d = op(n, ext m)) forms, optionally accumulating into d. */
function widen(
  signed: boolean,
  kind: 'long' | 'wide',
  op: (a: BV, b: BV) => BV,
  acc?: (d: BV, r: BV) => BV,
  byElement = false,
): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const e = d.arr.esize;
    if (e === 8) ctx.unsupported(`'${i.mnemonic}' destination must have 16-bit or wider lanes`);
    const up = upperForm(i);
    const x = extend(signed, e);
    const n = vec(i, 1, ctx);
    const nl = kind === 'wide' ? (sameArrangement(i, ctx, d, n), readLanes(ctx, n)) : halfLanes(i, ctx, n, e / 2, d.arr.count, up).map(x);
    let ml: BV[];
    if (byElement && isElemOperand(i.operands[2])) {
      const el = elem(i, 2, ctx);
      if (el.esize !== e / 2) ctx.unsupported(`'${i.mnemonic}' element size`);
      ml = Array.from({ length: d.arr.count }, () => x(readElem(ctx, el)));
    } else ml = halfLanes(i, ctx, vec(i, 2, ctx), e / 2, d.arr.count, up).map(x);
    const r = nl.map((a, k) => op(a, ml[k]!));
    const dl = readLanes(ctx, d);
    writeLanes(ctx, d.n, acc ? r.map((v, k) => acc(dl[k]!, v)) : r);
  };
}

const absDiff = (a: BV, b: BV) => {
  const d = sub(a, b);
  return ite(slt(d, c(d.w, 0)), neg(d), d);
};

/** sshll/ushll(2) d, n, #s and sxtl/uxtl(2) (shift 0). */
function shiftLeftLong(signed: boolean, fixed?: number): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const e = d.arr.esize;
    const s = fixed ?? immSmall(i, 2, ctx, e / 2 - 1);
    const nl = halfLanes(i, ctx, vec(i, 1, ctx), e / 2, d.arr.count, upperForm(i));
    writeLanes(ctx, d.n, nl.map((v) => shl(extend(signed, e)(v), c(e, s))));
  };
}

/**
 * Narrowing: the low half of each result lane. The plain forms write the
 * lower 64 bits and zero the rest; the `2` forms write the upper 64 bits
 * and keep the lower.
 */
function narrowWrite(i: Ins, ctx: Ctx, d: VecOperand, results: BV[]): void {
  const packed = pack(results);
  if (upperForm(i)) {
    if (d.arr.bits !== 128) ctx.unsupported(`'${i.mnemonic}' writes a 128-bit arrangement`);
    writeV(ctx, d.n, concat(packed, extract(63, 0, readV(ctx, d.n))));
  } else {
    if (d.arr.bits !== 64) ctx.unsupported(`'${i.mnemonic}' writes a 64-bit arrangement`);
    writeV(ctx, d.n, packed);
  }
}

function narrowSources(i: Ins, ctx: Ctx, d: VecOperand, k: number): BV[] {
  const n = vec(i, k, ctx);
  if (n.arr.bits !== 128 || n.arr.esize !== 2 * d.arr.esize || n.arr.count !== d.arr.count / (upperForm(i) ? 2 : 1)) {
    ctx.unsupported(`'${i.mnemonic}' source arrangement does not fit`);
  }
  return readLanes(ctx, n);
}

const xtn: InstructionSemantics = (i, ctx) => {
  const d = vec(i, 0, ctx);
  narrowWrite(i, ctx, d, narrowSources(i, ctx, d, 1).map((v) => trunc(d.arr.esize, v)));
};

function shiftRightNarrow(round: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const e = d.arr.esize;
    const s = immSmall(i, 2, ctx, e);
    if (s < 1) ctx.unsupported(`'${i.mnemonic}' shift must be 1..${e}`);
    const r = narrowSources(i, ctx, d, 1).map((v) => {
      const w = round ? add(zext(2 * e + 1, v), c(2 * e + 1, 1n << BigInt(s - 1))) : v;
      return trunc(e, lshr(w, c(w.w, s)));
    });
    narrowWrite(i, ctx, d, r);
  };
}

/** addhn/subhn/raddhn/rsubhn(2): the high half of each sum or difference. */
function highNarrow(subtract: boolean, round: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const e = d.arr.esize;
    const nl = narrowSources(i, ctx, d, 1);
    const ml = narrowSources(i, ctx, d, 2);
    narrowWrite(i, ctx, d, nl.map((a, k) => {
      let s = subtract ? sub(a, ml[k]!) : add(a, ml[k]!);
      if (round) s = add(s, c(2 * e, 1n << BigInt(e - 1)));
      return extract(2 * e - 1, e, s);
    }));
  };
}

// ---------------------------------------------------------------- permutes

type Permute = (n: BV[], m: BV[]) => BV[];
const half = (l: BV[]) => l.length / 2;
const PERMUTES: Record<string, Permute> = {
  zip1: (n, m) => n.slice(0, half(n)).flatMap((x, k) => [x, m[k]!]),
  zip2: (n, m) => n.slice(half(n)).flatMap((x, k) => [x, m[half(n) + k]!]),
  uzp1: (n, m) => [...n, ...m].filter((_, k) => k % 2 === 0),
  uzp2: (n, m) => [...n, ...m].filter((_, k) => k % 2 === 1),
  trn1: (n, m) => n.flatMap((x, k) => (k % 2 === 0 ? [x, m[k]!] : [])),
  trn2: (n, m) => n.flatMap((x, k) => (k % 2 === 1 ? [x, m[k]!] : [])),
};

function permute(p: Permute): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const m = vec(i, 2, ctx);
    const a = sameArrangement(i, ctx, d, n, m);
    if (a.count < 2) ctx.unsupported(`'${i.mnemonic}' needs two or more lanes`);
    writeLanes(ctx, d.n, p(readLanes(ctx, n), readLanes(ctx, m)));
  };
}

/** ext d, n, m, #idx: bytes idx.. of m:n. */
const ext: InstructionSemantics = (i, ctx) => {
  const d = vec(i, 0, ctx);
  const n = vec(i, 1, ctx);
  const m = vec(i, 2, ctx);
  const a = sameArrangement(i, ctx, d, n, m);
  if (a.esize !== 8) ctx.unsupported(`'ext' takes byte arrangements`);
  const bits = a.bits;
  const idx = immSmall(i, 3, ctx, bits / 8 - 1);
  const both = concat(extract(bits - 1, 0, readV(ctx, m.n)), extract(bits - 1, 0, readV(ctx, n.n)));
  writeV(ctx, d.n, extract(idx * 8 + bits - 1, idx * 8, both));
};

/** rev16/rev32/rev64 on vectors: reverse the lanes inside each container. */
function reverseLanes(container: number): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const a = sameArrangement(i, ctx, d, n);
    if (a.esize >= container) ctx.unsupported(`'${i.mnemonic}' lanes must be narrower than ${container} bits`);
    writeV(ctx, d.n, reverseUnits(extract(a.bits - 1, 0, readV(ctx, n.n)), a.esize, container));
  };
}

/** The registers of a list operand `{v0.16b, v1.16b}` or `{v0.16b - v3.16b}` (wrapping after v31). */
export function listRegisters(i: Ins, k: number, ctx: Ctx): { regs: number[]; spec: string; index?: number } {
  const op = operand(i, k, ctx);
  if (op.kind !== 'vlist' || op.regs.length === 0) return ctx.unsupported(`operand ${k + 1} of '${i.mnemonic}' must be a register list`);
  const spec = op.regs[0]!.arrangement ?? '';
  if (op.regs.some((r) => (r.arrangement ?? '') !== spec)) ctx.unsupported(`'${i.mnemonic}' list arrangements differ`);
  const nums = op.regs.map((r) => Number(r.name.slice(1)));
  let regs: number[];
  if (op.range) {
    // gas refuses a range that wraps past v31 (a comma-separated list may wrap).
    if (nums[1]! < nums[0]!) ctx.unsupported(`'${i.mnemonic}' register range wraps around`);
    const count = ((nums[1]! - nums[0]! + 32) % 32) + 1;
    regs = Array.from({ length: count }, (_, j) => (nums[0]! + j) % 32);
  } else {
    regs = nums;
    for (let j = 1; j < regs.length; j++) if (regs[j] !== (regs[j - 1]! + 1) % 32) ctx.unsupported(`'${i.mnemonic}' list registers must be consecutive`);
  }
  if (regs.length > 4) ctx.unsupported(`'${i.mnemonic}' takes at most four registers`);
  return op.index === undefined ? { regs, spec } : { regs, spec, index: op.index };
}

/** tbl/tbx d, {table}, idx: byte lookup; out-of-range indices give 0 (tbl) or keep d (tbx). */
function tableLookup(extendForm: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const list = listRegisters(i, 1, ctx);
    if (list.spec !== '16b' || list.index !== undefined) ctx.unsupported(`'${i.mnemonic}' table must be 16b registers`);
    const m = vec(i, 2, ctx);
    const a = sameArrangement(i, ctx, d, m);
    if (a.esize !== 8) ctx.unsupported(`'${i.mnemonic}' takes byte arrangements`);
    // The table: first register in the low bytes.
    const table = pack(list.regs.map((r) => readV(ctx, r)));
    const size = 16 * list.regs.length;
    const dl = readLanes(ctx, d);
    const r = readLanes(ctx, m).map((idx, k) => {
      const wide = zext(table.w, idx);
      const byte = trunc(8, lshr(table, shl(wide, c(table.w, 3))));
      return ite(ult(idx, c(8, size)), byte, extendForm ? dl[k]! : c(8, 0));
    });
    writeLanes(ctx, d.n, r);
  };
}

// ---------------------------------------------------------------- across lanes and pairwise

/** addv/smaxv/...: the reduction of all lanes into a scalar register of the lane size. */
function across(op: (a: BV, b: BV) => BV, long?: boolean, signed = false): InstructionSemantics {
  return (i, ctx) => {
    const d = operand(i, 0, ctx);
    const f = d.kind === 'reg' ? fprOf(d.name) : undefined;
    const n = vec(i, 1, ctx);
    if (n.arr.count < 4 && !(n.arr.count === 2 && long)) ctx.unsupported(`'${i.mnemonic}' needs four or more lanes`);
    const w = long ? 2 * n.arr.esize : n.arr.esize;
    if (!f || f.w !== w) return ctx.unsupported(`'${i.mnemonic}' destination must be a ${w}-bit scalar register`);
    const l = readLanes(ctx, n).map((x) => (long ? extend(signed, w)(x) : x));
    writeFpr(ctx, f, reduce(l, op));
  };
}

const smax = (a: BV, b: BV) => ite(slt(a, b), b, a);
const smin = (a: BV, b: BV) => ite(slt(b, a), b, a);
const umax = (a: BV, b: BV) => ite(ult(a, b), b, a);
const umin = (a: BV, b: BV) => ite(ult(b, a), b, a);

/** Pairwise: lanes of m:n taken two at a time (addp, smaxp, ...); `addp d0, v1.2d` is the scalar form. */
export function pairwise(op: (a: BV, b: BV) => BV, scalarSizes: number[] = [64], refuse2d = false, fp = false): InstructionSemantics {
  return (i, ctx) => {
    if (i.operands.length === 2) {
      const d = operand(i, 0, ctx);
      const f = d.kind === 'reg' ? fprOf(d.name) : undefined;
      const n = vec(i, 1, ctx);
      if (!f || n.arr.count !== 2 || n.arr.esize !== f.w || !scalarSizes.includes(f.w)) {
        return ctx.unsupported(`'${i.mnemonic}' scalar form`);
      }
      const l = readLanes(ctx, n);
      writeFpr(ctx, f, op(l[0]!, l[1]!));
      return;
    }
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const m = vec(i, 2, ctx);
    const a = sameArrangement(i, ctx, d, n, m);
    if (a.count < 2 || (refuse2d && a.esize === 64) || (fp && a.esize < 32)) ctx.unsupported(`'${i.mnemonic}' arrangement`);
    const all = [...readLanes(ctx, n), ...readLanes(ctx, m)];
    writeLanes(ctx, d.n, Array.from({ length: a.count }, (_, k) => op(all[2 * k]!, all[2 * k + 1]!)));
  };
}

/** saddlp/uaddlp (and sadalp/uadalp accumulating): adjacent pairs added into double-width lanes. */
function addPairsLong(signed: boolean, accumulate: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const e = d.arr.esize;
    if (n.arr.esize * 2 !== e || n.arr.bits !== d.arr.bits) ctx.unsupported(`'${i.mnemonic}' arrangements`);
    const x = extend(signed, e);
    const nl = readLanes(ctx, n);
    const dl = readLanes(ctx, d);
    writeLanes(ctx, d.n, dl.map((old, k) => {
      const s = add(x(nl[2 * k]!), x(nl[2 * k + 1]!));
      return accumulate ? add(old, s) : s;
    }));
  };
}

// ---------------------------------------------------------------- element moves

/** dup d.T, wN | d.T, v.T[i] | scalar dup (`dup s0, v1.s[1]`, also spelled mov). */
const dup: InstructionSemantics = (i, ctx) => {
  const dst = operand(i, 0, ctx);
  if (dst.kind === 'reg') {
    const f = fprOf(dst.name);
    const e = elem(i, 1, ctx);
    if (!f || f.w !== e.esize) return ctx.unsupported(`'${i.mnemonic}' scalar form sizes`);
    writeFpr(ctx, f, readElem(ctx, e));
    return;
  }
  const d = vec(i, 0, ctx);
  let value: BV;
  if (isElemOperand(i.operands[1])) {
    const e = elem(i, 1, ctx);
    if (e.esize !== d.arr.esize) ctx.unsupported(`'dup' element size`);
    value = readElem(ctx, e);
  } else {
    const { g, value: x } = generalSource(i, 1, ctx);
    if ((d.arr.esize === 64) !== (g.w === 64)) ctx.unsupported(`'dup' general register width`);
    value = trunc(d.arr.esize, x);
  }
  writeV(ctx, d.n, replicate(value, d.arr.count));
};

/** ins v.T[i], wN | v.T[i], v.T[j]: one lane replaced, the others kept. */
const ins: InstructionSemantics = (i, ctx) => {
  const d = elem(i, 0, ctx);
  let value: BV;
  if (isElemOperand(i.operands[1])) {
    const s = elem(i, 1, ctx);
    if (s.esize !== d.esize) ctx.unsupported(`'${i.mnemonic}' element sizes differ`);
    value = readElem(ctx, s);
  } else {
    const { g, value: x } = generalSource(i, 1, ctx);
    if ((d.esize === 64) !== (g.w === 64)) ctx.unsupported(`'${i.mnemonic}' general register width`);
    value = trunc(d.esize, x);
  }
  writeV(ctx, d.n, withLane(readV(ctx, d.n), d.esize, d.index, value));
};

/** umov/smov wN|xN, v.T[i]. */
function moveToGeneral(signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const dst = operand(i, 0, ctx);
    const g = dst.kind === 'reg' ? gprOf(dst.name) : undefined;
    if (!g || g.root === 'sp') return ctx.unsupported(`'${i.mnemonic}' writes a general register`);
    const e = elem(i, 1, ctx);
    const fits = signed ? e.esize < g.w && e.esize <= 32 : g.w === 64 ? e.esize === 64 : e.esize <= 32;
    if (!fits) ctx.unsupported(`'${i.mnemonic}' sizes`);
    const v = readElem(ctx, e);
    writeGpr(ctx, g, signed ? sext(g.w, v) : zext(g.w, v));
  };
}
const umov = moveToGeneral(false);

/** The vector forms of mov: vector copy (orr alias), element insert (ins), to general (umov), scalar (dup). */
export const vectorMov: InstructionSemantics = (i, ctx) => {
  const [a, b] = i.operands;
  if (isVecOperand(a) && isVecOperand(b)) {
    const d = vec(i, 0, ctx);
    const n = vec(i, 1, ctx);
    const arr = sameArrangement(i, ctx, d, n);
    writeV(ctx, d.n, extract(arr.bits - 1, 0, readV(ctx, n.n)));
    return;
  }
  if (isElemOperand(a)) return ins(i, ctx);
  if (a?.kind === 'reg' && gprOf(a.name)) {
    const e = elem(i, 1, ctx);
    if (e.esize < 32) ctx.unsupported(`'mov' to a general register takes s or d elements`);
    return umov(i, ctx);
  }
  return dup(i, ctx);
};

// ---------------------------------------------------------------- immediates

/**
 * movi/mvni/orr/bic with an immediate: the 8-bit immediate (or a 64-bit
 * byte mask for 1d/2d) shifted by `lsl #s` or `msl #s` (shifting ones in),
 * in every lane. The value is taken as written; gas checks it is encodable.
 */
function vectorImmediate(kind: 'movi' | 'mvni' | 'orr' | 'bic'): InstructionSemantics {
  return (i, ctx) => {
    const dst = operand(i, 0, ctx);
    let d: VecOperand;
    if (dst.kind === 'reg' && kind === 'movi') {
      const f = fprOf(dst.name);
      if (!f || f.w !== 64) return ctx.unsupported(`'movi' scalar form is dN`);
      d = { n: f.n, arr: { esize: 64, count: 1, bits: 64 } };
    } else d = vec(i, 0, ctx);
    const e = d.arr.esize;
    if ((kind === 'mvni' || kind === 'orr' || kind === 'bic') && (e === 8 || e === 64)) ctx.unsupported(`'${i.mnemonic}' arrangement`);
    let value = trunc(e, c(64, immConst(i, 1, ctx)));
    const s = shiftOperand(i, 2);
    if (s) {
      if (e === 8 || e === 64) ctx.unsupported(`'${i.mnemonic}' shift with ${e}-bit lanes`);
      const amount = shiftAmount(i, s, ctx, e - 8);
      if (amount % 8 !== 0) ctx.unsupported(`'${i.mnemonic}' shift must be a multiple of 8`);
      if (s.op === 'lsl') value = shl(value, c(e, amount));
      else if (s.op === 'msl' && e === 32 && (amount === 8 || amount === 16)) {
        value = or(shl(value, c(e, amount)), c(e, (1n << BigInt(amount)) - 1n));
      } else ctx.unsupported(`'${i.mnemonic}' modifier '${s.op}'`);
    }
    if (kind === 'mvni') value = not(value);
    if (kind === 'movi' || kind === 'mvni') {
      writeV(ctx, d.n, replicate(value, d.arr.count));
      return;
    }
    const l = readLanes(ctx, d).map((x) => (kind === 'orr' ? or(x, value) : and(x, not(value))));
    writeLanes(ctx, d.n, l);
  };
}

/** orr/bic: immediate forms here, register forms in the lane-wise group. */
export function immediateForm(i: Ins): boolean {
  return isImmOperand(i.operands[1]);
}

export const VWIDE_SEMANTICS: Record<string, InstructionSemantics> = {
  xtn: xtn,
  xtn2: xtn,
  shrn: shiftRightNarrow(false),
  shrn2: shiftRightNarrow(false),
  rshrn: shiftRightNarrow(true),
  rshrn2: shiftRightNarrow(true),
  addhn: highNarrow(false, false),
  addhn2: highNarrow(false, false),
  subhn: highNarrow(true, false),
  subhn2: highNarrow(true, false),
  raddhn: highNarrow(false, true),
  raddhn2: highNarrow(false, true),
  rsubhn: highNarrow(true, true),
  rsubhn2: highNarrow(true, true),
  ext,
  rev16: reverseLanes(16),
  rev32: reverseLanes(32),
  rev64: reverseLanes(64),
  tbl: tableLookup(false),
  tbx: tableLookup(true),
  addv: across(add),
  smaxv: across(smax),
  sminv: across(smin),
  umaxv: across(umax),
  uminv: across(umin),
  saddlv: across(add, true, true),
  uaddlv: across(add, true, false),
  addp: pairwise(add),
  smaxp: pairwise(smax, [], true),
  sminp: pairwise(smin, [], true),
  umaxp: pairwise(umax, [], true),
  uminp: pairwise(umin, [], true),
  saddlp: addPairsLong(true, false),
  uaddlp: addPairsLong(false, false),
  sadalp: addPairsLong(true, true),
  uadalp: addPairsLong(false, true),
  dup,
  ins,
  umov,
  smov: moveToGeneral(true),
  movi: vectorImmediate('movi'),
  mvni: vectorImmediate('mvni'),
  'orr#': vectorImmediate('orr'),
  'bic#': vectorImmediate('bic'),
};

for (const [name, p] of Object.entries(PERMUTES)) VWIDE_SEMANTICS[name] = permute(p);

for (const up of ['', '2']) {
  for (const [s, signed] of [['s', true], ['u', false]] as const) {
    VWIDE_SEMANTICS[`${s}addl${up}`] = widen(signed, 'long', add);
    VWIDE_SEMANTICS[`${s}subl${up}`] = widen(signed, 'long', sub);
    VWIDE_SEMANTICS[`${s}addw${up}`] = widen(signed, 'wide', add);
    VWIDE_SEMANTICS[`${s}subw${up}`] = widen(signed, 'wide', sub);
    VWIDE_SEMANTICS[`${s}mull${up}`] = widen(signed, 'long', mul, undefined, true);
    VWIDE_SEMANTICS[`${s}mlal${up}`] = widen(signed, 'long', mul, add, true);
    VWIDE_SEMANTICS[`${s}mlsl${up}`] = widen(signed, 'long', mul, (d, r) => sub(d, r), true);
    VWIDE_SEMANTICS[`${s}abdl${up}`] = widen(signed, 'long', absDiff);
    VWIDE_SEMANTICS[`${s}abal${up}`] = widen(signed, 'long', absDiff, add);
    VWIDE_SEMANTICS[`${s}shll${up}`] = shiftLeftLong(signed);
    VWIDE_SEMANTICS[`${s}xtl${up}`] = shiftLeftLong(signed, 0);
  }
}

