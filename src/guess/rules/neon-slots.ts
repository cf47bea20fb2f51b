// Access to vector registers in their 16-byte private slots, for the NEON
// lowering rules: one base register per instruction, loads and stores of a
// lane by its byte offset. Lane i of an e-byte arrangement is at byte e*i
// (little endian on both ISAs).
import type { InstructionStatement, Operand, VectorRegOperand } from '../../asm/ast.js';
import { arrangementOf, ELEMENT_SIZES, type Arrangement } from '../../isa/aarch64/semantics/vec.js';
import type { LowerContext } from './types.js';

export type LaneBytes = 1 | 2 | 4 | 8;

const LOAD: Record<LaneBytes, [string, string]> = { 1: ['lb', 'lbu'], 2: ['lh', 'lhu'], 4: ['lw', 'lwu'], 8: ['ld', 'ld'] };
const STORE: Record<LaneBytes, string> = { 1: 'sb', 2: 'sh', 4: 'sw', 8: 'sd' };

/** The slots of the vector registers one instruction touches, addressed from one base register. */
export class Slots {
  private base: string | undefined;
  private symbol: string | undefined;
  private stale = false;

  constructor(private readonly ctx: LowerContext) {}

  /** The base register and byte offset of register `vN` (any spelling the context takes). */
  address(reg: string, byte = 0): { base: string; offset: number } {
    const slot = this.ctx.vectorSlot(reg);
    if (this.symbol === undefined) {
      this.symbol = slot.symbol;
      this.base = this.ctx.scratch();
      this.ctx.emit(`lla ${this.base}, ${slot.symbol}`);
    } else if (slot.symbol !== this.symbol) this.ctx.refuse('vector slots in different private areas');
    else if (this.stale) this.ctx.emit(`lla ${this.base}, ${slot.symbol}`);
    this.stale = false;
    return { base: this.base!, offset: slot.offset + byte };
  }

  /** The caller used the base register as a temporary: the next access reloads it. */
  invalidate(): void {
    this.stale = true;
  }

  load(dst: string, reg: string, byte: number, bytes: LaneBytes, signed: boolean): void {
    const a = this.address(reg, byte);
    this.ctx.emit(`${LOAD[bytes][signed ? 0 : 1]} ${dst}, ${a.offset}(${a.base})`);
  }

  store(src: string, reg: string, byte: number, bytes: LaneBytes): void {
    const a = this.address(reg, byte);
    this.ctx.emit(`${STORE[bytes]} ${src}, ${a.offset}(${a.base})`);
  }

  loadF(dst: string, reg: string, byte: number, bytes: 4 | 8): void {
    const a = this.address(reg, byte);
    this.ctx.emit(`${bytes === 8 ? 'fld' : 'flw'} ${dst}, ${a.offset}(${a.base})`);
  }

  storeF(src: string, reg: string, byte: number, bytes: 4 | 8): void {
    const a = this.address(reg, byte);
    this.ctx.emit(`${bytes === 8 ? 'fsd' : 'fsw'} ${src}, ${a.offset}(${a.base})`);
  }
}

export interface VecRef {
  reg: string;
  arr: Arrangement;
}

export interface ElemRef {
  reg: string;
  bytes: LaneBytes;
  index: number;
}

export function vecOf(op: Operand | undefined): VecRef | undefined {
  if (op?.kind !== 'vreg' || op.index !== undefined) return undefined;
  const arr = arrangementOf(op.arrangement);
  return arr ? { reg: op.name, arr } : undefined;
}

export function elemOf(op: Operand | undefined): ElemRef | undefined {
  if (op?.kind !== 'vreg' || op.index === undefined) return undefined;
  const esize = ELEMENT_SIZES[op.arrangement ?? ''];
  if (!esize || op.index < 0 || op.index >= 128 / esize) return undefined;
  return { reg: op.name, bytes: (esize / 8) as LaneBytes, index: op.index };
}

export function vecOperand(ins: InstructionStatement, k: number, ctx: LowerContext): VecRef {
  const v = vecOf(ins.operands[k]);
  if (!v) ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a vector register with an arrangement`);
  return v;
}

export const laneBytes = (arr: Arrangement): LaneBytes => (arr.esize / 8) as LaneBytes;

export function isVectorRegister(op: Operand | undefined): op is VectorRegOperand {
  return op?.kind === 'vreg';
}
