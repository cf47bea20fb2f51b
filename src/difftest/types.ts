// Differential testing of instruction semantics against qemu-user.
//
// HOW TO PLUG IN AN ISA (README)
// ==============================
// A target is one module `src/difftest/<isa>.ts` exporting `target: DiffTarget`
// (see targets.ts, which loads it by ISA name). The harness (harness.ts) does
// everything else: it generates instances of every form, compiles them with
// `<triple>-gcc -static` into one program per batch together with a generic C
// driver (driver.ts), runs it under qemu with a timeout, runs the same
// instructions through the semantics (symbolic execution once per instance,
// then the interpreter on every input state) and compares every compared
// state component, every byte of the scratch buffer, and the control flow.
//
// Memory map inside the guest (fixed addresses, HarnessLayout):
// - scratch buffer at `scratchAddr` (`scratchSize` bytes): the driver copies
//   each case's initial scratch bytes there before the case and dumps it
//   afterwards. Memory operands of generated instructions must point into it
//   (the interpreter refuses any other address).
// - output page at `outAddr`: the case stores its final state record there
//   (state record layout is the target's). `ctxAddr` (same page, after the
//   record) is free for the target's prelude to save the driver's
//   callee-saved registers: it is reachable without a pc- or gp-relative
//   relocation, which matters because every register holds a random value
//   while a case runs.
//
// What the target provides:
// - `stateBytes`, `encode`, `decode`: the state record the driver passes in
//   and gets back. `encode` turns IR component values (names from
//   src/ir/state.ts) into the input record; `decode` turns an output record
//   back into component values plus `taken` (see control flow below).
// - `prelude(layout)`: assembly placed once per program. It must define
//     void dt_run(void (*case_fn)(void), const uint8_t *in, uint8_t *out);
//   which saves the driver's context (at ctxAddr), loads whatever state the
//   case does not load itself from `in`, and transfers to case_fn; the case
//   ends by storing the full output state at `out` (== outAddr) and
//   restoring the driver's context, returning from dt_run.
// - `emitCase(name, instance, layout)`: the assembly of one case function
//   labelled `name`. It loads the full input state from the record, executes
//   exactly the instance's instruction text, stores the full output state.
//   The harness has already replaced `CASE_` by `${name}_` in the text and
//   in `taken`; the labels the instance refers to (`CASE_t` in the form,
//   `${name}_t` here) must be defined by the emitted code, as ordinary
//   (non-`.L`) symbols so the harness can read their addresses with nm.
// - `forms()`: the instruction forms (mnemonic + operand shape) with a
//   generator of random instances, each with a generator of input states.
// - `components`: the state components the record carries and compares.
// - `semantics`, and optionally: `callEffect` for forms that call;
//   `linkSymbols` (absolute symbols defined with --defsym at link time, e.g.
//   inside the scratch buffer, so the assembler emits real relocations for
//   them); `uf` (values of uninterpreted functions the semantics produce for
//   pc-dependent results, computed from the case's label addresses);
//   `gccFlags`.
//
// Cases per form: `casesPerForm` = instances x states per instance
// (statesPerInstance(): 1 below 200 cases, up to 8). Instances whose
// semantics end in a trap run one case per program run and must end it
// with a signal (no state is compared). A run is deterministic for a seed:
// every form draws from its own stream, Rng(`${seed}:${form.name}`).
//
// Control flow: an instance whose instruction may transfer control names in
// `taken` the label (e.g. `CASE_t`) its taken path reaches; the emitted code
// must record in the output record whether that label was reached (decode
// reports it as `taken`). The harness compares `taken` with the semantics'
// exit (branch condition; jump, return and call always taken) and checks that
// the semantics' target resolves to that label's address. A call's return
// address is modelled by `callEffect`, typically writing the address of a
// label placed right after the call instruction into the link register.
//
// Values: input state values are bigints, or `{ label, addend }` for
// addresses of this case's labels (resolved after linking, from nm).
// Symbol references in instruction text evaluate through variables `&name`
// resolved from the program's symbol table, so instances may name symbols
// the program defines (e.g. `linkSymbols` inside the scratch buffer).
//
// Results: one FormResult per form (pass / fail / skipped, cases,
// mismatches with examples: instruction text, the read inputs, qemu's and
// the semantics' values). Forms whose evaluation needs concrete FP that
// throws FpNotImplemented are `skipped`, never passing. report.ts writes
// them to docs/difftest.md (one marked section per ISA) and
// scripts/difftest.mjs is the command line. The RISC-V target (riscv64.ts,
// riscv64-gen.ts for templates like `addi rd, rs1, imm12`, riscv64-forms*.ts)
// is a complete example.
import type { Isa } from '../asm/ast.js';
import type { InstructionSemantics } from '../ir/semantics.js';
import type { CallEffect } from '../ir/symexec.js';
import type { Rng } from './random.js';

