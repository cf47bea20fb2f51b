// The contract between an instruction's semantics and whoever runs it.
// Semantics are written once, per ISA, as functions of the parsed
// instruction and a context; the symbolic executor (symexec.ts) runs them to
// build expressions, which the interpreter evaluates and the Z3 layer
// encodes. Nothing else describes what an instruction does.
import type { Expr, InstructionStatement, Isa } from '../asm/ast.js';
import type { BV } from './expr.js';

/** Where control goes: a label or symbol written in the instruction, or a computed address. */
export type ControlTarget = { kind: 'symbol'; name: string } | { kind: 'address'; value: BV };

export interface SemContext {
  readonly isa: Isa;
  /** Reads a state component by canonical name (`x3`, `sp`, `n`, `v2`, `f10`, `fflags`). */
  get(name: string): BV;
  /** Writes a state component; the value's width must match. */
  set(name: string, value: BV): void;
  /** Little-endian load of `bytes` bytes. */
  load(addr: BV, bytes: number): BV;
  /** Little-endian store of value.w / 8 bytes. */
  store(addr: BV, value: BV): void;
  /** The 64-bit value of an assembler expression: numbers, symbol addresses, relocation operators. */
  value(expr: Expr): BV;
  /** The symbol or label an operand names as a branch or call target. */
  target(expr: Expr): ControlTarget;
  /** Unconditional transfer; ends the block. */
  jump(target: ControlTarget): void;
  /** Conditional transfer; when `cond` (1 bit) is false, execution continues. */
  branch(cond: BV, target: ControlTarget): void;
  /** A call: the context applies the calling convention's effects. */
  call(target: ControlTarget): void;
  /** Return to the caller (through the link register's value, which the context checks). */
  ret(via: BV): void;
  /** The instruction cannot trap-free continue (udf, ebreak): ends the block. */
  trap(reason: string): void;
  /** Reports an operand form the semantics does not cover: never guess. */
  unsupported(message: string): never;
}

export type InstructionSemantics = (ins: InstructionStatement, ctx: SemContext) => void;

export class UnsupportedInstruction extends Error {
  constructor(
    readonly ins: InstructionStatement,
    message: string,
  ) {
    super(message);
  }
}
