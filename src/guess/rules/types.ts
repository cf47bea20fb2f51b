// What a lowering rule sees and produces. A rule turns one source
// instruction (sometimes a fused pair such as `cmp` + `b.cond`) into target
// assembly text, through a LowerContext that knows the register map, the
// spill slots, the scratch registers and the lazily kept flags.
// Owned by the translator core; FP/NEON rules (fp*.ts, neon*.ts) use it.
import type { InstructionStatement } from '../../asm/ast.js';

/** Width of a scalar FP view of an AArch64 v register: `s` single, `d` double (h is not supported). */
export type FpView = 's' | 'd';

/**
 * How the NZCV flags were last defined, kept lazily so that a consumer
 * (`b.cond`, `csel`, `cset`, `ccmp`) can compute just the condition it needs.
 * `a`/`b` name target registers that still hold the operands at the consumer
 * (the context copies them to flag registers when they would be overwritten).
 */
export type FlagsDef =
  | { kind: 'sub'; a: string; b: string; width: 32 | 64 } // cmp, subs, negs
  | { kind: 'add'; a: string; b: string; width: 32 | 64 } // cmn, adds
  | { kind: 'logic'; result: string; width: 32 | 64 } // tst, ands, bics: C=V=0
  | { kind: 'fcmp'; a: string; b: string; view: FpView } // fcmp/fcmpe: target FP registers
  | { kind: 'packed'; reg: string }; // NZCV materialised in bits 3..0 of a target GPR

export interface LowerContext {
  /** Target GPR holding source register `x3`/`w3`/`sp`/`xzr` for reading (`zero` for xzr/wzr); emits a reload for spilled registers. */
  readGpr(src: string): string;
  /** Target GPR to write source register `src` into; call commit() after the writing instruction (stores spilled registers back). */
  writeGpr(src: string): { reg: string; commit(): void };
  /** Target FP register holding the scalar view of `v3`/`d3`/`s3`; emits a reload for slot-held vector registers. */
  readFpr(src: string, view: FpView): string;
  writeFpr(src: string, view: FpView): { reg: string; commit(): void };
  /** Address (symbol, byte offset) of the 16-byte private slot holding a whole 128-bit v register, for NEON lowering. */
  vectorSlot(src: string): { symbol: string; offset: number };
  /** A free integer scratch register for the current instruction (never a mapped register). */
  scratch(): string;
  /** A free FP scratch register for the current instruction. */
  fscratch(): string;
  /** Append one target instruction, in target GNU syntax (`add a0, a1, a2`). */
  emit(line: string): void;
  /** A fresh translator-local label name (for the few lowerings that need an internal branch). */
  freshLabel(hint: string): string;
  /** Define the flags (the source instruction sets NZCV). */
  setFlags(def: FlagsDef): void;
  /** Current flags definition; undefined when unknown (then the rule must refuse). */
  flags(): FlagsDef | undefined;
  /** Whether the flags written by the current instruction are read later (in this block or a successor). */
  flagsLive(): boolean;
  /** Name the rule applied, for the report. */
  rule(name: string): void;
  /** Refuse: the instruction or operand form is not supported. The whole function is then refused and reported. */
  refuse(reason: string): never;
}

/** A lowering rule for one mnemonic (or a family); returns false when the form is not its own. */
export type LowerRule = (ins: InstructionStatement, ctx: LowerContext) => boolean | void;