/** Fixed guest addresses the harness and targets agree on. */
export interface HarnessLayout {
  scratchAddr: bigint;
  scratchSize: number;
  /** Where the case stores its output state record. */
  outAddr: bigint;
  /** Free memory (at least 1 KiB) for the prelude's saved driver context. */
  ctxAddr: bigint;
}

/** The address of one of the case's own labels (`CASE_t`), plus an addend. */
export interface LabelValue {
  label: string;
  addend?: bigint;
}

export type InputValue = bigint | LabelValue;

export interface InputState {
  /** A value for every component in `DiffTarget.components`. */
  values: Map<string, InputValue>;
  /** Initial scratch contents, `layout.scratchSize` bytes. */
  scratch: Uint8Array;
}

export interface Instance {
  /** The instruction(s) under test, one per line; `CASE_x` names the case's own label `x`. */
  text: string;
  /** The label the taken path reaches, when the instruction can transfer control. */
  taken?: string;
  /** Target-specific emission data (e.g. which register holds the output pointer). */
  data?: unknown;
  /** A fresh random input state for this instance. */
  state(rng: Rng): InputState;
}

export interface Form {
  /** Unique within the target: mnemonic and operand shape, e.g. `addi rd, rs1, imm12`. */
  name: string;
  /** Instruction group, for reports. */
  group: string;
  /** Components not compared for this form, and why (e.g. exception flags are not modelled). */
  ignore?: { components: readonly string[]; reason: string };
  instance(rng: Rng, layout: HarnessLayout): Instance;
}

export interface DecodedState {
  values: Map<string, bigint>;
  /** Whether the case's taken label was reached. */
  taken: boolean;
}

export interface DiffTarget {
  isa: Isa;
  semantics: (mnemonic: string) => InstructionSemantics | undefined;
  /** State components (src/ir/state.ts names) carried by the record and compared by default. */
  components: readonly string[];
  /** Byte size of a state record (input and output). */
  stateBytes: number;
  encode(values: ReadonlyMap<string, bigint>): Uint8Array;
  decode(record: Uint8Array): DecodedState;
  forms(): Form[];
  prelude(layout: HarnessLayout): string;
  emitCase(name: string, instance: Instance, layout: HarnessLayout): string;
  /** What a call does in a difftest (sets the link register); `label` maps `CASE_x` to its resolved symbol name. */
  callEffect?(label: (suffix: string) => string): CallEffect;
  /**
   * Values of uninterpreted functions the semantics produce for things the
   * IR cannot express but the case can observe (RISC-V: the pc-relative
   * value an auipc leaves in a scratch register). `label` gives the address
   * of one of this case's labels. Undefined means no value (a mismatch).
   */
  uf?(name: string, args: readonly bigint[], label: (suffix: string) => bigint | undefined): bigint | undefined;
  /** Extra gcc flags (e.g. -march). */
  gccFlags?: readonly string[];
  /**
   * Absolute symbols defined at link time (`--defsym`), e.g. addresses inside
   * the scratch buffer. Defining them outside the assembly file keeps the
   * assembler from folding them into constants, so instructions naming them
   * assemble exactly as they would against an ordinary external symbol.
   */
  linkSymbols?(layout: HarnessLayout): ReadonlyMap<string, bigint>;
}

/** One disagreement, with everything needed to reproduce it. */
export interface Mismatch {
  form: string;
  text: string;
  /** Input values of the components the instruction reads, and other relevant inputs. */
  input: Record<string, string>;
  /** Each differing observation: what qemu produced and what the semantics say. */
  diffs: { what: string; qemu: string; interp: string }[];
}

export interface FormResult {
  form: string;
  group: string;
  /** Cases compared (0 when skipped). */
  cases: number;
  mismatches: number;
  /** The first few mismatches, for the report. */
  examples: Mismatch[];
  status: 'pass' | 'fail' | 'skipped';
  /** Why skipped, or a harness-level error. */
  note?: string;
  /** Components excluded from comparison for this form, with the reason. */
  ignored?: string;
}
