// Bit-field moves (ubfm/sbfm/bfm and their aliases), extends, extr,
// counting and reversing bits and bytes, conditional select and
// conditional compare.
import { add, c, concat, extract, ite, neg, not, sext, shl, trunc, xor, zext } from '../../../ir/build.js';
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { insertBits } from './arith.js';
import {
  addWithCarry, condition, conditionName, conditionHolds, currentFlags, flagsFromNzcv, gpr, immConst, immSmall, isImmOperand,
  readGpr, selectFlags, setFlags, writeGpr, type Ctx, type Ins,
} from './operands.js';

function sourceN(ins: Ins, k: number, ctx: Ctx, w: number): BV {
  const g = gpr(ins, k, ctx);
  if (g.w !== w) ctx.unsupported(`'${ins.mnemonic}' mixes register widths`);
  return readGpr(ctx, g);
}

// ---------------------------------------------------------------- bit-field moves

interface Field {
  lsb: number;
  width: number;
}

/** `#lsb, #width` operands at k, k+1, checked against the data size as the assembler does. */
function field(ins: Ins, k: number, ctx: Ctx, w: number): Field {
  const lsb = immSmall(ins, k, ctx, w - 1);
  const width = immSmall(ins, k + 1, ctx, w);
  if (width < 1 || lsb + width > w) ctx.unsupported(`'${ins.mnemonic}' field #${lsb}, #${width} does not fit ${w} bits`);
  return { lsb, width };
}

/** Extract (ubfx/sbfx): bits lsb+width-1..lsb of n, extended to w. */
function extractField(n: BV, f: Field, signed: boolean): BV {
  const bits = extract(f.lsb + f.width - 1, f.lsb, n);
  return signed ? sext(n.w, bits) : zext(n.w, bits);
}

/** Insert in zero (ubfiz/sbfiz): the low `width` bits of n, extended, shifted to lsb. */
function insertZero(n: BV, f: Field, signed: boolean): BV {
  const bits = trunc(f.width, n);
  const ext = signed ? sext(n.w, bits) : zext(n.w, bits);
  return shl(ext, c(n.w, f.lsb));
}

type FieldOp = (d: BV, n: BV, f: Field) => BV;

function bitfield(op: FieldOp): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const f = field(i, 2, ctx, d.w);
    writeGpr(ctx, d, op(readGpr(ctx, d), sourceN(i, 1, ctx, d.w), f));
  };
}

const ubfx: FieldOp = (_d, n, f) => extractField(n, f, false);
const sbfx: FieldOp = (_d, n, f) => extractField(n, f, true);
const ubfiz: FieldOp = (_d, n, f) => insertZero(n, f, false);
const sbfiz: FieldOp = (_d, n, f) => insertZero(n, f, true);
const bfi: FieldOp = (d, n, f) => insertBits(d, f.lsb + f.width - 1, f.lsb, trunc(f.width, n));
const bfxil: FieldOp = (d, n, f) => insertBits(d, f.width - 1, 0, extract(f.lsb + f.width - 1, f.lsb, n));

/**
 * ubfm/sbfm/bfm d, n, #immr, #imms: with imms >= immr the field
 * imms..immr of n moves to the bottom (the *fx forms), otherwise the low
 * imms+1 bits move up to bit w-immr (the *fiz / bfi forms).
 */
function bitfieldMove(extractOp: FieldOp, insertOp: FieldOp): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const immr = immSmall(i, 2, ctx, d.w - 1);
    const imms = immSmall(i, 3, ctx, d.w - 1);
    const n = sourceN(i, 1, ctx, d.w);
    const old = readGpr(ctx, d);
    if (imms >= immr) writeGpr(ctx, d, extractOp(old, n, { lsb: immr, width: imms - immr + 1 }));
    else writeGpr(ctx, d, insertOp(old, n, { lsb: d.w - immr, width: imms + 1 }));
  };
}

/** sxtb/sxth/sxtw/uxtb/uxth/uxtw d, Wn: extend the low bits of n to the destination size. */
function extend(bits: number, signed: boolean): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const n = gpr(i, 1, ctx);
    if (n.w !== 32 || bits >= d.w) ctx.unsupported(`'${i.mnemonic}' takes a W source and a wider destination`);
    const low = trunc(bits, readGpr(ctx, n));
    writeGpr(ctx, d, signed ? sext(d.w, low) : zext(d.w, low));
  };
}

/** extr d, n, m, #lsb: bits lsb+w-1..lsb of n:m. */
const extr: InstructionSemantics = (i, ctx) => {
  const d = gpr(i, 0, ctx);
  const lsb = immSmall(i, 3, ctx, d.w - 1);
  const both = concat(sourceN(i, 1, ctx, d.w), sourceN(i, 2, ctx, d.w));
  writeGpr(ctx, d, extract(lsb + d.w - 1, lsb, both));
};

// ---------------------------------------------------------------- counting and reversing

/** Number of leading zero bits, as a w-bit value: a priority chain from the top bit. */
export function countLeadingZeros(x: BV, w: number): BV {
  let r = c(w, x.w);
  for (let bit = 0; bit < x.w; bit++) r = ite(extract(bit, bit, x), c(w, x.w - 1 - bit), r);
  return r;
}

const clz: InstructionSemantics = (i, ctx) => {
  const d = gpr(i, 0, ctx);
  writeGpr(ctx, d, countLeadingZeros(sourceN(i, 1, ctx, d.w), d.w));
};

