// NaN fix-ups for lowering AArch64 floating point to RISC-V. Both ISAs
// compute the same IEEE 754 values, but a NaN result differs: RISC-V always
// returns the canonical NaN, AArch64 (FPCR.DN = 0, the Linux default)
// returns the first signalling NaN operand made quiet, else the first quiet
// NaN operand, and only the default NaN (the same bits as RISC-V's
// canonical NaN) for an invalid operation on numbers. The sequences here
// keep the fast path short (one compare and one branch after the RISC-V
// instruction) and rebuild the AArch64 NaN on a slow path behind a fresh
// label. `fclass` bit 8 is a signalling NaN, bit 9 a quiet NaN.
import type { FpView, LowerContext } from './types.js';

export const CLASS_SNAN = 0x100;
export const CLASS_QNAN = 0x200;
/** fclass bits of -inf and +inf, and of -0 and +0. */
export const CLASS_INF = 0x81;
export const CLASS_ZERO = 0x18;

/** `.s` or `.d`, the RISC-V format suffix of a view. */
export const fmt = (view: FpView): string => `.${view}`;
/** The integer-to-FP bit move of a view (fmv.w.x NaN-boxes). */
export const fmvToF = (view: FpView): string => (view === 'd' ? 'fmv.d.x' : 'fmv.w.x');
/** The FP-to-integer bit move of a view (fmv.x.w sign-extends the low 32 bits). */
export const fmvToX = (view: FpView): string => (view === 'd' ? 'fmv.x.d' : 'fmv.x.w');

/** Emits `reg := the quiet bit of the view` (bit 51 of a double, bit 22 of a single). */
export function emitQuietBit(ctx: LowerContext, reg: string, view: FpView): void {
  if (view === 'd') {
    ctx.emit(`li ${reg}, 1`);
    ctx.emit(`slli ${reg}, ${reg}, 51`);
  } else ctx.emit(`lui ${reg}, 0x400`);
}

/** One operand of an operation whose NaN the result may have to copy; `negated` when AArch64 negates it first (fnmadd). */
export interface NanOperand {
  reg: string;
  negated?: boolean;
}

/**
 * Emits `dst := quiet(op)`: the operand's bits (negated if asked, the sign
 * of a NaN included, as Arm's FPNeg does) with the quiet bit set.
 */
export function emitQuietCopy(ctx: LowerContext, dst: string, op: NanOperand, view: FpView, t: [string, string], f: string): void {
  let src = op.reg;
  if (op.negated) {
    ctx.emit(`fsgnjn${fmt(view)} ${f}, ${op.reg}, ${op.reg}`);
    src = f;
  }
  ctx.emit(`${fmvToX(view)} ${t[0]}, ${src}`);
  emitQuietBit(ctx, t[1], view);
  ctx.emit(`or ${t[0]}, ${t[0]}, ${t[1]}`);
  ctx.emit(`${fmvToF(view)} ${dst}, ${t[0]}`);
}

export interface PropagateOptions {
  /** Register holding the RISC-V result: a NaN there is the canonical (= AArch64 default) NaN. */
  result: string;
  /** Operands in AArch64's NaN priority order (FPProcessNaNs: op1, op2[, op3]). */
  operands: NanOperand[];
  view: FpView;
  /**
   * FPMulAdd: operand 0 is the addend; a quiet-NaN addend with
   * operand1 * operand2 = inf * 0 gives the default NaN (kept from RISC-V).
   */
  mulAddInfZero?: boolean;
  /** Two integer scratch registers (the core context has only three per instruction). */
  t: [string, string];
  /** Label that ends the sequence (the caller emits it). */
  done: string;
}

/** Emits `bnez/beqz (class(reg) & bits), label` with one scratch register. */
function branchOnClass(ctx: LowerContext, t: string, reg: string, view: FpView, bits: number, when: 'set' | 'clear', label: string): void {
  ctx.emit(`fclass${fmt(view)} ${t}, ${reg}`);
  ctx.emit(`andi ${t}, ${t}, ${bits}`);
  ctx.emit(`${when === 'set' ? 'bnez' : 'beqz'} ${t}, ${label}`);
}

/**
 * The slow path of NaN propagation: `result` is rewritten to the first
 * signalling NaN operand (quieted), else the first quiet NaN operand, else
 * left as the RISC-V canonical NaN (an invalid operation on numbers).
 * Control reaches `done` on every path; the caller emits the label.
 */
export function emitPropagateSlowPath(ctx: LowerContext, o: PropagateOptions): void {
  const [t] = o.t;
  const f = o.operands.some((op) => op.negated) ? ctx.fscratch() : '';
  const pick = o.operands.map(() => ctx.freshLabel('nan_pick'));
  o.operands.forEach((op, k) => branchOnClass(ctx, t, op.reg, o.view, CLASS_SNAN, 'set', pick[k]!));
  const addendCheck = o.mulAddInfZero ? ctx.freshLabel('nan_addend') : undefined;
  o.operands.forEach((op, k) => branchOnClass(ctx, t, op.reg, o.view, CLASS_QNAN, 'set', k === 0 && addendCheck ? addendCheck : pick[k]!));
  ctx.emit(`j ${o.done}`);
  if (addendCheck) {
    // Quiet NaN addend: inf * 0 (either order) makes the default NaN, which `result` holds.
    const [n, m] = [o.operands[1]!.reg, o.operands[2]!.reg];
    const second = ctx.freshLabel('nan_addend');
    ctx.emit(`${addendCheck}:`);
    branchOnClass(ctx, t, n, o.view, CLASS_INF, 'clear', second);
    branchOnClass(ctx, t, m, o.view, CLASS_ZERO, 'set', o.done);
    ctx.emit(`${second}:`);
    branchOnClass(ctx, t, n, o.view, CLASS_ZERO, 'clear', pick[0]!);
    branchOnClass(ctx, t, m, o.view, CLASS_INF, 'set', o.done);
    ctx.emit(`j ${pick[0]}`);
  }
  o.operands.forEach((op, k) => {
    ctx.emit(`${pick[k]}:`);
    emitQuietCopy(ctx, o.result, op, o.view, o.t, f);
    if (k < o.operands.length - 1) ctx.emit(`j ${o.done}`);
  });
}

/** Emits `t := 1 when neither register holds a NaN`. */
export function emitBothOrdered(ctx: LowerContext, t: string, u: string, a: string, b: string, view: FpView): void {
  ctx.emit(`feq${fmt(view)} ${t}, ${a}, ${a}`);
  ctx.emit(`feq${fmt(view)} ${u}, ${b}, ${b}`);
  ctx.emit(`and ${t}, ${t}, ${u}`);
}
