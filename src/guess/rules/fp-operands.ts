// Reading AArch64 FP operands for the lowering rules: scalar s/d registers,
// general registers, FP immediates and condition codes. The spelling rules
// are the ISA semantics' own (src/isa/aarch64/semantics/operands.ts); an
// adapter turns their "unsupported" into the rule's refusal.
import type { InstructionStatement, Operand } from '../../asm/ast.js';
import type { SemContext } from '../../ir/semantics.js';
import { fpImmediate } from '../../isa/aarch64/semantics/fpscalar.js';
import { fprOf, gprOf } from '../../isa/aarch64/semantics/operands.js';
import type { FpView, LowerContext } from './types.js';

export interface FpOperand {
  /** The register as written (`d3`, `s0`). */
  name: string;
  view: FpView;
}

export interface GprOperand {
  name: string;
  w: 32 | 64;
  /** xzr/wzr. */
  zero: boolean;
}

function describe(op: Operand | undefined): string {
  return op === undefined ? 'nothing' : op.kind === 'reg' ? op.name : op.kind;
}

/** Operand k as a single or double precision register, or undefined when it is something else. */
export function fpOperandOf(ins: InstructionStatement, k: number): FpOperand | undefined {
  const op = ins.operands[k];
  if (op?.kind !== 'reg') return undefined;
  const f = fprOf(op.name);
  if (!f || (f.w !== 32 && f.w !== 64)) return undefined;
  return { name: op.name, view: f.w === 32 ? 's' : 'd' };
}

export function fpOperand(ins: InstructionStatement, k: number, ctx: LowerContext): FpOperand {
  const f = fpOperandOf(ins, k);
  if (!f) ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' is ${describe(ins.operands[k])}; only s and d registers are lowered`);
  return f;
}

export function gprOperandOf(ins: InstructionStatement, k: number): GprOperand | undefined {
  const op = ins.operands[k];
  if (op?.kind !== 'reg') return undefined;
  const g = gprOf(op.name);
  if (!g || g.root === 'sp') return undefined;
  return { name: op.name, w: g.w as 32 | 64, zero: g.root === 'zr' };
}

/** Operands 0..count-1 as FP registers of one view. */
export function sameViewOperands(ins: InstructionStatement, count: number, ctx: LowerContext): FpOperand[] {
  if (ins.operands.length !== count) ctx.refuse(`'${ins.mnemonic}' takes ${count} operands here`);
  const ops = Array.from({ length: count }, (_, k) => fpOperand(ins, k, ctx));
  if (ops.some((o) => o.view !== ops[0]!.view)) ctx.refuse(`'${ins.mnemonic}' mixes precisions`);
  return ops;
}

/** A SemContext whose only live part is `unsupported`, so the semantics' operand readers refuse through the rule. */
function refusingSemContext(ctx: LowerContext): SemContext {
  const never = (): never => {
    throw new Error('an operand reader used the machine state');
  };
  return {
    isa: 'aarch64', get: never, set: never, load: never, store: never, value: never, target: never, jump: never,
    branch: never, call: never, ret: never, trap: never, unsupported: (m) => ctx.refuse(m),
  };
}

/** The bit pattern of the FP immediate operand k (the encodable values and #0.0). */
export function fpImmediateBits(ins: InstructionStatement, k: number, view: FpView, ctx: LowerContext): bigint {
  return fpImmediate(ins, k, refusingSemContext(ctx), view === 'd' ? 64 : 32);
}

export function isImmediate(op: Operand | undefined): boolean {
  return op?.kind === 'imm' || (op?.kind === 'expr' && (op.expr.kind === 'num' || op.expr.kind === 'float' || op.expr.kind === 'unary'));
}

const CONDITIONS = ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

export function conditionOperand(ins: InstructionStatement, k: number, ctx: LowerContext): string {
  const op = ins.operands[k];
  const name = op?.kind === 'expr' && op.expr.kind === 'sym' ? op.expr.name.toLowerCase() : undefined;
  if (!name || !CONDITIONS.includes(name)) ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a condition code`);
  return name;
}

/** A small unsigned immediate operand (nzcv, fraction bits), or a refusal. */
export function smallImmediate(ins: InstructionStatement, k: number, max: number, ctx: LowerContext): number {
  const op = ins.operands[k];
  const e = op?.kind === 'imm' || op?.kind === 'expr' ? op.expr : undefined;
  if (!e || e.kind !== 'num' || e.value < 0n || e.value > BigInt(max)) ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be in 0..${max}`);
  return Number(e.value);
}