/** cls: leading bits equal to the sign bit, not counting the sign bit itself. */
const cls: InstructionSemantics = (i, ctx) => {
  const d = gpr(i, 0, ctx);
  const n = sourceN(i, 1, ctx, d.w);
  const diff = xor(extract(d.w - 1, 1, n), extract(d.w - 2, 0, n));
  writeGpr(ctx, d, countLeadingZeros(diff, d.w));
};

/** The value with its bits (rbit) or its `unit`-bit groups inside `container`-bit groups reversed. */
export function reverseBits(x: BV): BV {
  let r = extract(0, 0, x);
  for (let b = 1; b < x.w; b++) r = concat(r, extract(b, b, x));
  return r;
}

/** Reverses the order of `unit`-bit groups inside each `container`-bit group (rev, rev16, rev32). */
export function reverseUnits(x: BV, unit: number, container: number): BV {
  const chunks: BV[] = [];
  for (let base = 0; base < x.w; base += container) {
    // The container's lowest unit becomes its highest: concat puts the accumulated part on top.
    let r = extract(base + unit - 1, base, x);
    for (let u = base + unit; u < base + container; u += unit) r = concat(r, extract(u + unit - 1, u, x));
    chunks.push(r);
  }
  return chunks.reduceRight((acc, ch) => concat(acc, ch));
}

function reverse(unit: number, container: number | 'w'): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const size = container === 'w' ? d.w : container;
    if (size > d.w) ctx.unsupported(`'${i.mnemonic}' needs an X register`);
    const n = sourceN(i, 1, ctx, d.w);
    writeGpr(ctx, d, unit === 1 ? reverseBits(n) : reverseUnits(n, unit, size));
  };
}

// ---------------------------------------------------------------- conditional select and compare

type SelectOp = (m: BV) => BV;

/** csel/csinc/csinv/csneg d, n, m, cond: cond ? n : op(m). */
function select(op: SelectOp): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const n = sourceN(i, 1, ctx, d.w);
    const m = sourceN(i, 2, ctx, d.w);
    writeGpr(ctx, d, ite(condition(i, 3, ctx), n, op(m)));
  };
}

const inc: SelectOp = (m) => add(m, c(m.w, 1));
const id: SelectOp = (m) => m;

/**
 * The aliases with an inverted condition (cset, csetm, cinc, cinv, cneg).
 * gas refuses them with `al`/`nv` (the inverse of `al` is `nv`, which also
 * always holds, so the alias would not mean what it says): so do we.
 */
function conditionalAlias(hasSource: boolean, op: (n: BV) => BV): InstructionSemantics {
  return (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const k = hasSource ? 2 : 1;
    const name = conditionName(i, k, ctx);
    if (name === 'al' || name === 'nv') ctx.unsupported(`'${i.mnemonic}' cannot take condition '${name}'`);
    const n = hasSource ? sourceN(i, 1, ctx, d.w) : c(d.w, 0);
    writeGpr(ctx, d, ite(conditionHolds(name, currentFlags(ctx)), op(n), n));
  };
}

/** ccmp/ccmn n, m|#imm5, #nzcv, cond: the flags of n - m (n + m) if cond holds, else #nzcv. */
function conditionalCompare(subtract: boolean): InstructionSemantics {
  return (i, ctx) => {
    const n = gpr(i, 0, ctx);
    const a = readGpr(ctx, n);
    let b: BV;
    if (isImmOperand(i.operands[1])) {
      const imm = immConst(i, 1, ctx);
      if (imm < 0n || imm > 31n) ctx.unsupported(`'${i.mnemonic}' immediate must be in 0..31`);
      b = c(n.w, imm);
    } else {
      b = sourceN(i, 1, ctx, n.w);
    }
    const nzcv = immSmall(i, 2, ctx, 15);
    const holds = condition(i, 3, ctx);
    const r = subtract ? addWithCarry(a, not(b), c(1, 1)) : addWithCarry(a, b, c(1, 0));
    setFlags(ctx, selectFlags(holds, r.flags, flagsFromNzcv(nzcv)));
  };
}

export const BITS_SEMANTICS: Record<string, InstructionSemantics> = {
  ubfx: bitfield(ubfx),
  sbfx: bitfield(sbfx),
  ubfiz: bitfield(ubfiz),
  sbfiz: bitfield(sbfiz),
  bfi: bitfield(bfi),
  bfxil: bitfield(bfxil),
  bfc: (i, ctx) => {
    const d = gpr(i, 0, ctx);
    const f = field(i, 1, ctx, d.w);
    writeGpr(ctx, d, insertBits(readGpr(ctx, d), f.lsb + f.width - 1, f.lsb, c(f.width, 0)));
  },
  ubfm: bitfieldMove(ubfx, ubfiz),
  sbfm: bitfieldMove(sbfx, sbfiz),
  bfm: bitfieldMove(bfxil, bfi),
  sxtb: extend(8, true),
  sxth: extend(16, true),
  sxtw: extend(32, true),
  uxtb: extend(8, false),
  uxth: extend(16, false),
  uxtw: extend(32, false),
  extr,
  clz,
  cls,
  rbit: reverse(1, 'w'),
  rev: reverse(8, 'w'),
  rev16: reverse(8, 16),
  rev32: reverse(8, 32),
  rev64: reverse(8, 64),
  csel: select(id),
  csinc: select(inc),
  csinv: select(not),
  csneg: select(neg),
  cset: conditionalAlias(false, (n) => c(n.w, 1)),
  csetm: conditionalAlias(false, (n) => c(n.w, -1)),
  cinc: conditionalAlias(true, inc),
  cinv: conditionalAlias(true, not),
  cneg: conditionalAlias(true, neg),
  ccmp: conditionalCompare(true),
  ccmn: conditionalCompare(false),
};
