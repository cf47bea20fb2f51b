// Operand helpers shared by the integer, memory and branch rules: general
// registers with their width, immediates, shifted and extended register
// operands, and the zero-extension every 32-bit result needs (an AArch64
// `w` write clears bits 63:32; the mapped RISC-V register must hold the
// exact 64-bit value).
import type { Expr, InstructionStatement, Operand } from '../../asm/ast.js';
import { evalConst } from '../../asm/expr.js';
import { gprOf } from '../../isa/aarch64/semantics/operands.js';
import type { BlockLowerer } from '../context.js';
import { fitsImm12 } from '../context.js';

export interface GprRef {
  name: string;
  width: 32 | 64;
  zero: boolean;
  sp: boolean;
}

export function gprAt(ins: InstructionStatement, k: number, ctx: BlockLowerer): GprRef {
  const op = ins.operands[k];
  const g = op?.kind === 'reg' ? gprOf(op.name) : undefined;
  if (!op || op.kind !== 'reg' || !g) ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' is not a general register`);
  return { name: op.name, width: g.w, zero: g.root === 'zr', sp: g.root === 'sp' };
}

export function isGpr(op: Operand | undefined): boolean {
  return op?.kind === 'reg' && gprOf(op.name) !== undefined;
}

/** Constant value of an immediate operand (`#5`, `5`, `-3`), or undefined. */
export function immOf(op: Operand | undefined): bigint | undefined {
  if (!op) return undefined;
  if (op.kind === 'imm' && op.prefix !== '=') return evalConst(op.expr);
  if (op.kind === 'expr') return evalConst(op.expr);
  return undefined;
}

