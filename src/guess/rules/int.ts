// Integer data-processing rules: moves, add/sub (with flags), logic, shifts,
// multiply/divide, extensions, bitfields; conditional selects and compares
// are in int-cond.ts.
// Every rule computes the exact 64-bit value the AArch64 register holds:
// 32-bit operations compute in 64 bits and zero-extend (only the low 32 bits
// of add/sub/mul/and/or/xor/lsl depend on the low 32 bits of the inputs;
// right shifts and divisions extend their inputs first).
import type { InstructionStatement } from '../../asm/ast.js';
import type { BlockLowerer } from '../context.js';
import { addLo12 } from './mem.js';
import { fitsImm12 } from '../context.js';
import { CONDITIONAL_RULES } from './int-cond.js';
import { clz, rbit } from './int-bits.js';
import {
  addConst, extendInto, finishWidth, gprAt, immAt, immOf, mask, operand2, operand2Reg, shiftAmount, zext32,
} from './int-operands.js';

export type IntRule = (ins: InstructionStatement, ctx: BlockLowerer) => void;


// ------------------------------------------------------------ moves

function movConst(ctx: BlockLowerer, dstName: string, width: 32 | 64, value: bigint): void {
  const d = ctx.writeGpr(dstName);
  const v = width === 32 ? value & mask(32) : BigInt.asUintN(64, value);
  ctx.li(d.reg, v);
  d.commit();
}

const mov: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const imm = immOf(ins.operands[1]);
  if (imm !== undefined) {
    ctx.rule('mov-imm');
    movConst(ctx, dst.name, dst.width, imm);
    return;
  }
  const src = gprAt(ins, 1, ctx);
  ctx.rule('mov-reg');
  const s = ctx.readGpr(src.name);
  const known = ctx.knownAddress.get(Number(/^x(\d+)$/.exec(src.name)?.[1] ?? -1));
  const d = ctx.writeGpr(dst.name);
  if (dst.width === 32 && !src.sp) zext32(ctx, d.reg, s);
  else if (d.reg !== s) ctx.emit(`mv ${d.reg}, ${s}`);
  d.commit();
  const dn = /^x(\d+)$/.exec(dst.name);
  if (known !== undefined && dn && dst.width === 64) ctx.knownAddress.set(Number(dn[1]), known);
};

const movz: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const sh = shiftAmount(ins.operands[2], ctx);
  let v = immAt(ins, 1, ctx) << BigInt(sh);
  if (ins.mnemonic === 'movn') v = ~v;
  ctx.rule(ins.mnemonic);
  movConst(ctx, dst.name, dst.width, v);
};

const movk: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const sh = BigInt(shiftAmount(ins.operands[2], ctx));
  const imm = immAt(ins, 1, ctx) & 0xffffn;
  ctx.rule('movk');
  const cur = ctx.readGpr(dst.name);
  const d = ctx.writeGpr(dst.name);
  const t = ctx.scratch();
  ctx.li(t, BigInt.asIntN(64, ~(0xffffn << sh)));
  ctx.emit(`and ${d.reg}, ${cur}, ${t}`);
  if (imm !== 0n) {
    ctx.li(t, BigInt.asIntN(64, imm << sh));
    ctx.emit(`or ${d.reg}, ${d.reg}, ${t}`);
  }
  finishWidth(ctx, d.reg, dst.width);
  d.commit();
};

const mvn: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const s = operand2Reg(ins, 1, dst.width, ctx);
  const d = ctx.writeGpr(dst.name);
  ctx.rule('mvn');
  ctx.emit(`not ${d.reg}, ${s}`);
  finishWidth(ctx, d.reg, dst.width);
  d.commit();
};

// ------------------------------------------------------------ add / sub

