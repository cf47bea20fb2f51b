// Integer arithmetic and logic: add/sub (immediate, shifted and extended
// register), the flag-setting forms and their aliases (cmp, cmn, tst, neg,
// negs, ngc), add/subtract with carry, logical operations, moves, shifts,
// multiply and divide.
import {
  add, and, ashr, c, concat, eq, extract, ite, lshr, mul, not, or, rotr, sdiv, sext, shl, sub, trunc, udiv, xor, zext,
} from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import {
  addWithCarry, gpr, immConst, immValue, isImmOperand, logicalFlags, readGpr, secondSource, setFlags, shiftAmount,
  shiftOperand, writeGpr, type Ctx, type Gpr, type Ins,
} from './operands.js';

const ZR64: Gpr = { root: 'zr', w: 64 };
const ZR32: Gpr = { root: 'zr', w: 32 };
const zr = (w: 32 | 64): Gpr => (w === 64 ? ZR64 : ZR32);

/**
 * `adrp x0, sym` followed by `add x0, x0, :lo12:sym` computes
 * (A & ~0xfff) + (A & 0xfff), which is A for every A. Folding it keeps the
 * symbolic address small; the identity is exact, so nothing is assumed.
 */
export function addAddress(a: BV, b: BV): BV {
  if (a.op === 'and' && b.op === 'and' && a.w === 64) {
    const [x, kx] = [a.a, a.b];
    const [y, ky] = [b.a, b.b];
    if (
      x.op === 'var' && y.op === 'var' && x.name === y.name &&
      kx.op === 'const' && ky.op === 'const' && (kx.value ^ ky.value) === (1n << 64n) - 1n
    ) return x;
  }
  return add(a, b);
}

function sourceN(ins: Ins, k: number, ctx: Ctx, w: 32 | 64): BV {
  const g = gpr(ins, k, ctx);
  if (g.w !== w) ctx.unsupported(`'${ins.mnemonic}' mixes register widths`);
  return readGpr(ctx, g);
}

/** add/sub/adds/subs with destination d (zr for cmp/cmn), first source n, second source at index k. */
function addSub(ins: Ins, ctx: Ctx, d: Gpr, n: BV, k: number, subtract: boolean, flags: boolean): void {
  const m = secondSource(ins, k, ctx, d.w, false);
  if (!flags) {
    writeGpr(ctx, d, subtract ? sub(n, m) : d.w === 64 ? addAddress(n, m) : add(n, m));
    return;
  }
  const r = subtract ? addWithCarry(n, not(m), c(1, 1)) : addWithCarry(n, m, c(1, 0));
  setFlags(ctx, r.flags);
  writeGpr(ctx, d, r.result);
}

function arith(subtract: boolean, flags: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    addSub(i, ctx, d, sourceN(i, 1, ctx, d.w), 2, subtract, flags);
  };
}

function compare(subtract: boolean): InstructionSemantics {
  return (i, ctx) => {
    const n = gpr(i, 0, ctx);
    addSub(i, ctx, zr(n.w), readGpr(ctx, n), 1, subtract, true);
  };
}

/** neg/negs d, m{, shift} = sub/subs d, zr, m. */
function negate(flags: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    addSub(i, ctx, d, c(d.w, 0), 1, true, flags);
  };
}

/** adc/adcs/sbc/sbcs (and ngc/ngcs with n = zr): AddWithCarry(n, m or NOT m, C). */
function withCarry(subtract: boolean, flags: boolean, negated: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const n = negated ? c(d.w, 0) : sourceN(i, 1, ctx, d.w);
    const m = sourceN(i, negated ? 1 : 2, ctx, d.w);
    if (i.operands.length !== (negated ? 2 : 3)) ctx.unsupported(`'${i.mnemonic}' takes plain registers`);
    const r = addWithCarry(n, subtract ? not(m) : m, ctx.get('c'));
    if (flags) setFlags(ctx, r.flags);
    writeGpr(ctx, d, r.result);
  };
}

type LogicOp = (a: BV, b: BV) => BV;
const LOGIC: Record<string, LogicOp> = {
  and: and, orr: or, eor: xor,
  bic: (a, b) => and(a, not(b)), orn: (a, b) => or(a, not(b)), eon: (a, b) => xor(a, not(b)),
};

