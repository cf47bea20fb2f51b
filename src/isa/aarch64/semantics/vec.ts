// Advanced SIMD building blocks: arrangements, lanes, vector operands, and
// the lane-loop helpers the vector semantics are written with. A vector is
// the 128-bit V register; 64-bit arrangements (8b, 4h, 2s, 1d) use its low
// half and writing one zeroes the upper half. Lane i holds bits
// (i+1)*esize-1 .. i*esize (little-endian element order).
import type { Operand, VectorRegOperand } from '../../../asm/ast.js';
import { c, concat, extract, trunc, zext } from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import { fprOf, gprOf, operand, readGpr, vregNumber, type Ctx, type Gpr, type Ins } from './operands.js';

export interface Arrangement {
  esize: number;
  count: number;
  /** esize * count: 64 or 128 for vectors, the element size for scalar forms. */
  bits: number;
}

const ARRANGEMENTS: Record<string, Arrangement> = {
  '8b': { esize: 8, count: 8, bits: 64 },
  '16b': { esize: 8, count: 16, bits: 128 },
  '4h': { esize: 16, count: 4, bits: 64 },
  '8h': { esize: 16, count: 8, bits: 128 },
  '2s': { esize: 32, count: 2, bits: 64 },
  '4s': { esize: 32, count: 4, bits: 128 },
  '1d': { esize: 64, count: 1, bits: 64 },
  '2d': { esize: 64, count: 2, bits: 128 },
};

export const ELEMENT_SIZES: Record<string, number> = { b: 8, h: 16, s: 32, d: 64 };

export function arrangementOf(spec: string | undefined): Arrangement | undefined {
  return spec === undefined ? undefined : ARRANGEMENTS[spec];
}

export interface VecOperand {
  n: number;
  arr: Arrangement;
}

/**
 * A whole-vector operand `v3.4s`; with `scalar`, also a scalar register
 * (`d3` as one 64-bit element) for the scalar forms of the same operation.
 */
export function vec(ins: Ins, k: number, ctx: Ctx, scalar = false): VecOperand {
  const op = operand(ins, k, ctx);
  if (op.kind === 'vreg' && op.index === undefined) {
    const arr = arrangementOf(op.arrangement);
    if (arr) return { n: vregNumber(op), arr };
  }
  if (scalar && op.kind === 'reg') {
    const f = fprOf(op.name);
    if (f && f.w <= 64) return { n: f.n, arr: { esize: f.w, count: 1, bits: f.w } };
  }
  return ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a vector register with an arrangement`);
}

export function isVecOperand(op: Operand | undefined): boolean {
  return op?.kind === 'vreg' && op.index === undefined && arrangementOf(op.arrangement) !== undefined;
}

export interface ElemOperand {
  n: number;
  esize: number;
  index: number;
}

/** A vector element `v1.s[2]`. */
export function elem(ins: Ins, k: number, ctx: Ctx): ElemOperand {
  const op = operand(ins, k, ctx);
  if (op.kind === 'vreg' && op.index !== undefined) {
    const esize = ELEMENT_SIZES[op.arrangement ?? ''];
    if (esize && op.index >= 0 && op.index < 128 / esize) return { n: vregNumber(op), esize, index: op.index };
  }
  return ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a vector element such as v1.s[2]`);
}

export function isElemOperand(op: Operand | undefined): op is VectorRegOperand {
  return op?.kind === 'vreg' && op.index !== undefined;
}

export function readV(ctx: Ctx, n: number): BV {
  return ctx.get(`v${n}`);
}

/** Writes a vector result of 128 bits, or fewer bits with the rest zeroed. */
export function writeV(ctx: Ctx, n: number, value: BV): void {
  ctx.set(`v${n}`, zext(128, value));
}

export function lane(x: BV, esize: number, i: number): BV {
  return extract((i + 1) * esize - 1, i * esize, x);
}

/** The lanes of a vector operand (count lanes of its arrangement). */
export function lanesOf(x: BV, arr: Arrangement): BV[] {
  return Array.from({ length: arr.count }, (_, i) => lane(x, arr.esize, i));
}

export function readLanes(ctx: Ctx, v: VecOperand): BV[] {
  return lanesOf(readV(ctx, v.n), v.arr);
}

export function readElem(ctx: Ctx, e: ElemOperand): BV {
  return lane(readV(ctx, e.n), e.esize, e.index);
}

/** Lane 0 lowest. */
export function pack(lanes: BV[]): BV {
  let r = lanes[0]!;
  for (let i = 1; i < lanes.length; i++) r = concat(lanes[i]!, r);
  return r;
}

export function writeLanes(ctx: Ctx, n: number, lanes: BV[]): void {
  writeV(ctx, n, pack(lanes));
}

/** Replaces lane i of x. */
export function withLane(x: BV, esize: number, i: number, value: BV): BV {
  const parts: BV[] = [];
  const lo = i * esize;
  const hi = lo + esize - 1;
  if (hi < x.w - 1) parts.push(extract(x.w - 1, hi + 1, x));
  parts.push(value);
  if (lo > 0) parts.push(extract(lo - 1, 0, x));
  return parts.reduce((acc, p) => concat(acc, p));
}

export function replicate(value: BV, count: number): BV {
  return pack(Array.from({ length: count }, () => value));
}

export function sameArrangement(ins: Ins, ctx: Ctx, ...ops: VecOperand[]): Arrangement {
  const first = ops[0]!.arr;
  for (const o of ops) {
    if (o.arr.esize !== first.esize || o.arr.count !== first.count) ctx.unsupported(`'${ins.mnemonic}' operands must have one arrangement`);
  }
  return first;
}

/** Lane helpers for integer lanes. */
export const ones = (w: number): BV => c(w, -1);
export const zeros = (w: number): BV => c(w, 0);

/** A general register operand that may not be sp. */
export function generalSource(ins: Ins, k: number, ctx: Ctx): { g: Gpr; value: BV } {
  const op = operand(ins, k, ctx);
  const g = op.kind === 'reg' ? gprOf(op.name) : undefined;
  if (!g || g.root === 'sp') return ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a general register`);
  return { g, value: readGpr(ctx, g) };
}

export function lowBits(x: BV, w: number): BV {
  return trunc(w, x);
}

/**
 * Arm's Reduce(): split the vector in halves, reduce each, and combine
 * lo with hi. The order matters for floating-point NaN propagation.
 */
export function reduce(lanes: BV[], op: (a: BV, b: BV) => BV): BV {
  if (lanes.length === 1) return lanes[0]!;
  const half = lanes.length / 2;
  return op(reduce(lanes.slice(0, half), op), reduce(lanes.slice(half), op));
}
