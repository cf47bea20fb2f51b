// Injected single faults in correct block translations, to measure repair:
// a wrong immediate, a wrong register, a wrong opcode from a similar group,
// a missing extension. Each faulty block is kept only when the block question
// shows it wrong (an equivalent mutant is no fault).
import type { InstructionStatement, Isa, Operand } from '../asm/ast.js';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printStatement } from '../asm/printer.js';
import { RISCV_ABI_NAME, RISCV_REGISTER_NUMBERS } from '../isa/riscv64/registers.js';
import type { BlockTranslation, StateMapping } from '../translate/contract.js';

export type FaultKind = 'wrong immediate' | 'wrong register' | 'wrong opcode' | 'missing extension';

export interface Fault {
  kind: FaultKind;
  /** Target instruction index the fault is in (or was deleted from). */
  index: number;
  description: string;
  target: InstructionStatement[];
}

function parseLines(lines: readonly string[], isa: Isa, what: string): InstructionStatement[] {
  const r = parseAsm(lines.map((l) => `\t${l}`).join('\n') + '\n', what, isa);
  if (r.diagnostics.length) throw new Error(`${what}: ${r.diagnostics[0]!.message}`);
  return r.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
}

/** A block translation from text, with the same whole-register mapping at entry and exit. */
export function blockFromText(
  srcIsa: Isa,
  tgtIsa: Isa,
  source: readonly string[],
  target: readonly string[],
  registerMap: Record<string, string>,
): BlockTranslation {
  const mapping: StateMapping = { facts: Object.entries(registerMap).map(([src, tgt]) => ({ src, to: { kind: 'reg' as const, name: tgt } })) };
  return {
    blockId: 0,
    labels: [],
    source: parseLines(source, srcIsa, 'source'),
    target: parseLines(target, tgtIsa, 'target'),
    entry: mapping,
    calls: [],
    exits: [{ kind: 'fallthrough', mapping }],
    rules: ['hand-written'],
  };
}

const OPCODE_NEIGHBOURS: Record<string, string> = {
  add: 'sub', sub: 'add', and: 'or', or: 'xor', xor: 'or', sll: 'srl', srl: 'sra', sra: 'srl',
  addi: 'xori', andi: 'ori', ori: 'xori', xori: 'ori', slli: 'srli', srli: 'srai', srai: 'srli',
  addw: 'subw', subw: 'addw', addiw: 'addi', mulw: 'mul', mul: 'mulh', slliw: 'srliw', srliw: 'sraiw', sraiw: 'srliw',
  lb: 'lbu', lbu: 'lb', lh: 'lhu', lhu: 'lh', lw: 'lwu', lwu: 'lw', ld: 'lw',
  sb: 'sh', sh: 'sb', sw: 'sd', sd: 'sw',
  'sext.w': 'zext.w', 'zext.w': 'sext.w', 'sext.h': 'zext.h', 'zext.h': 'sext.h', 'sext.b': 'zext.b', 'zext.b': 'sext.b',
  not: 'neg', neg: 'not',
};
const EXTENSIONS = new Set(['sext.w', 'zext.w', 'sext.h', 'zext.h', 'sext.b', 'zext.b']);
const WIDE_OF: Record<string, string> = { addw: 'add', subw: 'sub', addiw: 'addi', mulw: 'mul', sllw: 'sll', srlw: 'srl', sraw: 'sra' };

function reparse(text: string, isa: Isa): InstructionStatement | undefined {
  const r = parseAsm(`\t${text}\n`, 'fault', isa);
  const st = r.file.statements[0];
  return r.diagnostics.length === 0 && r.file.statements.length === 1 && st?.kind === 'instruction' ? st : undefined;
}

function withOperand(ins: InstructionStatement, k: number, op: Operand, isa: Isa): string {
  const ops = ins.operands.map((o, i) => (i === k ? op : o));
  return printStatement({ ...ins, operands: ops }, dialectFor(isa)).trim();
}

/** Every single fault of the four kinds in a RISC-V target block (before checking which are real faults). */
export function injectFaults(block: BlockTranslation, isa: Isa): Fault[] {
  if (isa !== 'riscv64') throw new Error('fault injection is written for RISC-V64 targets');
  const out: Fault[] = [];
  const t = block.target;
  const d = dialectFor(isa);
  const pool = [...new Set(t.flatMap((i) => i.operands.flatMap((o) => (o.kind === 'reg' ? [o.name] : o.kind === 'rvmem' ? [o.base] : []))))];
  for (const f of block.entry.facts) if (f.to.kind === 'reg') pool.push(RISCV_ABI_NAME(Number(f.to.name.slice(1))));
  const regs = [...new Set(pool)].filter((r) => (RISCV_REGISTER_NUMBERS.get(r) ?? 99) < 32);
  const replace = (i: number, text: string | undefined, kind: FaultKind, description: string) => {
    const ins = text === undefined ? undefined : reparse(text, isa);
    if (text !== undefined && !ins) return;
    const target = ins ? t.map((x, k) => (k === i ? ins : x)) : t.filter((_, k) => k !== i);
    out.push({ kind, index: i, description, target });
  };
  t.forEach((ins, i) => {
    const text = printStatement(ins, d).trim();
    ins.operands.forEach((op, k) => {
      if (op.kind === 'imm' && op.expr.kind === 'num') replace(i, withOperand(ins, k, { ...op, expr: { kind: 'num', value: op.expr.value + 1n } }, isa), 'wrong immediate', `${text}: immediate ${op.expr.value} -> ${op.expr.value + 1n}`);
      if (op.kind === 'imm' && op.expr.kind === 'unary' && op.expr.arg.kind === 'num')
        replace(i, withOperand(ins, k, { ...op, expr: { kind: 'num', value: -op.expr.arg.value + 1n } }, isa), 'wrong immediate', `${text}: immediate off by one`);
      if (op.kind === 'rvmem') {
        const off = op.offset?.kind === 'num' ? op.offset.value : 0n;
        replace(i, withOperand(ins, k, { ...op, offset: { kind: 'num', value: off + 4n } }, isa), 'wrong immediate', `${text}: offset ${off} -> ${off + 4n}`);
        const other = regs.find((r) => r !== op.base);
        if (other) replace(i, withOperand(ins, k, { ...op, base: other }, isa), 'wrong register', `${text}: base ${op.base} -> ${other}`);
      }
      if (op.kind === 'reg' && regs.includes(op.name)) {
        const other = regs[(regs.indexOf(op.name) + 1) % regs.length]!;
        if (other !== op.name) replace(i, withOperand(ins, k, { kind: 'reg', name: other }, isa), 'wrong register', `${text}: operand ${k + 1} ${op.name} -> ${other}`);
      }
    });
    const n = OPCODE_NEIGHBOURS[ins.mnemonic];
    if (n) replace(i, `${n}${text.slice(ins.mnemonic.length)}`, 'wrong opcode', `${text}: ${ins.mnemonic} -> ${n}`);
    if (EXTENSIONS.has(ins.mnemonic) && t.length > 1) replace(i, undefined, 'missing extension', `${text} deleted`);
    const wide = WIDE_OF[ins.mnemonic];
    if (wide) replace(i, `${wide}${text.slice(ins.mnemonic.length)}`, 'missing extension', `${text}: ${ins.mnemonic} -> ${wide} (no 32-bit sign extension)`);
  });
  return out;
}