function addSub(kind: 'add' | 'sub', setFlags: boolean, compareOnly: boolean): IntRule {
  return (ins, ctx) => {
    if (kind === 'add' && !setFlags && !compareOnly && addLo12(ins, ctx)) return;
    const first = compareOnly ? 0 : 1;
    const w = gprAt(ins, first, ctx).width;
    const aRef = gprAt(ins, first, ctx);
    const a = ctx.readGpr(aRef.name);
    const o = operand2(ins, first + 1, w, ctx, { imm12Shift: true });
    ctx.rule(`${compareOnly ? (kind === 'sub' ? 'cmp' : 'cmn') : kind + (setFlags ? 's' : '')}${'imm' in o ? '-imm' : '-reg'}`);
    if (setFlags) {
      if ('imm' in o) {
        // cmp x, #-k is cmn x, #k: keep the flags kind the assembler meant.
        ctx.setIntFlags({ kind, a: { kind: 'reg', reg: a }, b: { kind: 'imm', value: w === 32 ? o.imm & mask(32) : o.imm }, width: w });
      } else {
        ctx.setIntFlags({ kind, a: { kind: 'reg', reg: a }, b: { kind: 'reg', reg: o.reg }, width: w });
      }
    }
    if (compareOnly) return;
    const dst = gprAt(ins, 0, ctx);
    const d = ctx.writeGpr(dst.name);
    if ('imm' in o) addConst(ctx, d.reg, a, kind === 'add' ? o.imm : -o.imm);
    else ctx.emit(`${kind} ${d.reg}, ${a}, ${o.reg}`);
    finishWidth(ctx, d.reg, w);
    d.commit();
  };
}

const neg: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const w = dst.width;
  const o = operand2Reg(ins, 1, w, ctx);
  ctx.rule(ins.mnemonic);
  if (ins.mnemonic === 'negs') ctx.setIntFlags({ kind: 'sub', a: { kind: 'imm', value: 0n }, b: { kind: 'reg', reg: o }, width: w });
  const d = ctx.writeGpr(dst.name);
  ctx.emit(`neg ${d.reg}, ${o}`);
  finishWidth(ctx, d.reg, w);
  d.commit();
};

/** adc/sbc: the carry comes from the flags (C). */
function carryOp(kind: 'adc' | 'sbc'): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const w = dst.width;
    const c = ctx.condValue('cs');
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const b = ctx.readGpr(gprAt(ins, 2, ctx).name);
    ctx.rule(kind);
    const d = ctx.writeGpr(dst.name);
    if (kind === 'adc') {
      ctx.emit(`add ${c}, ${a}, ${c}`);
      ctx.emit(`add ${d.reg}, ${c}, ${b}`);
    } else {
      // a - b - (1 - C) = a + ~b + C
      ctx.emit(`addi ${c}, ${c}, -1`);
      ctx.emit(`add ${c}, ${a}, ${c}`);
      ctx.emit(`sub ${d.reg}, ${c}, ${b}`);
    }
    finishWidth(ctx, d.reg, w);
    d.commit();
  };
}

// ------------------------------------------------------------ logic

