// Operand access for AArch64 semantics. Register operands are decoded by
// their written name, which is exactly what the encoding means: register
// number 31 is `sp`/`wsp` in the forms that allow the stack pointer and
// `xzr`/`wzr` elsewhere, and the assembler only accepts the spelling that
// matches the form. So a read of `xzr` is zero, a write to it is dropped,
// and `sp` is the `sp` component.
//
// W registers: a read takes the low 32 bits of the X register; a write
// zero-extends the 32-bit result into the X register (Arm ARM, "Registers
// in AArch64 state"). Scalar SIMD&FP registers (b, h, s, d, q) are the low
// bits of the 128-bit V register; writing one zeroes the bits above it.
import type { Expr, InstructionStatement, Operand, ShiftOperand, VectorRegOperand } from '../../../asm/ast.js';
import { numberSpelling } from '../../../asm/aarch64/parser.js';
import { add, and, ashr, c, constOf, eq, extract, ite, lshr, not, rotr, sext, shl, trunc, xor, zext } from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { SemContext } from '../../../ir/semantics.js';

export type Ins = InstructionStatement;
export type Ctx = SemContext;

export function operand(ins: Ins, k: number, ctx: Ctx): Operand {
  const op = ins.operands[k];
  if (!op) ctx.unsupported(`'${ins.mnemonic}' is missing operand ${k + 1}`);
  return op;
}

export function operandCount(ins: Ins): number {
  return ins.operands.length;
}

// ---------------------------------------------------------------- general registers

export interface Gpr {
  /** 'x0'..'x30', 'sp' or 'zr'. */
  root: string;
  w: 32 | 64;
}

const ALIASES: Record<string, string> = { fp: 'x29', lr: 'x30', ip0: 'x16', ip1: 'x17' };

/** Decodes a general register name, or undefined when the name is not one. */
export function gprOf(name: string): Gpr | undefined {
  const alias = ALIASES[name];
  if (alias) return { root: alias, w: 64 };
  switch (name) {
    case 'sp': return { root: 'sp', w: 64 };
    case 'wsp': return { root: 'sp', w: 32 };
    case 'xzr': return { root: 'zr', w: 64 };
    case 'wzr': return { root: 'zr', w: 32 };
  }
  const m = /^([xw])([0-9]|[12][0-9]|30)$/.exec(name);
  if (!m) return undefined;
  return { root: `x${m[2]}`, w: m[1] === 'x' ? 64 : 32 };
}

export function isGprOperand(op: Operand | undefined): boolean {
  return op?.kind === 'reg' && gprOf(op.name) !== undefined;
}

export function gpr(ins: Ins, k: number, ctx: Ctx): Gpr {
  const op = operand(ins, k, ctx);
  const g = op.kind === 'reg' ? gprOf(op.name) : undefined;
  if (!g) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a general register`);
  return g;
}

export function readGpr(ctx: Ctx, g: Gpr): BV {
  if (g.root === 'zr') return c(g.w, 0);
  const full = ctx.get(g.root);
  return g.w === 64 ? full : trunc(32, full);
}

/** Writes a value of the register's width (W writes zero-extend into X). */
export function writeGpr(ctx: Ctx, g: Gpr, value: BV): void {
  if (value.w !== g.w) throw new Error(`AArch64 semantics wrote ${value.w} bits to a ${g.w}-bit register`);
  if (g.root === 'zr') return;
  ctx.set(g.root, zext(64, value));
}

export function readR(ins: Ins, k: number, ctx: Ctx): BV {
  return readGpr(ctx, gpr(ins, k, ctx));
}

export function writeR(ins: Ins, k: number, ctx: Ctx, value: BV): void {
  writeGpr(ctx, gpr(ins, k, ctx), value);
}

/** The data size of an instruction from its first (destination) register. */
export function width(ins: Ins, ctx: Ctx, k = 0): 32 | 64 {
  return gpr(ins, k, ctx).w;
}

// ---------------------------------------------------------------- SIMD & FP registers

export interface Fpr {
  n: number;
  /** 8, 16, 32, 64 or 128 bits (b, h, s, d, q). */
  w: number;
}

const FP_WIDTHS: Record<string, number> = { b: 8, h: 16, s: 32, d: 64, q: 128 };

export function fprOf(name: string): Fpr | undefined {
  const m = /^([bhsdq])([0-9]|[12][0-9]|3[01])$/.exec(name);
  if (!m) return undefined;
  return { n: Number(m[2]), w: FP_WIDTHS[m[1]!]! };
}

export function isFprOperand(op: Operand | undefined): boolean {
  return op?.kind === 'reg' && fprOf(op.name) !== undefined;
}

export function fpr(ins: Ins, k: number, ctx: Ctx): Fpr {
  const op = operand(ins, k, ctx);
  const f = op.kind === 'reg' ? fprOf(op.name) : undefined;
  if (!f) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a SIMD&FP register (b, h, s, d, q)`);
  return f;
}

