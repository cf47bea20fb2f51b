// AArch64 instruction semantics, by mnemonic. Several mnemonics name both a
// general-register and a SIMD&FP instruction (`add x0, ...` / `add v0.4s,
// ...`, `fadd d0, ...` / `fadd v0.2d, ...`, `mov`, `orr`, `rev64`): the
// operands decide, exactly as they decide the encoding.
import type { Operand } from '../../../asm/ast.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { ARITH_SEMANTICS } from './arith.js';
import { BITS_SEMANTICS } from './bits.js';
import { CONTROL_SEMANTICS } from './control.js';
import { FP_SCALAR_SEMANTICS } from './fpscalar.js';
import { MEM_SEMANTICS } from './mem.js';
import { isFprOperand } from './operands.js';
import { VFP_SEMANTICS } from './vfp.js';
import { VINT_SEMANTICS } from './vint.js';
import { VMEM_SEMANTICS } from './vmem.js';
import { VWIDE_SEMANTICS, immediateForm, vectorMov } from './vwide.js';

const GENERAL: Record<string, InstructionSemantics> = {
  ...ARITH_SEMANTICS, ...BITS_SEMANTICS, ...MEM_SEMANTICS, ...CONTROL_SEMANTICS,
};
const VECTOR: Record<string, InstructionSemantics> = {
  ...VINT_SEMANTICS, ...VWIDE_SEMANTICS, ...VMEM_SEMANTICS, ...VFP_SEMANTICS,
};
const FP = FP_SCALAR_SEMANTICS;

const isVector = (op: Operand) => op.kind === 'vreg' || op.kind === 'vlist';

function dispatch(mnemonic: string): InstructionSemantics | undefined {
  const general = GENERAL[mnemonic];
  const vector = mnemonic === 'mov' ? vectorMov : VECTOR[mnemonic];
  const fp = FP[mnemonic];
  if (mnemonic === 'fmov') return fp;
  if (!vector) return general ?? fp;
  return (ins, ctx) => {
    const anyVector = ins.operands.some(isVector);
    const scalarSimd = isFprOperand(ins.operands[0]);
    if (mnemonic === 'mov') return (anyVector || scalarSimd ? vectorMov : general!)(ins, ctx);
    if ((mnemonic === 'orr' || mnemonic === 'bic') && anyVector && immediateForm(ins)) {
      return VECTOR[`${mnemonic}#`]!(ins, ctx);
    }
    if (anyVector) return vector(ins, ctx);
    if (fp) return fp(ins, ctx);
    if (scalarSimd || !general) return vector(ins, ctx);
    return general(ins, ctx);
  };
}

const CACHE = new Map<string, InstructionSemantics | undefined>();

/** The semantics of an AArch64 mnemonic (as written, lower case), or undefined when there is none. */
export function aarch64Semantics(mnemonic: string): InstructionSemantics | undefined {
  if (mnemonic.endsWith('#')) return undefined;
  if (!CACHE.has(mnemonic)) CACHE.set(mnemonic, dispatch(mnemonic));
  return CACHE.get(mnemonic);
}

/** Every mnemonic with semantics (some refuse particular operand forms with a reason). */
export function aarch64SemanticsMnemonics(): string[] {
  return [...new Set([...Object.keys(GENERAL), ...Object.keys(VECTOR), ...Object.keys(FP)])].filter((m) => !m.endsWith('#')).sort();
}