function logic(op: 'and' | 'or' | 'xor', invert: boolean, setFlags: boolean, testOnly: boolean): IntRule {
  return (ins, ctx) => {
    const first = testOnly ? 0 : 1;
    const aRef = gprAt(ins, first, ctx);
    const w = aRef.width;
    const a = ctx.readGpr(aRef.name);
    const o = operand2(ins, first + 1, w, ctx);
    ctx.rule(`${ins.mnemonic}${'imm' in o ? '-imm' : '-reg'}`);
    if (op === 'and' && !invert && setFlags) {
      // tst/ands: the flags keep the operands; a consumer computes a & b itself.
      const b = 'imm' in o ? { kind: 'imm' as const, value: w === 32 ? BigInt.asIntN(32, o.imm & mask(32)) : o.imm } : { kind: 'reg' as const, reg: o.reg };
      ctx.setIntFlags({ kind: 'and', a: { kind: 'reg', reg: a }, b, width: w });
      if (testOnly) return;
    }
    const d = testOnly ? { reg: ctx.scratch(), commit: () => undefined } : ctx.writeGpr(gprAt(ins, 0, ctx).name);
    const target = testOnly || setFlags ? ctx.scratch() : d.reg;
    if ('imm' in o) {
      let v = invert ? ~o.imm : o.imm;
      v = w === 32 ? BigInt.asIntN(32, v & mask(32)) : BigInt.asIntN(64, v);
      if (fitsImm12(v)) ctx.emit(`${op}i ${target}, ${a}, ${v}`);
      else {
        const t = ctx.scratch();
        ctx.li(t, v);
        ctx.emit(`${op} ${target}, ${a}, ${t}`);
        ctx.releaseInt(t);
      }
    } else if (invert) {
      const t = ctx.scratch();
      ctx.emit(`not ${t}, ${o.reg}`);
      ctx.emit(`${op} ${target}, ${a}, ${t}`);
      ctx.releaseInt(t);
    } else ctx.emit(`${op} ${target}, ${a}, ${o.reg}`);
    if (w === 32 && (op !== 'and' || invert || 'reg' in o || (o.imm & ~mask(31)) !== 0n)) zext32(ctx, target);
    if (setFlags && !(op === 'and' && !invert)) ctx.setIntFlags({ kind: 'logic', result: { kind: 'reg', reg: target }, width: w });
    if (!testOnly && target !== d.reg) {
      const dd = ctx.writeGpr(gprAt(ins, 0, ctx).name);
      ctx.emit(`mv ${dd.reg}, ${target}`);
      dd.commit();
      return;
    }
    d.commit();
  };
}

// ------------------------------------------------------------ shifts

function shift(kind: 'lsl' | 'lsr' | 'asr' | 'ror'): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const w = dst.width;
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const amountImm = immOf(ins.operands[2]);
    ctx.rule(`${kind}${amountImm !== undefined ? '-imm' : '-reg'}`);
    if (amountImm !== undefined) {
      const s = Number(amountImm) & (w - 1);
      const d = ctx.writeGpr(dst.name);
      if (kind === 'lsl') {
        ctx.emit(`slli ${d.reg}, ${a}, ${s}`);
        finishWidth(ctx, d.reg, w);
      } else if (kind === 'ror') {
        const t = ctx.scratch();
        const u = ctx.scratch();
        if (w === 64) {
          ctx.emit(`srli ${t}, ${a}, ${s}`);
          ctx.emit(`slli ${u}, ${a}, ${(64 - s) % 64}`);
        } else {
          zext32(ctx, u, a);
          ctx.emit(`srli ${t}, ${u}, ${s}`);
          ctx.emit(`slli ${u}, ${u}, ${(32 - s) % 32}`);
        }
        if (s === 0) ctx.emit(`mv ${d.reg}, ${a}`);
        else ctx.emit(`or ${d.reg}, ${t}, ${u}`);
        finishWidth(ctx, d.reg, w);
      } else if (w === 64) ctx.emit(`${kind === 'lsr' ? 'srli' : 'srai'} ${d.reg}, ${a}, ${s}`);
      else {
        ctx.emit(`slli ${d.reg}, ${a}, 32`);
        ctx.emit(`${kind === 'lsr' ? 'srli' : 'srai'} ${d.reg}, ${d.reg}, ${32 + s}`);
        if (kind === 'asr') zext32(ctx, d.reg);
      }
      d.commit();
      return;
    }
    const b = ctx.readGpr(gprAt(ins, 2, ctx).name);
    const d = ctx.writeGpr(dst.name);
    if (kind === 'ror') {
      const t = ctx.scratch();
      const u = ctx.scratch();
      if (w === 64) {
        ctx.emit(`srl ${t}, ${a}, ${b}`);
        ctx.emit(`neg ${u}, ${b}`);
        ctx.emit(`sll ${u}, ${a}, ${u}`);
        ctx.emit(`or ${d.reg}, ${t}, ${u}`);
      } else {
        // rotate the low word: duplicate it into both halves and shift right by amount mod 32.
        zext32(ctx, t, a);
        ctx.emit(`slli ${u}, ${t}, 32`);
        ctx.emit(`or ${t}, ${t}, ${u}`);
        ctx.emit(`andi ${u}, ${b}, 31`);
        ctx.emit(`srl ${d.reg}, ${t}, ${u}`);
        zext32(ctx, d.reg);
      }
    } else if (w === 64) ctx.emit(`${kind === 'lsl' ? 'sll' : kind === 'lsr' ? 'srl' : 'sra'} ${d.reg}, ${a}, ${b}`);
    else {
      ctx.emit(`${kind === 'lsl' ? 'sllw' : kind === 'lsr' ? 'srlw' : 'sraw'} ${d.reg}, ${a}, ${b}`);
      zext32(ctx, d.reg);
    }
    d.commit();
  };
}

