// The values an immediate hole may take: what the assembler accepts in that
// operand of that instruction. The instruction descriptions (src/isa) know
// operand counts, not immediate fields, so the fields are listed here, for
// the instructions sketches use; a hole in an operand not listed is refused
// with its position rather than given a guessed range.
import type { InstructionStatement, Isa, Operand } from '../asm/ast.js';
import { HOLE_SYMBOL_PREFIX } from '../asm/holes.js';

export interface ImmediateRange {
  /** Inclusive bounds, as the number is written (signed). */
  lo: bigint;
  hi: bigint;
  /** The value must be a multiple of this (scaled load/store offsets). */
  multipleOf: bigint;
  /** AArch64 logical immediates: only bitmask patterns encode (checked on each candidate). */
  bitmask?: 32 | 64;
  /** Why: shown in errors and reports. */
  field: string;
}

const signed = (bits: number, field: string, multipleOf = 1n): ImmediateRange => ({
  lo: -(1n << BigInt(bits - 1)) * multipleOf,
  hi: ((1n << BigInt(bits - 1)) - 1n) * multipleOf,
  multipleOf,
  field,
});
const unsigned = (bits: number, field: string, multipleOf = 1n): ImmediateRange => ({
  lo: 0n,
  hi: ((1n << BigInt(bits)) - 1n) * multipleOf,
  multipleOf,
  field,
});

const RISCV_I12 = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw'];
const RISCV_LOADS = ['lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu', 'sb', 'sh', 'sw', 'sd', 'flw', 'fld', 'fsw', 'fsd'];

function riscvRange(ins: InstructionStatement, k: number): ImmediateRange | undefined {
  const m = ins.mnemonic;
  if (RISCV_I12.includes(m) && k === 2) return signed(12, `${m} 12-bit signed immediate`);
  if (['slli', 'srli', 'srai'].includes(m) && k === 2) return unsigned(6, `${m} shift amount 0..63`);
  if (['slliw', 'srliw', 'sraiw'].includes(m) && k === 2) return unsigned(5, `${m} shift amount 0..31`);
  if ((m === 'lui' || m === 'auipc') && k === 1) return unsigned(20, `${m} 20-bit immediate`);
  if (m === 'li' && k === 1) return { lo: -(1n << 63n), hi: (1n << 64n) - 1n, multipleOf: 1n, field: 'li 64-bit constant' };
  if (RISCV_LOADS.includes(m)) return signed(12, `${m} 12-bit signed offset`);
  return undefined;
}

const A64_SIZE: Record<string, bigint> = { ldrb: 1n, strb: 1n, ldrsb: 1n, ldrh: 2n, strh: 2n, ldrsh: 2n, ldrsw: 4n };

