// The sketches repair tries on a suspect instruction, as assembly text with
// holes: its opcode as an alternative from its group, one operand at a time
// as a hole, all its operands at once, an extension inserted after it. The
// CEGIS loop (repair.ts) fills them; nothing here decides what is correct.
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printStatement } from '../asm/printer.js';
import { RISCV_ABI_NAME, RISCV_REGISTER_NUMBERS } from '../isa/riscv64/registers.js';
import type { BlockTranslation } from '../translate/contract.js';

/** Opcodes a wrong one is likely confused with: an opcode hole ranges over its group. */
export const GROUPS: Record<'riscv64' | 'aarch64', string[][]> = {
  riscv64: [
    ['add', 'sub', 'xor', 'or', 'and', 'sll', 'srl', 'sra', 'slt', 'sltu', 'addw', 'subw', 'sllw', 'srlw', 'sraw'],
    ['addi', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai', 'slti', 'sltiu', 'addiw', 'slliw', 'srliw', 'sraiw'],
    ['mul', 'mulh', 'mulhu', 'mulhsu', 'mulw'],
    ['div', 'divu', 'rem', 'remu', 'divw', 'divuw', 'remw', 'remuw'],
    ['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwu', 'ld'],
    ['sb', 'sh', 'sw', 'sd'],
    ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'bgt', 'ble', 'bgtu', 'bleu'],
    ['beqz', 'bnez', 'blez', 'bgez', 'bltz', 'bgtz'],
    ['mv', 'sext.w', 'zext.w', 'zext.b', 'zext.h', 'sext.b', 'sext.h', 'neg', 'negw', 'not', 'seqz', 'snez', 'sltz', 'sgtz'],
  ],
  aarch64: [
    ['add', 'sub', 'adds', 'subs', 'and', 'orr', 'eor', 'bic', 'orn', 'eon', 'ands'],
    ['lsl', 'lsr', 'asr', 'ror'],
    ['mul', 'mneg', 'smulh', 'umulh', 'udiv', 'sdiv'],
    ['madd', 'msub'],
    ['ldr', 'ldrb', 'ldrh', 'ldrsb', 'ldrsh', 'ldrsw', 'ldur'],
    ['str', 'strb', 'strh', 'stur'],
    ['sxtw', 'sxtb', 'sxth', 'uxtb', 'uxth', 'mov', 'neg', 'mvn'],
    ['csel', 'csinc', 'csinv', 'csneg'],
    ['cmp', 'cmn', 'tst'],
  ],
};

export function isGpr(isa: Isa, name: string): boolean {
  if (isa === 'riscv64') {
    const n = RISCV_REGISTER_NUMBERS.get(name);
    return n !== undefined && n < 32;
  }
  return /^[xw]([0-9]|[12][0-9]|30)$/.test(name) || name === 'xzr' || name === 'wzr';
}

/** The general registers a register hole may be: those the block uses and the mapped ones (at most `limit`). */
export function registerPool(isa: Isa, block: BlockTranslation, target: readonly InstructionStatement[], limit = 10): string[] {
  const pool = new Set<string>();
  const add = (name: string) => {
    if (isa === 'riscv64') {
      const n = RISCV_REGISTER_NUMBERS.get(name) ?? (/^x\d+$/.test(name) ? Number(name.slice(1)) : undefined);
      if (n !== undefined && n < 32) pool.add(RISCV_ABI_NAME(n));
    } else if (/^[xw]([0-9]|[12][0-9]|30)$/.test(name)) pool.add(`x${name.slice(1)}`);
  };
  for (const ins of target) for (const op of ins.operands) if (op.kind === 'reg' && isGpr(isa, op.name)) add(op.name);
  for (const f of [...block.entry.facts, ...(block.exits[0]?.mapping.facts ?? [])]) if (f.to.kind === 'reg') add(f.to.name);
  return [...pool].slice(0, limit);
}

type OperandPart = 'reg' | 'imm';

/**
 * The instruction as text with the chosen parts of its operands made holes:
 * a register (or a memory operand's base) becomes alternatives over the pool,
 * an immediate (or a memory offset) `??`. Undefined when nothing was chosen.
 */