export function readFpr(ctx: Ctx, f: Fpr): BV {
  return trunc(f.w, ctx.get(`v${f.n}`));
}

/** Writes a scalar register: the bits above its width are zeroed. */
export function writeFpr(ctx: Ctx, f: Fpr, value: BV): void {
  if (value.w !== f.w) throw new Error(`AArch64 semantics wrote ${value.w} bits to a ${f.w}-bit FP register`);
  ctx.set(`v${f.n}`, zext(128, value));
}

export function readF(ins: Ins, k: number, ctx: Ctx): BV {
  return readFpr(ctx, fpr(ins, k, ctx));
}

export function writeF(ins: Ins, k: number, ctx: Ctx, value: BV): void {
  writeFpr(ctx, fpr(ins, k, ctx), value);
}

/** The register number of a vector register operand (`v3.4s` is 3). */
export function vregNumber(op: VectorRegOperand): number {
  return Number(op.name.slice(1));
}

// ---------------------------------------------------------------- immediates

/** The expression of an immediate operand (`#imm`, a bare number, `:lo12:sym`). */
export function immExpr(ins: Ins, k: number, ctx: Ctx): Expr {
  const op = operand(ins, k, ctx);
  if ((op.kind === 'imm' && op.prefix !== '=') || op.kind === 'expr') return op.expr;
  return ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be an immediate`);
}

/** An immediate's 64-bit value (possibly symbolic: `:lo12:sym`). */
export function immValue(ins: Ins, k: number, ctx: Ctx): BV {
  return ctx.value(immExpr(ins, k, ctx));
}

/** An immediate that must be a number known at assembly time. */
export function immConst(ins: Ins, k: number, ctx: Ctx): bigint {
  const v = constOf(immValue(ins, k, ctx));
  if (v === undefined) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a constant`);
  return v;
}