function logical(op: LogicOp, flags: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const r = op(sourceN(i, 1, ctx, d.w), secondSource(i, 2, ctx, d.w, true));
    if (flags) setFlags(ctx, logicalFlags(r));
    writeGpr(ctx, d, r);
  };
}

/** mov: register (including to and from sp) or immediate (movz, movn or orr-immediate: the value is what was written). */
const mov: InstructionSemantics = (i, ctx) => {
  const d = gpr(i, 0, ctx);
  if (i.operands.length !== 2) ctx.unsupported(`'mov' takes two operands`);
  if (isImmOperand(i.operands[1])) {
    writeGpr(ctx, d, trunc(d.w, immValue(i, 1, ctx)));
    return;
  }
  writeGpr(ctx, d, sourceN(i, 1, ctx, d.w));
};

/** movz/movn/movk d, #imm16{, lsl #s}. */
function moveWide(kind: 'z' | 'n' | 'k'): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const imm = immConst(i, 1, ctx);
    if (imm < 0n || imm > 0xffffn) ctx.unsupported(`'${i.mnemonic}' immediate must be 16 bits`);
    const s = shiftOperand(i, 2);
    const pos = s ? shiftAmount(i, s, ctx, d.w - 16) : 0;
    if ((s && s.op !== 'lsl') || pos % 16 !== 0) ctx.unsupported(`'${i.mnemonic}' shift must be lsl #0, 16, 32 or 48 within the register`);
    const field = shl(c(d.w, imm), c(d.w, pos));
    if (kind === 'z') writeGpr(ctx, d, field);
    else if (kind === 'n') writeGpr(ctx, d, not(field));
    else {
      const keep = c(d.w, ~(0xffffn << BigInt(pos)));
      writeGpr(ctx, d, or(and(readGpr(ctx, d), keep), field));
    }
  };
}

/** lsl/lsr/asr/ror by an immediate, or by a register modulo the data size (lslv, ...). */
function shiftOp(kind: 'lsl' | 'lsr' | 'asr' | 'ror'): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const n = sourceN(i, 1, ctx, d.w);
    let amount: BV;
    if (isImmOperand(i.operands[2])) {
      const k = immConst(i, 2, ctx);
      if (k < 0n || k >= BigInt(d.w)) ctx.unsupported(`'${i.mnemonic}' shift amount must be in 0..${d.w - 1}`);
      amount = c(d.w, k);
    } else {
      // The register amount is taken modulo the data size.
      amount = and(sourceN(i, 2, ctx, d.w), c(d.w, d.w - 1));
    }
    const r = kind === 'lsl' ? shl(n, amount) : kind === 'lsr' ? lshr(n, amount) : kind === 'asr' ? ashr(n, amount) : rotr(n, amount);
    writeGpr(ctx, d, r);
  };
}

// ---------------------------------------------------------------- multiply and divide

/** madd/msub (and mul/mneg with a = zr). */
function multiplyAdd(subtract: boolean, hasAddend: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const p = mul(sourceN(i, 1, ctx, d.w), sourceN(i, 2, ctx, d.w));
    const a = hasAddend ? sourceN(i, 3, ctx, d.w) : c(d.w, 0);
    writeGpr(ctx, d, subtract ? sub(a, p) : add(a, p));
  };
}

/** smull/umull/smaddl/umaddl/smsubl/umsubl/smnegl/umnegl: X = Xa +- W * W widened. */
function multiplyLong(signed: boolean, subtract: boolean, hasAddend: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    if (d.w !== 64) ctx.unsupported(`'${i.mnemonic}' writes an X register`);
    const ext = signed ? (x: BV) => sext(64, x) : (x: BV) => zext(64, x);
    const p = mul(ext(sourceN(i, 1, ctx, 32)), ext(sourceN(i, 2, ctx, 32)));
    const a = hasAddend ? sourceN(i, 3, ctx, 64) : c(64, 0);
    writeGpr(ctx, d, subtract ? sub(a, p) : add(a, p));
  };
}

