// Operand access for RISC-V semantics: registers by canonical name (x0 reads
// as zero and ignores writes), immediates with the assembler's range checks,
// memory addresses, branch targets, rounding-mode operands, and the NaN-boxed
// view of single-precision values in the 64-bit f registers.
import type { Expr, InstructionStatement, Operand } from '../../../asm/ast.js';
import { add, c, concat, eq, extract, ite, toSignedConst } from './bv.js';
import type { BV } from '../../../ir/expr.js';
import type { ControlTarget, SemContext } from '../../../ir/semantics.js';
import { RISCV_REGISTER_NUMBERS } from '../registers.js';

export type Ins = InstructionStatement;

export function operand(ins: Ins, k: number, ctx: SemContext): Operand {
  const op = ins.operands[k];
  if (!op) ctx.unsupported(`'${ins.mnemonic}' is missing operand ${k + 1}`);
  return op;
}

/** Register number 0..63 (FP registers are 32 + n) of a register operand, or undefined. */
export function regNumber(op: Operand | undefined): number | undefined {
  return op?.kind === 'reg' ? RISCV_REGISTER_NUMBERS.get(op.name) : undefined;
}

/** Canonical name (`x10`, `f3`) of a register operand. */
export function regName(ins: Ins, k: number, ctx: SemContext): string {
  const n = regNumber(operand(ins, k, ctx));
  if (n === undefined) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a register`);
  return n < 32 ? `x${n}` : `f${n - 32}`;
}

/** Canonical name of an integer register operand (`x0`..`x31`). */
export function xName(ins: Ins, k: number, ctx: SemContext): string {
  const name = regName(ins, k, ctx);
  if (!name.startsWith('x')) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be an integer register`);
  return name;
}

export function readXName(name: string, ctx: SemContext): BV {
  return name === 'x0' ? c(64, 0) : ctx.get(name);
}

export function readX(ins: Ins, k: number, ctx: SemContext): BV {
  return readXName(xName(ins, k, ctx), ctx);
}

export function writeX(ins: Ins, k: number, ctx: SemContext, value: BV): void {
  const name = xName(ins, k, ctx);
  if (name !== 'x0') ctx.set(name, value);
}

// ------------------------------------------------------------- FP registers

export function fName(ins: Ins, k: number, ctx: SemContext): string {
  const name = regName(ins, k, ctx);
  if (!name.startsWith('f')) ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a floating-point register`);
  return name;
}

/** The raw 64 bits of an f register (double precision, or moves that ignore boxing). */
export function readF64(ins: Ins, k: number, ctx: SemContext): BV {
  return ctx.get(fName(ins, k, ctx));
}

export function writeF64(ins: Ins, k: number, ctx: SemContext, value: BV): void {
  ctx.set(fName(ins, k, ctx), value);
}

/** binary32 canonical quiet NaN. */
export const CANONICAL_NAN32 = 0x7fc00000n;

/**
 * A single-precision operand: valid only when NaN-boxed (upper 32 bits all
 * ones); any other pattern reads as the canonical NaN (unprivileged spec,
 * "NaN Boxing of Narrower Values").
 */
export function unbox32(f: BV): BV {
  return ite(eq(extract(63, 32, f), c(32, 0xffffffffn)), extract(31, 0, f), c(32, CANONICAL_NAN32));
}

/** A single-precision result written to an f register: NaN-boxed. */
export function box32(value: BV): BV {
  return concat(c(32, 0xffffffffn), value);
}

export function readF32(ins: Ins, k: number, ctx: SemContext): BV {
  return unbox32(readF64(ins, k, ctx));
}

export function writeF32(ins: Ins, k: number, ctx: SemContext, value: BV): void {
  writeF64(ins, k, ctx, box32(value));
}

/** Reads an FP operand of format width fw (32: NaN-unboxed, 64: raw). */
export function readF(fw: 32 | 64, ins: Ins, k: number, ctx: SemContext): BV {
  return fw === 32 ? readF32(ins, k, ctx) : readF64(ins, k, ctx);
}

/** Writes an FP result of format width fw (32: NaN-boxed). */
export function writeF(fw: 32 | 64, ins: Ins, k: number, ctx: SemContext, value: BV): void {
  if (fw === 32) writeF32(ins, k, ctx, value);
  else writeF64(ins, k, ctx, value);
}

// --------------------------------------------------------------- immediates

/** The assembler expression of an immediate operand. */
export function immExpr(ins: Ins, k: number, ctx: SemContext): Expr {
  const op = operand(ins, k, ctx);
  if (op.kind !== 'imm' && op.kind !== 'expr') ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be an immediate`);
  return op.expr;
}

