// The program model: what an assembly file contains once its statements are
// grouped into sections, symbols, functions, basic blocks and CFG edges.
import type { AsmFile, DirectiveStatement, InstructionStatement, LabelStatement } from '../asm/ast.js';
import type { Span } from '../asm/source.js';
import type { FlowKind } from '../isa/types.js';
import type { LabelTable } from './labels.js';

export interface Section {
  name: string;
  /** Flags string of `.section name,"flags"` (`ax`, `aMS`), when given. */
  flags?: string;
  /** Section type (`progbits`, `nobits`, `note`), when given. */
  type?: string;
  executable: boolean;
  /** Indices into AsmFile.statements of every statement placed in this section, in order. */
  statements: number[];
}

export type SymbolBinding = 'local' | 'global' | 'weak';

export interface SymbolInfo {
  name: string;
  binding: SymbolBinding;
  /** From `.type`: `function`, `object`, `tls_object`, `notype`, `gnu_indirect_function`. */
  type?: string;
  /** Section holding the defining label; undefined for external and common symbols. */
  section?: string;
  /** Index of the defining label statement. */
  definedAt?: number;
  /** `.comm`/`.lcomm` symbols: size and alignment. */
  common?: { size: bigint; align?: bigint };
  hidden?: boolean;
}

/** Where an edge leads: a block of the same function, or out of it. */
export type EdgeTarget = { block: number } | { external: string };

export type EdgeKind =
  | 'fallthrough' // next block in layout, no branch
  | 'jump' // unconditional direct jump
  | 'taken' // conditional branch taken
  | 'not-taken' // conditional branch falls through
  | 'jump-table' // one entry of a recognised jump table
  | 'tail-call'; // direct jump to another function

export interface Edge {
  kind: EdgeKind;
  to: EdgeTarget;
}

/** How a block ends, beyond its edges. */
export type BlockExit =
  | { kind: 'edges' }
  | { kind: 'return' }
  | { kind: 'trap' }
  /** Falls off the end of the function's code: a bug in the input or a missing `.size`. */
  | { kind: 'falls-off-end' }
  /** An indirect jump recognised as a jump table. */
  | { kind: 'jump-table'; table: number }
  /** An indirect jump whose targets are not known: never guessed. */
  | { kind: 'unknown-indirect'; reason: string };

export interface BasicBlock {
  id: number;
  /** Labels that start the block (a block may have several, or none after a branch). */
  labels: string[];
  /** Indices into AsmFile.statements of the block's instructions, in order. */
  instructions: number[];
  /** The flow kind of the last instruction. */
  terminator: FlowKind;
  successors: Edge[];
  predecessors: number[];
  exit: BlockExit;
}

export interface JumpTable {
  id: number;
  /** The block ending in the indirect jump. */
  dispatchBlock: number;
  /** Label of the table data. */
  label: string;
  section: string;
  /** Size in bytes of one entry (`.byte` 1, `.2byte`/`.hword` 2, `.word`/`.long` 4, `.quad`/`.dword` 8). */
  entrySize: number;
  /** How entries encode targets: absolute addresses, or differences from a base label (scaled for AArch64). */
  encoding: { kind: 'absolute' } | { kind: 'relative'; base: string; scale: number };
  /** Target block of each entry, in table order. */
  targets: number[];
  /** Indices of the data statements of the table. */
  dataStatements: number[];
}

export interface AsmFunction {
  name: string;
  section: string;
  binding: SymbolBinding;
  /** Index of the function's label statement. */
  labelAt: number;
  /** Index just past the function (its `.size` directive, or the next function). */
  endAt: number;
  /** True when `.size name, .-name` closed it; false when the end was inferred. */
  sized: boolean;
  blocks: BasicBlock[];
  jumpTables: JumpTable[];
  /** Functions and external symbols called directly. */
  callees: string[];
  span: Span;
}

export interface AsmProgram {
  file: AsmFile;
  sections: Map<string, Section>;
  /** Section of each statement, by statement index. */
  sectionOf: string[];
  symbols: Map<string, SymbolInfo>;
  functions: AsmFunction[];
  /** Unique label names: numeric local labels get a resolved name (`1` becomes `1@3` for its third definition). */
  labelIndex: Map<string, number>;
  /** Label definitions and the resolution of references such as `1b`. */
  labels: LabelTable;
}

export type { DirectiveStatement, InstructionStatement, LabelStatement };
