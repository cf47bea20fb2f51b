// RV64I integer computation: register-register and register-immediate ALU
// operations, their 32-bit `*w` forms, lui, and the assembler's ALU
// pseudo-instructions (li, la, mv, not, neg, seqz, ...).
import type { InstructionSemantics, SemContext } from '../../../ir/semantics.js';
import type { BV } from '../../../ir/expr.js';
import {
  add, and, ashr, c, flag64, lshr, ne, neg, not, or, sext, shl, slt, sub, trunc, ult, w32, xor, eq, zext,
} from './bv.js';
import { imm, immSigned, immUnsigned, readX, writeX, xName, type Ins } from './operands.js';

type Binary = (a: BV, b: BV) => BV;

/** `op rd, rs1, rs2`. */
const rrr = (f: Binary): InstructionSemantics => (i, ctx) => writeX(i, 0, ctx, f(readX(i, 1, ctx), readX(i, 2, ctx)));

/** `op rd, rs1, imm12`: the immediate is sign-extended (also for sltiu, andi, ori, xori). */
const rri = (f: Binary): InstructionSemantics => (i, ctx) =>
  writeX(i, 0, ctx, f(readX(i, 1, ctx), immSigned(i, 2, ctx, 12)));

/** `op rd, rs1, shamt`: 6-bit shift amounts for 64-bit shifts, 5-bit for the `*w` forms. */
const shiftImm = (f: Binary, bits: number): InstructionSemantics => (i, ctx) =>
  writeX(i, 0, ctx, f(readX(i, 1, ctx), and(immUnsigned(i, 2, ctx, bits), c(64, (1 << bits) - 1))));

/** `op rd, rs`: pseudo-instructions of one source. */
const rr = (f: (a: BV) => BV): InstructionSemantics => (i, ctx) => writeX(i, 0, ctx, f(readX(i, 1, ctx)));

// Shifts use only the low 6 (64-bit) or 5 (`*w`) bits of the amount.
const sll: Binary = (a, b) => shl(a, and(b, c(64, 63)));
const srl: Binary = (a, b) => lshr(a, and(b, c(64, 63)));
const sra: Binary = (a, b) => ashr(a, and(b, c(64, 63)));
const amount5 = (b: BV) => and(trunc(32, b), c(32, 31));
const sllw: Binary = (a, b) => sext(64, shl(trunc(32, a), amount5(b)));
const srlw: Binary = (a, b) => sext(64, lshr(trunc(32, a), amount5(b)));
const sraw: Binary = (a, b) => sext(64, ashr(trunc(32, a), amount5(b)));

const sltF: Binary = (a, b) => flag64(slt(a, b));
const sltuF: Binary = (a, b) => flag64(ult(a, b));

/** `lui rd, imm20`: imm20 << 12 as a 32-bit value, sign-extended. */
function lui(i: Ins, ctx: SemContext): void {
  const hi = immUnsigned(i, 1, ctx, 20);
  writeX(i, 0, ctx, w32(shl(hi, c(64, 12))));
}

export const BASE_SEMANTICS: Record<string, InstructionSemantics> = {
  add: rrr(add),
  sub: rrr(sub),
  xor: rrr(xor),
  or: rrr(or),
  and: rrr(and),
  sll: rrr(sll),
  srl: rrr(srl),
  sra: rrr(sra),
  slt: rrr(sltF),
  sltu: rrr(sltuF),
  sgt: rrr((a, b) => sltF(b, a)),
  sgtu: rrr((a, b) => sltuF(b, a)),
  addw: rrr((a, b) => w32(add(a, b))),
  subw: rrr((a, b) => w32(sub(a, b))),
  sllw: rrr(sllw),
  srlw: rrr(srlw),
  sraw: rrr(sraw),

  addi: rri(add),
  slti: rri(sltF),
  sltiu: rri(sltuF),
  xori: rri(xor),
  ori: rri(or),
  andi: rri(and),
  addiw: rri((a, b) => w32(add(a, b))),
  slli: shiftImm(shl, 6),
  srli: shiftImm(lshr, 6),
  srai: shiftImm(ashr, 6),
  slliw: shiftImm(sllw, 5),
  srliw: shiftImm(srlw, 5),
  sraiw: shiftImm(sraw, 5),

  lui,
  // auipc adds the instruction's own address, which the IR does not have:
  // `auipc rd, %pcrel_hi(sym)` is only meaningful together with the
  // `%pcrel_lo` instruction that follows it. gcc writes `lla`/`la`/`call`
  // instead, which have address semantics; a lone auipc is reported.
  auipc: (i, ctx) => ctx.unsupported(`'${i.mnemonic}': the value depends on the instruction's address (pc), which is not modelled`),

  // Pseudo-instructions: the value each expansion computes.
  nop: () => {},
  li: (i, ctx) => writeX(i, 0, ctx, imm(i, 1, ctx)),
  // la/lla (and lga, the GOT form) all leave the symbol's address in rd.
  // With PIC, la loads the address from the GOT through rd: `la zero, sym` loads through x0.
  la: (i, ctx) => {
    if (xName(i, 0, ctx) === 'x0') ctx.unsupported(`'la zero, sym' may expand to a GOT load through x0`);
    writeX(i, 0, ctx, imm(i, 1, ctx));
  },
  lla: (i, ctx) => writeX(i, 0, ctx, imm(i, 1, ctx)),
  lga: (i, ctx) => writeX(i, 0, ctx, imm(i, 1, ctx)),
  mv: rr((a) => a),
  not: rr(not),
  neg: rr(neg),
  negw: rr((a) => w32(neg(a))),
  'sext.w': rr(w32),
  'sext.b': rr((a) => sext(64, trunc(8, a))),
  'sext.h': rr((a) => sext(64, trunc(16, a))),
  'zext.b': rr((a) => zext(64, trunc(8, a))),
  'zext.h': rr((a) => zext(64, trunc(16, a))),
  'zext.w': rr((a) => zext(64, trunc(32, a))),
  seqz: rr((a) => flag64(eq(a, c(64, 0)))),
  snez: rr((a) => flag64(ne(a, c(64, 0)))),
  sltz: rr((a) => sltF(a, c(64, 0))),
  sgtz: rr((a) => sltF(c(64, 0), a)),
};