/** A small non-negative constant (shift amounts, bit positions, lane numbers). */
export function immSmall(ins: Ins, k: number, ctx: Ctx, max: number): number {
  const v = immConst(ins, k, ctx);
  if (v < 0n || v > BigInt(max)) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be in 0..${max}`);
  return Number(v);
}

/** The written spelling of an integer immediate, when it was written as a plain literal. */
export function literalSpelling(e: Expr): string | undefined {
  if (e.kind === 'num') return numberSpelling(e);
  if (e.kind === 'unary' && e.arg.kind === 'num') {
    const s = numberSpelling(e.arg);
    return s === undefined ? undefined : e.op + s;
  }
  return undefined;
}

export function isImmOperand(op: Operand | undefined): boolean {
  return (op?.kind === 'imm' && op.prefix !== '=') || op?.kind === 'expr';
}

export function shiftOperand(ins: Ins, k: number): ShiftOperand | undefined {
  const op = ins.operands[k];
  return op?.kind === 'shift' ? op : undefined;
}

/** A shift amount (`lsl #12`), defaulting to 0 when the modifier has none. */
export function shiftAmount(ins: Ins, s: ShiftOperand, ctx: Ctx, max: number): number {
  if (!s.amount) return 0;
  const v = constOf(ctx.value(s.amount));
  if (v === undefined || v < 0n || v > BigInt(max)) ctx.unsupported(`shift amount of '${ins.mnemonic}' must be in 0..${max}`);
  return Number(v);
}

// ---------------------------------------------------------------- shifted and extended registers

/** Applies `lsl/lsr/asr/ror #n` to a value of its own width. */
export function applyShift(op: string, x: BV, n: number): BV {
  const amount = c(x.w, n);
  switch (op) {
    case 'lsl': return shl(x, amount);
    case 'lsr': return lshr(x, amount);
    case 'asr': return ashr(x, amount);
    case 'ror': return rotr(x, amount);
  }
  throw new Error(`not a shift: ${op}`);
}

const EXTENDS: Record<string, { w: number; signed: boolean }> = {
  uxtb: { w: 8, signed: false }, uxth: { w: 16, signed: false }, uxtw: { w: 32, signed: false }, uxtx: { w: 64, signed: false },
  sxtb: { w: 8, signed: true }, sxth: { w: 16, signed: true }, sxtw: { w: 32, signed: true }, sxtx: { w: 64, signed: true },
};

export function isExtend(op: string): boolean {
  return op in EXTENDS;
}

/** ExtendReg: the low bits of x, extended to `w` bits, then shifted left. */
export function applyExtend(op: string, x: BV, w: number, lshift: number): BV {
  const e = EXTENDS[op];
  if (!e) throw new Error(`not an extend: ${op}`);
  const from = Math.min(e.w, x.w);
  const low = trunc(from, x);
  const ext = from === w ? low : from > w ? trunc(w, low) : e.signed ? sext(w, low) : zext(w, low);
  return shl(ext, c(w, lshift));
}

/**
 * The second source of an add/sub/logical instruction, at the data size:
 * an immediate (`#imm`, `#imm, lsl #12`), a shifted register
 * (`x2, lsl #3`) or an extended register (`w2, sxtw #2`).
 * `logical` allows `ror` and forbids extends; immediates are taken as
 * written (the assembler checks they are encodable).
 */
export function secondSource(ins: Ins, k: number, ctx: Ctx, w: 32 | 64, logical: boolean): BV {
  const op = operand(ins, k, ctx);
  const modifier = shiftOperand(ins, k + 1);
  if (ins.operands.length > k + (modifier ? 2 : 1)) ctx.unsupported(`too many operands for '${ins.mnemonic}'`);
  if (isImmOperand(op)) {
    let value = trunc(w, immValue(ins, k, ctx));
    if (modifier) {
      if (modifier.op !== 'lsl' || logical) ctx.unsupported(`'${ins.mnemonic}' immediate takes only 'lsl #0' or 'lsl #12'`);
      const n = shiftAmount(ins, modifier, ctx, 12);
      if (n !== 0 && n !== 12) ctx.unsupported(`'${ins.mnemonic}' immediate shift must be 0 or 12`);
      value = shl(value, c(w, n));
    }
    return value;
  }
  const g = gpr(ins, k, ctx);
  const x = readGpr(ctx, g);
  if (!modifier) {
    if (g.w !== w) ctx.unsupported(`'${ins.mnemonic}' mixes register widths without an extend`);
    return x;
  }
  if (isExtend(modifier.op)) {
    if (logical) ctx.unsupported(`'${ins.mnemonic}' does not take an extended register`);
    return applyExtend(modifier.op, x, w, shiftAmount(ins, modifier, ctx, 4));
  }
  if (g.w !== w) ctx.unsupported(`'${ins.mnemonic}' mixes register widths`);
  if (modifier.op === 'ror' && !logical) ctx.unsupported(`'${ins.mnemonic}' does not take 'ror'`);
  if (modifier.op === 'msl') ctx.unsupported(`'${ins.mnemonic}' does not take 'msl'`);
  return applyShift(modifier.op, x, shiftAmount(ins, modifier, ctx, w - 1));
}

// ---------------------------------------------------------------- flags and conditions

export interface Flags {
  n: BV;
  z: BV;
  c: BV;
  v: BV;
}

/** AddWithCarry(x, y, carry): the w-bit sum and its NZCV, bit-exact as the Arm ARM defines them. */
export function addWithCarry(x: BV, y: BV, carry: BV): { result: BV; flags: Flags } {
  const w = x.w;
  const wide = add(add(zext(w + 1, x), zext(w + 1, y)), zext(w + 1, carry));
  const result = trunc(w, wide);
  const sx = extract(w - 1, w - 1, x);
  const sy = extract(w - 1, w - 1, y);
  const sr = extract(w - 1, w - 1, result);
  // Signed overflow: both operands have the same sign and the result's differs.
  const v = and(not(xor(sx, sy)), xor(sr, sx));
  return {
    result,
    flags: { n: sr, z: isZero(result), c: extract(w, w, wide), v },
  };
}


export function isZero(x: BV): BV {
  return eq(x, c(x.w, 0));
}

export function setFlags(ctx: Ctx, f: Flags): void {
  ctx.set('n', f.n);
  ctx.set('z', f.z);
  ctx.set('c', f.c);
  ctx.set('v', f.v);
}

/** Flags of a logical result (ands, tst, bics): N and Z from the result, C and V cleared. */
export function logicalFlags(result: BV): Flags {
  return { n: extract(result.w - 1, result.w - 1, result), z: isZero(result), c: c(1, 0), v: c(1, 0) };
}

/** Flags from a 4-bit `#nzcv` immediate (ccmp, fccmp). */
export function flagsFromNzcv(nzcv: number): Flags {
  return { n: c(1, (nzcv >> 3) & 1), z: c(1, (nzcv >> 2) & 1), c: c(1, (nzcv >> 1) & 1), v: c(1, nzcv & 1) };
}

export function currentFlags(ctx: Ctx): Flags {
  return { n: ctx.get('n'), z: ctx.get('z'), c: ctx.get('c'), v: ctx.get('v') };
}

export function selectFlags(cond: BV, t: Flags, e: Flags): Flags {
  return { n: ite(cond, t.n, e.n), z: ite(cond, t.z, e.z), c: ite(cond, t.c, e.c), v: ite(cond, t.v, e.v) };
}

export const CONDITIONS = ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

/** ConditionHolds: `al` and `nv` both always hold. */
export function conditionHolds(cond: string, f: Flags): BV {
  switch (cond) {
    case 'eq': return f.z;
    case 'ne': return not(f.z);
    case 'cs': case 'hs': return f.c;
    case 'cc': case 'lo': return not(f.c);
    case 'mi': return f.n;
    case 'pl': return not(f.n);
    case 'vs': return f.v;
    case 'vc': return not(f.v);
    case 'hi': return and(f.c, not(f.z));
    case 'ls': return not(and(f.c, not(f.z)));
    case 'ge': return eq(f.n, f.v);
    case 'lt': return not(eq(f.n, f.v));
    case 'gt': return and(not(f.z), eq(f.n, f.v));
    case 'le': return not(and(not(f.z), eq(f.n, f.v)));
    case 'al': case 'nv': return c(1, 1);
  }
  throw new Error(`not a condition: ${cond}`);
}

/** The condition-code operand at k (`eq`, `hs`, ...), lower case. */
export function conditionName(ins: Ins, k: number, ctx: Ctx): string {
  const op = operand(ins, k, ctx);
  const name = op.kind === 'expr' && op.expr.kind === 'sym' ? op.expr.name.toLowerCase() : undefined;
  if (name === undefined || !CONDITIONS.includes(name)) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a condition code`);
  return name;
}

export function condition(ins: Ins, k: number, ctx: Ctx): BV {
  return conditionHolds(conditionName(ins, k, ctx), currentFlags(ctx));
}