export function immAt(ins: InstructionStatement, k: number, ctx: BlockLowerer): bigint {
  const v = immOf(ins.operands[k]);
  if (v === undefined) ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a constant`);
  return v;
}

/** The shift amount of a `lsl #n` style modifier (0 when absent). */
export function shiftAmount(op: Operand | undefined, ctx: BlockLowerer): number {
  if (!op || op.kind !== 'shift' || !op.amount) return 0;
  const v = evalConst(op.amount);
  if (v === undefined) ctx.refuse('shift amount must be a constant');
  return Number(v);
}

export function mask(width: number): bigint {
  return (1n << BigInt(width)) - 1n;
}

/** Clears bits 63:32 of `reg` in place (the effect of an AArch64 `w` write). */
export function zext32(ctx: BlockLowerer, dst: string, src = dst): void {
  ctx.emit(`slli ${dst}, ${src}, 32`);
  ctx.emit(`srli ${dst}, ${dst}, 32`);
}

/** Finishes a result written to a `w` register: zero-extends it. */
export function finishWidth(ctx: BlockLowerer, reg: string, width: 32 | 64): void {
  if (width === 32 && reg !== 'zero') zext32(ctx, reg);
}

/** Adds a constant to `src` into `dst` (any 64-bit constant). */
export function addConst(ctx: BlockLowerer, dst: string, src: string, value: bigint): void {
  const v = BigInt.asIntN(64, value);
  if (fitsImm12(v)) {
    if (v === 0n) {
      if (dst !== src) ctx.emit(`mv ${dst}, ${src}`);
    } else ctx.emit(`addi ${dst}, ${src}, ${v}`);
    return;
  }
  const t = ctx.scratch();
  ctx.li(t, v);
  ctx.emit(`add ${dst}, ${src}, ${t}`);
  ctx.releaseInt(t);
}

/**
 * Extends the low `bits` of `src` into a scratch, signed or not, then shifts it left
 * by `amount`: AArch64 extended-register operands (`w2, sxtw #2`, `w3, uxtb`).
 */
export function extendInto(ctx: BlockLowerer, src: string, signed: boolean, bits: number, amount: number): string {
  // A scratch source is a single-use copy (a reloaded spill): extend it in place.
  const t = ctx.isScratch(src) ? src : ctx.scratch();
  if (bits >= 64) {
    if (amount === 0) {
      if (t !== src) ctx.releaseInt(t);
      return src;
    }
    ctx.emit(`slli ${t}, ${src}, ${amount}`);
    return t;
  }
  if (signed && bits === 32) {
    ctx.emit(`sext.w ${t}, ${src}`);
    if (amount) ctx.emit(`slli ${t}, ${t}, ${amount}`);
    return t;
  }
  if (!signed && bits === 8) {
    ctx.emit(`andi ${t}, ${src}, 255`);
    if (amount) ctx.emit(`slli ${t}, ${t}, ${amount}`);
    return t;
  }
  ctx.emit(`slli ${t}, ${src}, ${64 - bits}`);
  const right = 64 - bits - amount;
  if (right > 0) ctx.emit(`${signed ? 'srai' : 'srli'} ${t}, ${t}, ${right}`);
  return t;
}

const EXTENDS: Record<string, [signed: boolean, bits: number]> = {
  uxtb: [false, 8], uxth: [false, 16], uxtw: [false, 32], uxtx: [false, 64],
  sxtb: [true, 8], sxth: [true, 16], sxtw: [true, 32], sxtx: [true, 64],
};

export function extendKind(op: string): [signed: boolean, bits: number] | undefined {
  return EXTENDS[op];
}

/**
 * The second source operand of a data-processing instruction as a register
 * holding its (shifted or extended) 64-bit value, or an immediate. `width`
 * is the operation width.
 */
export function operand2(
  ins: InstructionStatement,
  k: number,
  width: 32 | 64,
  ctx: BlockLowerer,
  opts: { imm12Shift?: boolean } = {},
): { reg: string } | { imm: bigint } {
  const op = ins.operands[k];
  const imm = immOf(op);
  if (imm !== undefined) {
    let v = imm;
    const sh = ins.operands[k + 1];
    if (opts.imm12Shift && sh?.kind === 'shift' && sh.op === 'lsl') v <<= BigInt(shiftAmount(sh, ctx));
    return { imm: v };
  }
  if (op?.kind === 'imm' || (op?.kind === 'expr' && op.expr.kind === 'reloc')) {
    ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' is a relocation this rule does not lower`);
  }
  const g = gprAt(ins, k, ctx);
  const r = ctx.readGpr(g.name);
  const sh = ins.operands[k + 1];
  if (!sh || sh.kind !== 'shift') return { reg: r };
  const amount = shiftAmount(sh, ctx);
  const ext = extendKind(sh.op);
  if (ext) return { reg: extendInto(ctx, r, ext[0], Math.min(ext[1], g.width === 32 ? 32 : 64), amount) };
  if (amount === 0 && sh.op !== 'ror') return { reg: r };
  const t = ctx.scratch();
  switch (sh.op) {
    case 'lsl':
      ctx.emit(`slli ${t}, ${r}, ${amount}`);
      return { reg: t };
    case 'lsr':
      if (width === 64) ctx.emit(`srli ${t}, ${r}, ${amount}`);
      else {
        ctx.emit(`slli ${t}, ${r}, 32`);
        ctx.emit(`srli ${t}, ${t}, ${32 + amount}`);
      }
      return { reg: t };
    case 'asr':
      if (width === 64) ctx.emit(`srai ${t}, ${r}, ${amount}`);
      else {
        ctx.emit(`slli ${t}, ${r}, 32`);
        ctx.emit(`srai ${t}, ${t}, ${32 + amount}`);
      }
      return { reg: t };
    case 'ror': {
      const u = ctx.scratch();
      if (width === 64) {
        ctx.emit(`srli ${t}, ${r}, ${amount}`);
        ctx.emit(`slli ${u}, ${r}, ${(64 - amount) % 64}`);
      } else {
        zext32(ctx, u, r);
        ctx.emit(`srli ${t}, ${u}, ${amount}`);
        ctx.emit(`slli ${u}, ${u}, ${(32 - amount) % 32}`);
      }
      if (amount === 0) ctx.emit(`mv ${t}, ${r}`);
      else ctx.emit(`or ${t}, ${t}, ${u}`);
      ctx.releaseInt(u);
      return { reg: t };
    }
  }
  ctx.refuse(`shift '${sh.op}' is not lowered for '${ins.mnemonic}'`);
}

/** A register holding operand2 (immediates loaded into a scratch). */
export function operand2Reg(ins: InstructionStatement, k: number, width: 32 | 64, ctx: BlockLowerer): string {
  const o = operand2(ins, k, width, ctx, { imm12Shift: true });
  if ('reg' in o) return o.reg;
  return ctx.constReg(width === 32 ? o.imm & mask(32) : o.imm);
}

export function symbolOf(e: Expr): string | undefined {
  if (e.kind === 'sym') return e.name;
  if (e.kind === 'reloc') return symbolOf(e.arg);
  return undefined;
}