// ------------------------------------------------------------ multiply / divide

function mulAdd(kind: 'madd' | 'msub' | 'mul' | 'mneg'): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const w = dst.width;
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const b = ctx.readGpr(gprAt(ins, 2, ctx).name);
    const c = kind === 'madd' || kind === 'msub' ? ctx.readGpr(gprAt(ins, 3, ctx).name) : undefined;
    ctx.rule(kind);
    const t = ctx.scratch();
    ctx.emit(`mul ${t}, ${a}, ${b}`);
    const d = ctx.writeGpr(dst.name);
    if (kind === 'mul') ctx.emit(`mv ${d.reg}, ${t}`);
    else if (kind === 'mneg') ctx.emit(`neg ${d.reg}, ${t}`);
    else ctx.emit(`${kind === 'madd' ? 'add' : 'sub'} ${d.reg}, ${c}, ${t}`);
    finishWidth(ctx, d.reg, w);
    d.commit();
  };
}

/** smull/umull/smaddl/umaddl/smsubl/umsubl/smnegl/umnegl: 32x32 -> 64. */
function mulLong(signed: boolean, kind: 'mul' | 'add' | 'sub' | 'neg'): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const b = ctx.readGpr(gprAt(ins, 2, ctx).name);
    const c = kind === 'add' || kind === 'sub' ? ctx.readGpr(gprAt(ins, 3, ctx).name) : undefined;
    ctx.rule(ins.mnemonic);
    const ea = extendInto(ctx, a, signed, 32, 0);
    const eb = extendInto(ctx, b, signed, 32, 0);
    ctx.emit(`mul ${ea}, ${ea}, ${eb}`);
    ctx.releaseInt(eb);
    const d = ctx.writeGpr(dst.name);
    if (kind === 'mul') ctx.emit(`mv ${d.reg}, ${ea}`);
    else if (kind === 'neg') ctx.emit(`neg ${d.reg}, ${ea}`);
    else ctx.emit(`${kind} ${d.reg}, ${c}, ${ea}`);
    d.commit();
  };
}

function mulHigh(signed: boolean): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const b = ctx.readGpr(gprAt(ins, 2, ctx).name);
    ctx.rule(ins.mnemonic);
    const d = ctx.writeGpr(dst.name);
    ctx.emit(`${signed ? 'mulh' : 'mulhu'} ${d.reg}, ${a}, ${b}`);
    d.commit();
  };
}

/** AArch64 division by zero gives 0 (RISC-V gives all ones); INT_MIN / -1 is INT_MIN on both. */
function divide(signed: boolean): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const w = dst.width;
    let a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    let b = ctx.readGpr(gprAt(ins, 2, ctx).name);
    ctx.rule(ins.mnemonic);
    if (w === 32) {
      a = extendInto(ctx, a, signed, 32, 0);
      b = extendInto(ctx, b, signed, 32, 0);
    }
    const q = ctx.scratch();
    ctx.emit(`${signed ? (w === 32 ? 'divw' : 'div') : w === 32 ? 'divuw' : 'divu'} ${q}, ${a}, ${b}`);
    ctx.releaseInt(a);
    const m = ctx.scratch();
    ctx.emit(`snez ${m}, ${b}`);
    ctx.releaseInt(b);
    ctx.emit(`neg ${m}, ${m}`);
    const d = ctx.writeGpr(dst.name);
    ctx.emit(`and ${d.reg}, ${q}, ${m}`);
    finishWidth(ctx, d.reg, w);
    d.commit();
  };
}

