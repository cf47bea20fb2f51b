// RV64I loads and stores of every width, and the assembler's symbol forms
// (`lw rd, sym`, `sw rs, sym, rt`, `fld fd, sym, rt`), which gcc emits for
// constants and globals.
import type { InstructionSemantics, SemContext } from '../../../ir/semantics.js';
import type { BV } from '../../../ir/expr.js';
import { c, sext, trunc, zext } from './bv.js';
import { address, imm, operand, readX, regName, writeX, xName, type Ins } from './operands.js';

/** What the access instruction is: the symbol forms differ for each. */
export type AccessKind = 'load' | 'fp-load' | 'store';

/**
 * The value `auipc rt, %pcrel_hi(sym)` leaves in rt: pc + the sign-extended
 * upper part of (sym - pc), so that adding %pcrel_lo(sym) gives sym. It
 * depends on the instruction's own address, which the IR does not have, so
 * it is an uninterpreted value: nothing can be proven about it (in
 * particular no translation can match it, so a block whose result depends
 * on it is never proven), and it is the same only for the same instruction
 * (identified by its position in its file). With linker relaxation the
 * auipc may also disappear, leaving rt unchanged: "unknown" covers that too.
 * Arguments: the symbol's address and the instruction's source offset.
 */
export function pcrelHi(i: Ins, sym: BV): BV {
  return { op: 'uf', w: 64, name: PCREL_HI, args: [sym, c(64, BigInt(i.span.offset))] };
}

export const PCREL_HI = 'riscv64.auipc_pcrel_hi';

/**
 * The address a load or store names, and what the access does besides:
 * - `off(base)`: base + off.
 * - `lw rd, sym` (integer loads): the assembler expands it to auipc + load
 *   through rd itself, so nothing else changes; with rd = zero the
 *   expansion loads from a small absolute address instead, so it is refused.
 * - `sw rs, sym, rt` and `fld fd, sym, rt`: the scratch register rt is left
 *   holding the auipc value (pcrelHi). rt must not be zero, nor the stored
 *   register (the auipc would overwrite the value before the store).
 */
export function memoryAccess(i: Ins, k: number, ctx: SemContext, kind: AccessKind): { addr: BV; finish: () => void } {
  const op = operand(i, k, ctx);
  const n = i.operands.length;
  if (op.kind === 'rvmem') {
    if (n > k + 1) ctx.unsupported(`'${i.mnemonic}' takes a single memory operand`);
    return { addr: address(i, k, ctx), finish: () => {} };
  }
  const addr = imm(i, k, ctx);
  if (kind === 'load') {
    if (n > k + 1) ctx.unsupported(`'${i.mnemonic}' with a symbol takes no scratch register`);
    if (xName(i, 0, ctx) === 'x0') ctx.unsupported(`'${i.mnemonic} zero, symbol' expands to a load through x0, not from the symbol`);
    return { addr, finish: () => {} };
  }
  if (n !== k + 2) ctx.unsupported(`'${i.mnemonic}' with a symbol address needs a scratch register`);
  const rt = xName(i, k + 1, ctx);
  if (rt === 'x0') ctx.unsupported(`'${i.mnemonic}' with scratch register zero does not address the symbol`);
  if (kind === 'store' && regName(i, 0, ctx) === rt) ctx.unsupported(`'${i.mnemonic}': the scratch register is the stored register`);
  return { addr, finish: () => ctx.set(rt, pcrelHi(i, addr)) };
}

const loadOp = (bytes: number, signed: boolean): InstructionSemantics => (i, ctx) => {
  const { addr, finish } = memoryAccess(i, 1, ctx, 'load');
  const value = ctx.load(addr, bytes);
  writeX(i, 0, ctx, bytes === 8 ? value : signed ? sext(64, value) : zext(64, value));
  finish();
};

const storeOp = (bytes: number): InstructionSemantics => (i, ctx) => {
  const value = trunc(bytes * 8, readX(i, 0, ctx));
  const { addr, finish } = memoryAccess(i, 1, ctx, 'store');
  ctx.store(addr, value);
  finish();
};

export const MEMORY_SEMANTICS: Record<string, InstructionSemantics> = {
  lb: loadOp(1, true),
  lh: loadOp(2, true),
  lw: loadOp(4, true),
  ld: loadOp(8, true),
  lbu: loadOp(1, false),
  lhu: loadOp(2, false),
  lwu: loadOp(4, false),
  sb: storeOp(1),
  sh: storeOp(2),
  sw: storeOp(4),
  sd: storeOp(8),
};