function withHoles(isa: Isa, ins: InstructionStatement, pool: string[], hole: (k: number, part: OperandPart) => boolean): string | undefined {
  const d = dialectFor(isa);
  let holes = 0;
  const reg = (k: number, name: string) => {
    if (!isGpr(isa, name) || !hole(k, 'reg')) return name;
    holes++;
    if (isa === 'aarch64') return `{${pool.map((p) => (name.startsWith('w') ? `w${p.slice(1)}` : p)).join('|')}}`;
    return `{${pool.join('|')}}`;
  };
  const ops = ins.operands.map((op, k) => {
    switch (op.kind) {
      case 'reg':
        return isGpr(isa, op.name) ? reg(k, op.name) : d.printOperand(op);
      case 'imm':
        if (op.prefix === '=' || !hole(k, 'imm')) return d.printOperand(op);
        holes++;
        return `${op.prefix}??`;
      case 'rvmem': {
        const offset = hole(k, 'imm') ? (holes++, '??') : op.offset ? d.printOperand({ ...op, base: 'zero' }).replace('(zero)', '') : '';
        return `${offset}(${reg(k, op.base)})`;
      }
      case 'a64mem': {
        if (op.writeback || op.extend || (op.offset && op.offset.kind !== 'imm')) return d.printOperand(op);
        const off = op.offset ? (hole(k, 'imm') ? (holes++, ', #??') : `, ${d.printOperand(op.offset)}`) : '';
        return `[${reg(k, op.base)}${off}]`;
      }
      default:
        return d.printOperand(op);
    }
  });
  if (holes === 0) return undefined;
  return `${ins.mnemonic} ${ops.join(d.operandSeparator)}`;
}

/** Every register operand a hole, and with `withImmediates` every immediate too. */
export function operandSketch(isa: Isa, ins: InstructionStatement, pool: string[], withImmediates: boolean): string | undefined {
  return withHoles(isa, ins, pool, (_k, part) => part === 'reg' || withImmediates);
}

/**
 * One hole at a time: each register operand alone (a wrong register is one
 * operand), then each immediate alone. A space of a few dozen values takes a
 * round or two of CEGIS where all operands at once take many.
 */
export function singleOperandSketches(isa: Isa, ins: InstructionStatement, pool: string[]): string[] {
  const out: string[] = [];
  for (const part of ['reg', 'imm'] as const)
    ins.operands.forEach((_op, k) => {
      const s = withHoles(isa, ins, pool, (j, p) => j === k && p === part);
      if (s) out.push(s);
    });
  return out;
}

export function opcodeSketch(isa: Isa, ins: InstructionStatement): string | undefined {
  if (isa !== 'riscv64' && isa !== 'aarch64') return undefined;
  const text = printStatement(ins, dialectFor(isa)).trim();
  const rest = text.slice(ins.mnemonic.length);
  const options = [...new Set(GROUPS[isa].filter((g) => g.includes(ins.mnemonic)).flat())].filter((m) => {
    const r = parseAsm(`${m}${rest}`, '<repair>', isa);
    return r.diagnostics.length === 0 && r.file.statements.length === 1;
  });
  return options.length > 1 ? `{${options.join('|')}}${rest}` : undefined;
}

/** An extension hole writing general register `rd` from `rs` (each a register or alternatives). */
export function extensionSketch(isa: Isa, rd: string, rs = rd): string | undefined {
  if (isa === 'riscv64') return `{sext.w|zext.w|zext.b|zext.h|sext.b|sext.h|mv} ${rd},${rs}`;
  if (isa === 'aarch64' && rd.startsWith('x')) {
    const w = `w${rd.slice(1)}`;
    return `{mov ${rd}, ${rd}|sxtw ${rd}, ${w}|mov ${w}, ${w}|uxtb ${w}, ${w}|uxth ${w}, ${w}|sxtb ${rd}, ${w}|sxth ${rd}, ${w}}`;
  }
  return undefined;
}

export function canonicalToName(isa: Isa, canonical: string): string {
  return isa === 'riscv64' && /^x\d+$/.test(canonical) ? RISCV_ABI_NAME(Number(canonical.slice(1))) : canonical;
}