// ------------------------------------------------------------ extensions and bitfields

function extend(signed: boolean, bits: number): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    ctx.rule(ins.mnemonic);
    const t = extendInto(ctx, a, signed, bits, 0);
    const d = ctx.writeGpr(dst.name);
    if (t !== d.reg) ctx.emit(`mv ${d.reg}, ${t}`);
    finishWidth(ctx, d.reg, dst.width);
    d.commit();
  };
}

/**
 * ubfx/sbfx d, a, #lsb, #width (extract a field to the bottom) and
 * ubfiz/sbfiz (the low field of a, placed at lsb): one shift left to put the
 * field's top bit at bit 63, one shift right (arithmetic when signed) to put
 * it in place.
 */
function bitfieldMove(kind: 'extract' | 'insert-zero', signed: boolean): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const lsb = Number(immAt(ins, 2, ctx));
    const width = Number(immAt(ins, 3, ctx));
    ctx.rule(ins.mnemonic);
    const [left, right] = kind === 'extract' ? [64 - lsb - width, 64 - width] : [64 - width, 64 - width - lsb];
    const d = ctx.writeGpr(dst.name);
    ctx.emit(`slli ${d.reg}, ${a}, ${left}`);
    ctx.emit(`${signed ? 'srai' : 'srli'} ${d.reg}, ${d.reg}, ${right}`);
    finishWidth(ctx, d.reg, dst.width);
    d.commit();
  };
}

/** bfi d, a, #lsb, #width and bfxil d, a, #lsb, #width. */
function bitfieldInsert(fromLow: boolean): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    const lsb = Number(immAt(ins, 2, ctx));
    const width = Number(immAt(ins, 3, ctx));
    ctx.rule(ins.mnemonic);
    const cur = ctx.readGpr(dst.name);
    // field = bits of a (bfi: low `width` bits; bfxil: bits lsb+width-1..lsb), placed at `pos`.
    const pos = fromLow ? 0 : lsb;
    const from = fromLow ? lsb : 0;
    const f = ctx.scratch();
    ctx.emit(`slli ${f}, ${a}, ${64 - from - width}`);
    ctx.emit(`srli ${f}, ${f}, ${64 - width}`);
    if (pos) ctx.emit(`slli ${f}, ${f}, ${pos}`);
    const m = ctx.scratch();
    ctx.li(m, BigInt.asIntN(64, ~(mask(width) << BigInt(pos))));
    const d = ctx.writeGpr(dst.name);
    ctx.emit(`and ${d.reg}, ${cur}, ${m}`);
    ctx.emit(`or ${d.reg}, ${d.reg}, ${f}`);
    finishWidth(ctx, d.reg, dst.width);
    d.commit();
  };
}

/** extr d, a, b, #lsb: (a:b) >> lsb, low bits. */
const extr: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const w = dst.width;
  const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
  const b = ctx.readGpr(gprAt(ins, 2, ctx).name);
  const lsb = Number(immAt(ins, 3, ctx));
  ctx.rule('extr');
  const t = ctx.scratch();
  const u = ctx.scratch();
  if (w === 64) {
    if (lsb === 0) ctx.emit(`mv ${t}, ${b}`);
    else {
      ctx.emit(`srli ${t}, ${b}, ${lsb}`);
      ctx.emit(`slli ${u}, ${a}, ${64 - lsb}`);
      ctx.emit(`or ${t}, ${t}, ${u}`);
    }
  } else {
    zext32(ctx, t, b);
    ctx.emit(`slli ${u}, ${a}, 32`);
    ctx.emit(`or ${t}, ${t}, ${u}`);
    ctx.emit(`srli ${t}, ${t}, ${lsb}`);
  }
  const d = ctx.writeGpr(dst.name);
  ctx.emit(`mv ${d.reg}, ${t}`);
  finishWidth(ctx, d.reg, w);
  d.commit();
};

