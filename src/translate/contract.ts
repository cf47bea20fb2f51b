// The contract between the translator (guess/ + translate/ + emit/) and the
// block verifier (verify/block*.ts). The translator says, for every source
// block, which target instructions implement it and where each piece of the
// source state lives on the target at every cut point; the verifier proves
// (or tests, or refutes) that the target instructions keep those promises.
// Nothing here is trusted: the verifier checks every claim it relies on,
// including that the mappings of adjacent blocks agree along each CFG edge.
import type { InstructionStatement, Isa } from '../asm/ast.js';
import type { AsmProgram } from '../program/model.js';

/** A bit range [hi:lo] of a state component, inclusive, as in SMT-LIB extract. */
export interface BitRange {
  hi: number;
  lo: number;
}

/**
 * Where (part of) a source component lives on the target.
 * - `reg`: a target state component by canonical name (`x10` for a0, `f8`).
 * - `mem`: bytes of a translator-private memory area (a spill slot), at
 *   `symbol + offset`, little endian. Private areas are not program memory:
 *   the verifier excludes them when it compares memory.
 * - `const`: the source bits always equal this value at this point (e.g. the
 *   upper 32 bits of an AArch64 `s` register after a scalar single op are 0,
 *   while the RISC-V register holding it is NaN-boxed with ones).
 */
export type TargetPlace =
  | { kind: 'reg'; name: string; bits?: BitRange }
  /**
   * `bits` (optional, added by the translator): only this bit range of the
   * little-endian value of the bytes holds the source bits (the packed NZCV
   * slot keeps n, z, c, v in bits 3, 2, 1, 0 of one byte).
   */
  | { kind: 'mem'; symbol: string; offset: number; bytes: number; bits?: BitRange }
  | { kind: 'const'; value: bigint };

/** One fact of a state mapping: source bits == target place. */
export interface MappedBits {
  /** Source component by canonical name (`x3`, `sp`, `n`, `v2`). */
  src: string;
  /** Default: the whole component. */
  bits?: BitRange;
  to: TargetPlace;
}

/**
 * A state mapping at one program point. Source components (or bit ranges)
 * not listed are dead there: the verifier neither assumes nor compares them.
 * Memory is always identical outside the translator's private areas (same
 * addresses for every symbol and the same stack pointer, since sp maps to sp).
 * `targetOnly` states facts about target state that hold at this point with
 * no source counterpart (e.g. a NaN-box: bits 63:32 of f8 are all ones).
 */
export interface StateMapping {
  facts: MappedBits[];
  targetOnly?: { place: TargetPlace; value: bigint }[];
}

/** How a source block leaves, and the mapping promised on that exit. */
export interface ExitPromise {
  /** Label of the successor block (same name on both sides), the callee of a direct tail call, or undefined for return / trap. */
  label?: string;
  kind: 'fallthrough' | 'jump' | 'taken' | 'not-taken' | 'jump-table' | 'return' | 'tail-call' | 'trap';
  mapping: StateMapping;
  /**
   * A tail call through a register (`br x16` → `jr t0`), no label: the
   * target must jump to the same address, and the callee is a translated
   * function entered with the local 1:1 convention, so the mapping must
   * hold the arguments, sp, the return address and the callee-saved
   * registers where a function entry expects them (checked by liftFunction).
   */
  indirect?: boolean;
}

/** A call inside a block: the mapping that holds just before it, and just after it returns. */
export interface CallPromise {
  callee: string;
  /** Whether the callee is translated in the same output (1:1 register map) or external (target ABI). */
  external: boolean;
  before: StateMapping;
  after: StateMapping;
  /**
   * For a call to an external variadic function (printf): its whole argument
   * list in call order, named arguments first (`fixed` of them). `src` is the
   * source register that carries the argument (`x1`, `v0`) or `stack` when
   * the source convention passes it on the stack; `class` is its register
   * class. With this, the verifier derives the target ABI's placement of
   * every argument itself and accepts only `before` claims that match it
   * (a variadic double travels from v0 to an integer register on RISC-V).
   */
  variadic?: { fixed: number; args: { src: string; class: 'int' | 'fp' }[] };
  /**
   * The source calls `callee` (an external C library function), the target
   * calls `wrapper` instead: transpile's variadic runtime (src/runtime/va.c),
   * which converts an AArch64 `va_list` or argument list for the RISC-V C
   * library at run time. The target call uses the local 1:1 convention, so
   * `before` must map every register the wrapper reads (abi/libc.ts
   * runtimeWrapperFor) to its 1:1 place (x3 -> x13, v2[63:0] -> f12[63:0])
   * and sp to sp; after the call the usual external-call model applies.
   */
  runtime?: { wrapper: string };
}

/** One translated source block with the translator's claims about it. */
export interface BlockTranslation {
  /** Source block id within its function (AsmFunction.blocks index). */
  blockId: number;
  /** The labels that start the block, kept on the target. */
  labels: string[];
  source: InstructionStatement[];
  /** Target instructions (may end with a conditional branch and a `j`; may contain translator-local labels). */
  target: InstructionStatement[];
  /** Target-local labels inside `target` (e.g. for a lowered `csel` with a branch), as label statements' positions. */
  localLabels?: { name: string; before: number }[];
  entry: StateMapping;
  calls: CallPromise[];
  exits: ExitPromise[];
  /**
   * How many target instructions implement each source instruction, in order,
   * when the lowering went instruction by instruction (sum = target.length).
   * The verifier may use these boundaries as cut points inside long blocks.
   */
  sourceSteps?: number[];
  /** The rules that produced the target, for the report (`add-imm`, `cmp+b.cond`). */
  rules: string[];
}

export type BlockStatus =
  | { status: 'proven' }
  | { status: 'tested'; runs: number; why: string }
  | { status: 'refuted'; counterexample: string }
  | { status: 'refused'; reason: string };

export interface BlockVerifyRequest {
  srcIsa: Isa;
  tgtIsa: Isa;
  block: BlockTranslation;
  /** Translator-private memory areas (spill slots) and their sizes: excluded from memory comparison. */
  privateAreas: { symbol: string; bytes: number }[];
  runs: number;
  seed: number;
  timeoutMs: number;
  /** Skip Z3: test only. */
  noProof?: boolean;
  /**
   * The source program the block comes from. With it, a call to one of its
   * functions keeps the caller-saved registers that function can never
   * write (gcc's -fipa-ra relies on that); the verifier derives the set from
   * the program's code itself (verify/block-callee-writes.ts). Without it
   * every call clobbers every caller-saved register.
   */
  sourceProgram?: AsmProgram;
}