/** An immediate or relocation operand as a 64-bit value, with no range check (li, la). */
export function imm(ins: Ins, k: number, ctx: SemContext): BV {
  return ctx.value(immExpr(ins, k, ctx));
}

/**
 * A signed `bits`-bit immediate. Constants outside the range are refused as
 * the assembler refuses them (a semantics for a line that cannot be
 * assembled would prove things about nothing); relocations such as `%lo(x)`
 * already denote a value in range.
 */
export function immSigned(ins: Ins, k: number, ctx: SemContext, bits: number): BV {
  const v = imm(ins, k, ctx);
  const s = toSignedConst(v);
  if (s !== undefined && (s < -(1n << BigInt(bits - 1)) || s >= 1n << BigInt(bits - 1)))
    ctx.unsupported(`immediate ${s} of '${ins.mnemonic}' does not fit ${bits} signed bits`);
  return v;
}

/** An unsigned immediate 0 .. 2^bits - 1 (shift amounts, lui, CSR immediates). */
export function immUnsigned(ins: Ins, k: number, ctx: SemContext, bits: number): BV {
  const v = imm(ins, k, ctx);
  const s = toSignedConst(v);
  if (s !== undefined && (s < 0n || s >= 1n << BigInt(bits)))
    ctx.unsupported(`immediate ${s} of '${ins.mnemonic}' must be in 0..${(1n << BigInt(bits)) - 1n}`);
  return v;
}

// ------------------------------------------------------------------- memory

/** Base register and offset of a memory operand `off(base)`. */
export function memOperand(ins: Ins, k: number, ctx: SemContext): { base: BV; offset: BV } {
  const op = operand(ins, k, ctx);
  if (op.kind !== 'rvmem') ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a memory operand off(reg)`);
  const n = RISCV_REGISTER_NUMBERS.get(op.base);
  if (n === undefined || n >= 32) ctx.unsupported(`'${op.base}' is not an integer base register`);
  const base = readXName(`x${n}`, ctx);
  if (!op.offset) return { base, offset: c(64, 0) };
  const offset = ctx.value(op.offset);
  const s = toSignedConst(offset);
  if (s !== undefined && (s < -2048n || s > 2047n)) ctx.unsupported(`offset ${s} of '${ins.mnemonic}' does not fit 12 signed bits`);
  return { base, offset };
}

/** The address of a memory operand `off(base)`. */
export function address(ins: Ins, k: number, ctx: SemContext): BV {
  const { base, offset } = memOperand(ins, k, ctx);
  return add(base, offset);
}

/** The address of an atomic's `(base)` / `0(base)` operand: the A extension has no offset. */
export function atomicAddress(ins: Ins, k: number, ctx: SemContext): BV {
  const { base, offset } = memOperand(ins, k, ctx);
  if (toSignedConst(offset) !== 0n) ctx.unsupported(`'${ins.mnemonic}' takes no address offset`);
  return base;
}

// ------------------------------------------------------------ control flow

export function isReg(ins: Ins, k: number): boolean {
  return ins.operands[k]?.kind === 'reg';
}

/** A branch, jump or call target written as a label or symbol. */
export function targetOf(ins: Ins, k: number, ctx: SemContext): ControlTarget {
  const op = operand(ins, k, ctx);
  if (op.kind !== 'expr' && op.kind !== 'imm') ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a label`);
  return ctx.target(op.expr);
}

// ------------------------------------------------------------ rounding modes

export type RoundingName = 'rne' | 'rtz' | 'rdn' | 'rup' | 'rmm' | 'dyn';
const ROUNDING_NAMES: readonly RoundingName[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'dyn'];

/** The rounding-mode operand at index k (`rtz`, ..., `dyn`), or undefined when absent. */
export function roundingOperand(ins: Ins, k: number, ctx: SemContext): RoundingName | undefined {
  const op = ins.operands[k];
  if (!op) return undefined;
  if (op.kind === 'expr' && op.expr.kind === 'sym' && (ROUNDING_NAMES as readonly string[]).includes(op.expr.name))
    return op.expr.name as RoundingName;
  return ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a rounding mode (rne, rtz, rdn, rup, rmm, dyn)`);
}