/** sbfm/ubfm in their alias-free forms are not emitted by gcc; lsl/lsr/asr aliases come as such. */

/** rev / rev16 / rev32: byte reversal within containers of `container` bits. */
function rev(containerBits: number | 'width'): IntRule {
  return (ins, ctx) => {
    const dst = gprAt(ins, 0, ctx);
    const w = dst.width;
    const container = containerBits === 'width' ? w : containerBits;
    const a = ctx.readGpr(gprAt(ins, 1, ctx).name);
    ctx.rule(ins.mnemonic);
    const r = ctx.scratch();
    const t = ctx.scratch();
    ctx.emit(`li ${r}, 0`);
    const bytesPer = container / 8;
    for (let byte = 0; byte < w / 8; byte++) {
      const c = Math.floor(byte / bytesPer);
      const within = byte % bytesPer;
      const to = c * bytesPer + (bytesPer - 1 - within);
      ctx.emit(`srli ${t}, ${a}, ${byte * 8}`);
      ctx.emit(`andi ${t}, ${t}, 255`);
      if (to) ctx.emit(`slli ${t}, ${t}, ${to * 8}`);
      ctx.emit(`or ${r}, ${r}, ${t}`);
    }
    const d = ctx.writeGpr(dst.name);
    ctx.emit(`mv ${d.reg}, ${r}`);
    d.commit();
  };
}

export const INT_RULES: Record<string, IntRule> = {
  mov, movz, movn: movz, movk, mvn,
  add: addSub('add', false, false), sub: addSub('sub', false, false),
  adds: addSub('add', true, false), subs: addSub('sub', true, false),
  cmp: addSub('sub', true, true), cmn: addSub('add', true, true),
  neg, negs: neg, adc: carryOp('adc'), sbc: carryOp('sbc'),
  and: logic('and', false, false, false), orr: logic('or', false, false, false), eor: logic('xor', false, false, false),
  bic: logic('and', true, false, false), orn: logic('or', true, false, false), eon: logic('xor', true, false, false),
  ands: logic('and', false, true, false), bics: logic('and', true, true, false), tst: logic('and', false, true, true),
  lsl: shift('lsl'), lsr: shift('lsr'), asr: shift('asr'), ror: shift('ror'),
  lslv: shift('lsl'), lsrv: shift('lsr'), asrv: shift('asr'), rorv: shift('ror'),
  mul: mulAdd('mul'), madd: mulAdd('madd'), msub: mulAdd('msub'), mneg: mulAdd('mneg'),
  smull: mulLong(true, 'mul'), umull: mulLong(false, 'mul'), smaddl: mulLong(true, 'add'), umaddl: mulLong(false, 'add'),
  smsubl: mulLong(true, 'sub'), umsubl: mulLong(false, 'sub'), smnegl: mulLong(true, 'neg'), umnegl: mulLong(false, 'neg'),
  smulh: mulHigh(true), umulh: mulHigh(false),
  sdiv: divide(true), udiv: divide(false),
  sxtb: extend(true, 8), sxth: extend(true, 16), sxtw: extend(true, 32),
  uxtb: extend(false, 8), uxth: extend(false, 16), uxtw: extend(false, 32),
  ubfx: bitfieldMove('extract', false), sbfx: bitfieldMove('extract', true),
  ubfiz: bitfieldMove('insert-zero', false), sbfiz: bitfieldMove('insert-zero', true),
  bfi: bitfieldInsert(false), bfxil: bitfieldInsert(true), extr,
  clz, rbit, rev: rev('width'), rev16: rev(16), rev32: rev(32),
  ...CONDITIONAL_RULES,
};
