// Instruction descriptions: one entry per mnemonic, shared by the parser's
// checks, the CFG builder and (later) the semantics. Adding an instruction
// means adding one entry here plus its tests.
import type { Expr, InstructionStatement, Isa } from '../asm/ast.js';

/** How an instruction leaves its block. */
export type FlowKind =
  | 'fallthrough'
  | 'jump' // unconditional direct jump
  | 'branch' // conditional direct branch: target or fall through
  | 'call' // direct call: returns to the next instruction
  | 'indirect-call'
  | 'return'
  | 'indirect-jump' // through a register or memory: jump table, tail call through pointer
  | 'tail-call' // direct jump to another function
  | 'trap'; // never falls through (udf, ebreak used as trap, ud2, hlt)

export interface InstructionSyntax {
  mnemonic: string;
  /** Operand count range accepted. */
  minOperands: number;
  maxOperands: number;
  /** Flow of the instruction when it is not decided by its operands (see IsaDescription.control). */
  flow: FlowKind;
  /** Which operand holds the direct target of a jump, branch or call. */
  targetOperand?: number;
}

export interface ControlInfo {
  kind: FlowKind;
  /** The direct target (a label or symbol expression) for jump, branch, call and tail-call. */
  target?: Expr;
}

export interface IsaDescription {
  isa: Isa;
  registers: ReadonlySet<string>;
  /** Every described mnemonic (the source of docs/isa/<isa>.md). */
  instructions: ReadonlyMap<string, InstructionSyntax>;
  lookup(mnemonic: string): InstructionSyntax | undefined;
  /** The control flow of one instruction, operands considered (`jr ra` returns; `jr a5` jumps). */
  control(ins: InstructionStatement): ControlInfo;
}

/** Builds entries from compact lines: `mnemonic[,mnemonic...] min[-max] [flow[@target]]`. */
export function defineInstructions(table: string): Map<string, InstructionSyntax> {
  const map = new Map<string, InstructionSyntax>();
  for (const raw of table.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const [names, count, flowSpec] = line.split(/\s+/);
    if (!names || !count) throw new Error(`bad instruction table line: ${line}`);
    const [lo, hi] = count.split('-').map(Number);
    const [flow, target] = (flowSpec ?? 'fallthrough').split('@');
    for (const mnemonic of names.split(',')) {
      map.set(mnemonic, {
        mnemonic,
        minOperands: lo!,
        maxOperands: hi ?? lo!,
        flow: flow as FlowKind,
        ...(target !== undefined ? { targetOperand: Number(target) } : {}),
      });
    }
  }
  return map;
}

/** The standard check every dialect runs: the mnemonic is known and the operand count fits. */
export function checkOperandCount(desc: IsaDescription, ins: InstructionStatement, title: string): string | undefined {
  const syntax = desc.lookup(ins.mnemonic);
  if (!syntax) return `unknown ${title} instruction '${ins.mnemonic}'`;
  const n = ins.operands.length;
  if (n < syntax.minOperands || n > syntax.maxOperands) {
    const want =
      syntax.minOperands === syntax.maxOperands
        ? `${syntax.minOperands}`
        : `${syntax.minOperands} to ${syntax.maxOperands}`;
    return `'${ins.mnemonic}' takes ${want} operand${want === '1' ? '' : 's'}, found ${n}`;
  }
  return undefined;
}
