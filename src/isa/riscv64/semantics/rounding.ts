// Rounding modes of F/D instructions: a static mode written in the
// instruction, or `dyn` (also the assembler's default for inexact
// operations), which reads the frm component.
import type { BV, RoundingMode } from '../../../ir/expr.js';
import type { SemContext } from '../../../ir/semantics.js';
import { c, eq, ite, ule } from './bv.js';
import { roundingOperand, type Ins } from './operands.js';

/** frm encodings 0..4; 5 and 6 are reserved and 7 (dyn) is invalid inside frm. */
const FRM_MODES: readonly RoundingMode[] = ['rne', 'rtz', 'rdn', 'rup', 'rmm'];

/**
 * The value of an instruction under the frm it would execute with when frm
 * holds an invalid value (5, 6, 7): the hardware raises an illegal-instruction
 * exception. The IR has no conditional trap, so that case is an
 * uninterpreted value: nothing can be proven about it (a verifier sees the
 * states with an invalid frm as a difference, never as an equality it could
 * wrongly rely on), and the interpreter refuses to evaluate it (Evaluator has
 * no value for the function). Callers that know frm is valid add frm <= 4 as
 * a precondition.
 */
function invalidFrm(i: Ins, w: number, frm: BV, inputs: readonly BV[]): BV {
  return { op: 'uf', w, name: `riscv64.invalid_frm.${i.mnemonic}`, args: [frm, ...inputs] };
}

export interface RoundingOptions {
  /**
   * The operation is exact (widening conversions): the rounding mode does
   * not change the result, and the assembler encodes rne, not dyn, when the
   * operand is omitted (binutils 2.40: fcvt.d.s, fcvt.d.w, fcvt.d.wu).
   */
  exact?: boolean;
}

/**
 * Builds `f(rm)` for the rounding-mode operand at index k. With dyn, an ite
 * over the five valid frm values selects the result computed in that mode.
 */
export function rounded(
  i: Ins,
  k: number,
  ctx: SemContext,
  w: number,
  inputs: readonly BV[],
  f: (rm: RoundingMode) => BV,
  options: RoundingOptions = {},
): BV {
  const written = roundingOperand(i, k, ctx);
  const mode = written ?? (options.exact ? 'rne' : 'dyn');
  if (mode !== 'dyn') return f(mode);
  const frm = ctx.get('frm');
  if (options.exact) return ite(ule(frm, c(3, 4)), f('rne'), invalidFrm(i, w, frm, inputs));
  let result = invalidFrm(i, w, frm, inputs);
  for (let m = FRM_MODES.length - 1; m >= 0; m--) result = ite(eq(frm, c(3, m)), f(FRM_MODES[m]!), result);
  return result;
}
