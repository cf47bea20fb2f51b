// The parsed form of an assembly file: a flat list of statements per file, in
// source order. Every dialect produces these types; only operands have
// dialect-specific shapes. Printing them back must assemble to the same bytes.
import type { Span } from './source.js';

export type Isa = 'aarch64' | 'riscv64' | 'x86_64';
export const ISAS: readonly Isa[] = ['aarch64', 'riscv64', 'x86_64'];

// ---------------------------------------------------------------- expressions

export type BinaryOp =
  | '*' | '/' | '%' | '<<' | '>>'
  | '|' | '&' | '^' | '!'
  | '+' | '-' | '==' | '!=' | '<>' | '<' | '>' | '<=' | '>='
  | '&&' | '||';

export type UnaryOp = '-' | '~' | '!' | '+';

/**
 * How a relocation operator is spelled: AArch64 `:lo12:sym`, RISC-V
 * `%pcrel_hi(sym)`, and the ELF suffix `sym@PLT` (x86-64, RISC-V `call f@plt`).
 */
export type RelocStyle = 'colon' | 'percent' | 'at';

export type Expr =
  | { kind: 'num'; value: bigint }
  /** A floating literal, kept as written (`1.0e+0`); only AArch64 `fmov` uses them. */
  | { kind: 'float'; text: string }
  /** A symbol or label name; numeric local references keep their suffix (`1b`, `2f`). */
  | { kind: 'sym'; name: string }
  /** The location counter `.`. */
  | { kind: 'dot' }
  | { kind: 'unary'; op: UnaryOp; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'reloc'; style: RelocStyle; op: string; arg: Expr };

// ---------------------------------------------------------------- operands

/** A shift or extend modifier: AArch64 `lsl #3`, `sxtw`, `msl #8`. */
export interface ShiftOperand {
  kind: 'shift';
  op: string;
  amount?: Expr;
}

/** AArch64 vector register with arrangement and/or lane: `v0.4s`, `v1.s[2]`, `v3.16b`. */
export interface VectorRegOperand {
  kind: 'vreg';
  name: string;
  arrangement?: string;
  index?: number;
}

export type Operand =
  /**
   * A register, lower case, without dialect prefix (x86 `%rax` is `rax`, `%st(1)` is `st(1)`).
   * `decorations` (x86 AVX-512 only, here and on `x86mem`): the braced suffixes in
   * order, without braces: opmask `k1` for `{%k1}`, zeroing `z`, broadcast `1to8`.
   */
  | { kind: 'reg'; name: string; decorations?: string[] }
  /**
   * An immediate; `prefix` is `#` (AArch64), `$` (x86) or empty when written bare.
   * `=` is the AArch64 literal-pool operand of `ldr x0, =value`: the register gets the value.
   */
  | { kind: 'imm'; expr: Expr; prefix: '' | '#' | '$' | '=' }
  /** A bare expression: a branch target, a symbol, a condition code or keyword such as `eq`, `ish`, `rtz`. */
  | { kind: 'expr'; expr: Expr }
  | ShiftOperand
  | VectorRegOperand
  /** AArch64 register list `{v0.16b, v1.16b}` or range `{v0.4s - v3.4s}`, optionally with a lane `{v0.s}[1]`. */
  | { kind: 'vlist'; regs: VectorRegOperand[]; range: boolean; index?: number }
  /** AArch64 memory `[base{, offset{, extend}}]{!}`; post-index offsets are a following operand. */
  | { kind: 'a64mem'; base: string; offset?: Operand; extend?: ShiftOperand; writeback: boolean }
  /** RISC-V memory `offset(base)`, the offset possibly a relocation such as `%lo(sym)`. */
  | { kind: 'rvmem'; offset?: Expr; base: string }
  /** x86-64 AT&T memory `seg:disp(base,index,scale)`; any part may be absent. */
  | { kind: 'x86mem'; segment?: string; disp?: Expr; base?: string; index?: string; scale?: number; parens: boolean; decorations?: string[] }
  /** x86-64 indirect branch target `*%rax`, `*8(%rax)`, `*.L4(,%rax,8)`. */
  | { kind: 'indirect'; target: Operand };

// ---------------------------------------------------------------- statements

export type DirectiveArg =
  | { kind: 'expr'; expr: Expr }
  /** A string literal, decoded to bytes (escapes resolved). */
  | { kind: 'string'; bytes: Uint8Array }
  /** A type tag such as `@function`, `%progbits`. */
  | { kind: 'tag'; prefix: '@' | '%'; name: string }
  /** An omitted argument, as in `.p2align 4,,10`. */
  | { kind: 'empty' }
  /** Text kept verbatim where the argument is not an expression (`.arch armv8-a`, section names). */
  | { kind: 'raw'; text: string };

export interface LabelStatement {
  kind: 'label';
  name: string;
  span: Span;
}

export interface DirectiveStatement {
  kind: 'directive';
  /** Lower case, with its dot: `.section`. */
  name: string;
  args: DirectiveArg[];
  span: Span;
}

export interface InstructionStatement {
  kind: 'instruction';
  /** Lower case mnemonic as written (`b.eq`, `fcvt.w.d`, `movq`). */
  mnemonic: string;
  /** x86 prefixes written before the mnemonic (`rep`, `lock`, `notrack`). */
  prefixes: string[];
  operands: Operand[];
  span: Span;
}

export type Statement = LabelStatement | DirectiveStatement | InstructionStatement;

export interface AsmFile {
  isa: Isa;
  fileName: string;
  statements: Statement[];
}