/** smulh/umulh: the high 64 bits of the 128-bit product. */
function multiplyHigh(signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    if (d.w !== 64) ctx.unsupported(`'${i.mnemonic}' works on X registers`);
    const ext = signed ? (x: BV) => sext(128, x) : (x: BV) => zext(128, x);
    writeGpr(ctx, d, extract(127, 64, mul(ext(sourceN(i, 1, ctx, 64)), ext(sourceN(i, 2, ctx, 64)))));
  };
}

/**
 * sdiv/udiv: Arm defines x / 0 = 0 (no trap) and, for sdiv, INT_MIN / -1 =
 * INT_MIN (the true quotient wrapped). Both are written out with ite rather
 * than left to the IR operator's SMT-LIB conventions (which give all ones for
 * x udiv 0), so the meaning does not depend on them.
 */
function divide(signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const n = sourceN(i, 1, ctx, d.w);
    const m = sourceN(i, 2, ctx, d.w);
    const zero = c(d.w, 0);
    let q: BV;
    if (signed) {
      const min = c(d.w, 1n << BigInt(d.w - 1));
      const overflow = and(eq(n, min), eq(m, c(d.w, -1)));
      q = ite(eq(m, zero), zero, ite(overflow, min, sdiv(n, m)));
    } else {
      q = ite(eq(m, zero), zero, udiv(n, m));
    }
    writeGpr(ctx, d, q);
  };
}

// ---------------------------------------------------------------- table

export const ARITH_SEMANTICS: Record<string, InstructionSemantics> = {
  add: arith(false, false),
  adds: arith(false, true),
  sub: arith(true, false),
  subs: arith(true, true),
  cmp: compare(true),
  cmn: compare(false),
  neg: negate(false),
  negs: negate(true),
  adc: withCarry(false, false, false),
  adcs: withCarry(false, true, false),
  sbc: withCarry(true, false, false),
  sbcs: withCarry(true, true, false),
  ngc: withCarry(true, false, true),
  ngcs: withCarry(true, true, true),
  and: logical(LOGIC['and']!, false),
  ands: logical(LOGIC['and']!, true),
  orr: logical(LOGIC['orr']!, false),
  eor: logical(LOGIC['eor']!, false),
  bic: logical(LOGIC['bic']!, false),
  bics: logical(LOGIC['bic']!, true),
  orn: logical(LOGIC['orn']!, false),
  eon: logical(LOGIC['eon']!, false),
  tst: (i, ctx) => {
    const n = gpr(i, 0, ctx);
    setFlags(ctx, logicalFlags(and(readGpr(ctx, n), secondSource(i, 1, ctx, n.w, true))));
  },
  mvn: (i, ctx) => {
    const d = gpr(i, 0, ctx);
    writeGpr(ctx, d, not(secondSource(i, 1, ctx, d.w, true)));
  },
  mov,
  movz: moveWide('z'),
  movn: moveWide('n'),
  movk: moveWide('k'),
  lsl: shiftOp('lsl'),
  lsr: shiftOp('lsr'),
  asr: shiftOp('asr'),
  ror: shiftOp('ror'),
  lslv: shiftOp('lsl'),
  lsrv: shiftOp('lsr'),
  asrv: shiftOp('asr'),
  rorv: shiftOp('ror'),
  mul: multiplyAdd(false, false),
  mneg: multiplyAdd(true, false),
  madd: multiplyAdd(false, true),
  msub: multiplyAdd(true, true),
  smull: multiplyLong(true, false, false),
  umull: multiplyLong(false, false, false),
  smnegl: multiplyLong(true, true, false),
  umnegl: multiplyLong(false, true, false),
  smaddl: multiplyLong(true, false, true),
  umaddl: multiplyLong(false, false, true),
  smsubl: multiplyLong(true, true, true),
  umsubl: multiplyLong(false, true, true),
  smulh: multiplyHigh(true),
  umulh: multiplyHigh(false),
  sdiv: divide(true),
  udiv: divide(false),
};

/** Exposed for the bit-field group: x with bits hi..lo replaced by `field`. */
export function insertBits(x: BV, hi: number, lo: number, field: BV): BV {
  const parts: BV[] = [];
  if (hi < x.w - 1) parts.push(extract(x.w - 1, hi + 1, x));
  parts.push(field);
  if (lo > 0) parts.push(extract(lo - 1, 0, x));
  return parts.reduce((acc, p) => concat(acc, p));
}