function aarch64Range(ins: InstructionStatement, k: number, inMemory: boolean): ImmediateRange | undefined {
  const m = ins.mnemonic;
  const reg0 = ins.operands[0]?.kind === 'reg' ? ins.operands[0].name : 'x0';
  const w = reg0.startsWith('w') ? 32 : 64;
  if (inMemory) {
    if (m === 'ldp' || m === 'stp') {
      const size = reg0.startsWith('w') || reg0.startsWith('s') ? 4n : reg0.startsWith('q') ? 16n : 8n;
      return signed(7, `${m} 7-bit signed offset scaled by ${size}`, size);
    }
    if (m === 'ldur' || m === 'stur' || m.startsWith('ldur') || m.startsWith('stur')) return signed(9, `${m} 9-bit signed offset`);
    if (m.startsWith('ldr') || m.startsWith('str')) {
      const size = A64_SIZE[m] ?? (reg0.startsWith('w') || reg0.startsWith('s') ? 4n : reg0.startsWith('q') ? 16n : reg0.startsWith('h') ? 2n : reg0.startsWith('b') ? 1n : 8n);
      return unsigned(12, `${m} 12-bit unsigned offset scaled by ${size}`, size);
    }
    return undefined;
  }
  if (['add', 'sub', 'adds', 'subs'].includes(m) && k === 2) return unsigned(12, `${m} 12-bit unsigned immediate`);
  if (['cmp', 'cmn'].includes(m) && k === 1) return unsigned(12, `${m} 12-bit unsigned immediate`);
  if (['lsl', 'lsr', 'asr', 'ror'].includes(m) && k === 2) return unsigned(w === 32 ? 5 : 6, `${m} shift amount 0..${w - 1}`);
  if (['movz', 'movk', 'movn'].includes(m) && k === 1) return unsigned(16, `${m} 16-bit immediate`);
  if (m === 'mov' && k === 1) return signed(17, 'mov 16-bit immediate (either sign)');
  if (['and', 'orr', 'eor', 'ands', 'tst', 'bic'].includes(m) && k === (m === 'tst' ? 1 : 2))
    return { lo: w === 32 ? 0n : -(1n << 63n), hi: (1n << BigInt(w)) - 1n, multipleOf: 1n, bitmask: w, field: `${m} bitmask immediate` };
  if (['ubfx', 'sbfx', 'ubfiz', 'sbfiz', 'bfi', 'bfxil'].includes(m) && (k === 2 || k === 3)) return unsigned(w === 32 ? 5 : 6, `${m} bit position`);
  return undefined;
}

/** Does the operand mention the hole's symbol (directly, or as a memory offset)? */
function mentions(op: Operand | undefined, symbol: string): 'operand' | 'memory' | undefined {
  if (!op) return undefined;
  const inExpr = (e: unknown): boolean => JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)).includes(`"${symbol}"`);
  if (op.kind === 'imm' || op.kind === 'expr') return inExpr(op.expr) ? 'operand' : undefined;
  if (op.kind === 'rvmem') return op.offset && inExpr(op.offset) ? 'memory' : undefined;
  if (op.kind === 'a64mem') return op.offset && inExpr(op.offset) ? 'memory' : undefined;
  if (op.kind === 'shift') return op.amount && inExpr(op.amount) ? 'operand' : undefined;
  return undefined;
}

/** The range of immediate hole `id` in this instruction, or a message saying why there is none. */
export function immediateRange(isa: Isa, ins: InstructionStatement, id: number): ImmediateRange | string {
  const symbol = HOLE_SYMBOL_PREFIX + id;
  for (let k = 0; k < ins.operands.length; k++) {
    const where = mentions(ins.operands[k], symbol);
    if (!where) continue;
    const op = ins.operands[k]!;
    if (op.kind === 'shift') return unsigned(6, `${op.op} amount`);
    const r = isa === 'riscv64' ? riscvRange(ins, k) : isa === 'aarch64' ? aarch64Range(ins, k, where === 'memory') : undefined;
    return r ?? `no immediate range is known for operand ${k + 1} of '${ins.mnemonic}' (sketch holes are supported in the immediates listed in docs/sketch.md)`;
  }
  return `the hole is not in an immediate operand of '${ins.mnemonic}'`;
}

/** AArch64 logical immediates: a rotated run of ones, replicated in 2, 4, ..., 64-bit elements (not all zeros or ones). */
export function isBitmaskImmediate(value: bigint, w: 32 | 64): boolean {
  const mask = (1n << BigInt(w)) - 1n;
  const x = value & mask;
  if (x === 0n || x === mask) return false;
  for (let size = 2; size <= w; size *= 2) {
    const emask = (1n << BigInt(size)) - 1n;
    const elem = x & emask;
    let rep = 0n;
    for (let i = 0; i < w; i += size) rep |= elem << BigInt(i);
    if (rep !== x) continue;
    // elem must be a rotation of a contiguous run of ones.
    for (let r = 0; r < size; r++) {
      const rot = ((elem >> BigInt(r)) | (elem << BigInt(size - r))) & emask;
      if (((rot + 1n) & rot) === 0n && rot !== 0n && rot !== emask) return true;
    }
    return false;
  }
  return false;
}
