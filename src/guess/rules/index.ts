// The rule registry: one lowering rule per AArch64 mnemonic. Integer, memory
// and control-flow rules are the translator core's; the FP and NEON rules
// come from fp.ts and neon.ts (which only export rules; this file wires them).
import type { InstructionStatement } from '../../asm/ast.js';
import { fprOf } from '../../isa/aarch64/semantics/operands.js';
import type { BlockLowerer } from '../context.js';
import { fpRules } from './fp.js';
import { FLOW_RULES } from './flow.js';
import { INT_RULES, type IntRule } from './int.js';
import { MEM_RULES } from './mem.js';
import { neonRules } from './neon.js';
import type { LowerRule } from './types.js';

const CORE_RULES: Record<string, IntRule> = { ...INT_RULES, ...MEM_RULES, ...FLOW_RULES };

/** Loads and stores of s/d/q registers stay with the core rules (they own all memory access). */
function ruleFor(mnemonic: string): ((ins: InstructionStatement, ctx: BlockLowerer) => boolean | void) | undefined {
  const own = CORE_RULES[mnemonic];
  if (MEM_RULES[mnemonic]) return own;
  const fp: LowerRule | undefined = fpRules[mnemonic] ?? neonRules[mnemonic];
  if (own && fp) {
    // Both claim the mnemonic (mov, ldr-like forms): FP or vector operands decide.
    return (ins, ctx) => (hasFpOperand(ins) ? fp(ins, ctx) : own(ins, ctx));
  }
  return own ?? fp;
}

function hasFpOperand(ins: InstructionStatement): boolean {
  return ins.operands.some((op) => op.kind === 'vreg' || op.kind === 'vlist' || (op.kind === 'reg' && fprOf(op.name) !== undefined));
}

export function lowerInstruction(ins: InstructionStatement, ctx: BlockLowerer): void {
  const rule = ruleFor(ins.mnemonic);
  if (!rule) ctx.refuse(`no lowering rule for '${ins.mnemonic}'`);
  if (rule(ins, ctx) === false) ctx.refuse(`'${ins.mnemonic}' in this operand form is not lowered`);
}

export function hasRule(mnemonic: string): boolean {
  return ruleFor(mnemonic) !== undefined;
}
