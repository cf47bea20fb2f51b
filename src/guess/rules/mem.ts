// Loads and stores: every AArch64 addressing mode gcc emits (immediate,
// register with shift or extend, pre- and post-index, `:lo12:` after
// `adrp`, literals), single registers and pairs, general, s, d and q
// registers. Memory layout is the source's: the same addresses hold the
// same bytes, so a load or store becomes the RISC-V access of the same size.
import type { InstructionStatement, Operand } from '../../asm/ast.js';
import { evalConst, printExpr } from '../../asm/expr.js';
import { fprOf, gprOf } from '../../isa/aarch64/semantics/operands.js';
import type { BlockLowerer } from '../context.js';
import { fitsImm12 } from '../context.js';
import { addConst, extendInto, extendKind, gprAt, immOf, shiftAmount, zext32 } from './int-operands.js';
import type { IntRule } from './int.js';

/** A resolved address: `offset(base)` with a 12-bit offset, plus the base update of pre/post-index forms. */
interface Address {
  base: string;
  offset: number;
  /** Source register of the base and the value to add to it after the access (writeback). */
  writeback?: { src: string; delta: bigint };
}

function memOperand(ins: InstructionStatement, k: number, ctx: BlockLowerer): Extract<Operand, { kind: 'a64mem' }> {
  const op = ins.operands[k];
  if (op?.kind !== 'a64mem') ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a memory operand`);
  return op;
}

function baseNumber(name: string): number | undefined {
  const g = gprOf(name);
  return g && g.root.startsWith('x') ? Number(g.root.slice(1)) : undefined;
}

/**
 * The address of memory operand k. `span` is the number of bytes accessed from it
 * (pairs access two registers), so that every offset used stays encodable.
 */
function address(ins: InstructionStatement, k: number, span: number, ctx: BlockLowerer): Address {
  const m = memOperand(ins, k, ctx);
  const post = ins.operands[k + 1];
  const n = baseNumber(m.base);
  const off = m.offset;
  // adrp page + :lo12:sym
  if (off && (off.kind === 'imm' || off.kind === 'expr') && off.expr.kind === 'reloc') {
    const reloc = off.expr;
    const sym = printExpr(reloc.arg);
    const t = ctx.scratch();
    if (reloc.op === 'lo12' && n !== undefined && ctx.holdsPageOf(n, sym)) {
      ctx.emit(`lla ${t}, ${sym}`);
      if (m.writeback) ctx.refuse('writeback with a :lo12: offset');
      return { base: t, offset: 0 };
    }
    if (reloc.op !== 'lo12') ctx.refuse(`relocation :${reloc.op}: in an address is not lowered`);
    // The base holds a page address computed elsewhere: add the low 12 bits of the symbol.
    const b = ctx.readGpr(m.base);
    ctx.emit(`lla ${t}, ${sym}`);
    ctx.emit(`slli ${t}, ${t}, 52`);
    ctx.emit(`srli ${t}, ${t}, 52`);
    ctx.emit(`add ${t}, ${t}, ${b}`);
    return { base: t, offset: 0 };
  }
  const base = ctx.readGpr(m.base);
  let delta = 0n;
  let index: string | undefined;
  if (off) {
    const v = immOf(off);
    if (v !== undefined) delta = v;
    else if (off.kind === 'reg') {
      const g = gprOf(off.name);
      if (!g) ctx.refuse(`bad index register '${off.name}'`);
      const r = ctx.readGpr(off.name);
      const ext = m.extend;
      if (!ext) index = r;
      else {
        const amount = shiftAmount(ext, ctx);
        if (ext.op === 'lsl') index = amount ? extendInto(ctx, r, false, 64, amount) : r;
        else {
          const e = extendKind(ext.op);
          if (!e) ctx.refuse(`index extend '${ext.op}' is not lowered`);
          index = extendInto(ctx, r, e[0], e[1], amount);
        }
      }
    } else ctx.refuse(`address offset of '${ins.mnemonic}' is not lowered`);
  }
  let postDelta: bigint | undefined;
  if (post && !m.writeback) {
    const v = immOf(post);
    if (v === undefined) ctx.refuse(`post-index of '${ins.mnemonic}' must be a constant`);
    postDelta = v;
  }
  if (index) {
    const t = ctx.isScratch(index) ? index : ctx.scratch();
    ctx.emit(`add ${t}, ${base}, ${index}`);
    return { base: t, offset: 0 };
  }
  if (m.writeback) {
    // Pre-index: update the base first, then access at offset 0.
    return { base, offset: 0, writeback: { src: m.base, delta } };
  }
  if (postDelta !== undefined) return { base, offset: 0, writeback: { src: m.base, delta: postDelta } };
  if (fitsImm12(delta) && fitsImm12(delta + BigInt(span))) return { base, offset: Number(delta) };
  const t = ctx.scratch();
  addConst(ctx, t, base, delta);
  return { base: t, offset: 0 };
}

/** Emits the pre-index base update (before the access) or the post-index one (after). */
function preIndex(ins: InstructionStatement, a: Address, k: number, ctx: BlockLowerer): void {
  const m = memOperand(ins, k, ctx);
  if (a.writeback && m.writeback) updateBase(a, ctx);
}

function postIndex(ins: InstructionStatement, a: Address, k: number, ctx: BlockLowerer): void {
  const m = memOperand(ins, k, ctx);
  if (a.writeback && !m.writeback) updateBase(a, ctx);
}

function updateBase(a: Address, ctx: BlockLowerer): void {
  const wb = a.writeback!;
  const d = ctx.writeGpr(wb.src);
  addConst(ctx, d.reg, a.base, wb.delta);
  d.commit();
  a.base = d.reg;
}

interface Access {
  bytes: number;
  signed: boolean;
  /** Destination/source register kind (b and h views live in the register's 16-byte slot, like q). */
  fp: false | 'b' | 'h' | 's' | 'd' | 'q';
  /** Width of the general register written (32: zero-extend after a sign-extending load). */
  regWidth: 32 | 64;
}

function gprLoadOp(bytes: number, signed: boolean): string {
  switch (bytes) {
    case 1: return signed ? 'lb' : 'lbu';
    case 2: return signed ? 'lh' : 'lhu';
    case 4: return signed ? 'lw' : 'lwu';
    default: return 'ld';
  }
}

function gprStoreOp(bytes: number): string {
  return bytes === 1 ? 'sb' : bytes === 2 ? 'sh' : bytes === 4 ? 'sw' : 'sd';
}

function accessFor(mnemonic: string, regName: string, ctx: BlockLowerer): Access {
  const f = fprOf(regName);
  if (f) {
    if (f.w === 32) return { bytes: 4, signed: false, fp: 's', regWidth: 64 };
    if (f.w === 64) return { bytes: 8, signed: false, fp: 'd', regWidth: 64 };
    if (f.w === 128) return { bytes: 16, signed: false, fp: 'q', regWidth: 64 };
    return { bytes: f.w / 8, signed: false, fp: f.w === 8 ? 'b' : 'h', regWidth: 64 };
  }
  const g = gprOf(regName);
  if (!g) ctx.refuse(`'${mnemonic}' needs a register, not '${regName}'`);
  const base = mnemonic.replace(/^(ld|st)u?r/, '$1r').replace(/^ldp/, 'ldp').replace(/^stp/, 'stp');
  const width = g.w;
  switch (base) {
    case 'ldrb': case 'strb': return { bytes: 1, signed: false, fp: false, regWidth: width };
    case 'ldrh': case 'strh': return { bytes: 2, signed: false, fp: false, regWidth: width };
    case 'ldrsb': return { bytes: 1, signed: true, fp: false, regWidth: width };
    case 'ldrsh': return { bytes: 2, signed: true, fp: false, regWidth: width };
    case 'ldrsw': case 'ldpsw': return { bytes: 4, signed: true, fp: false, regWidth: 64 };
    default: return { bytes: width / 8, signed: false, fp: false, regWidth: width };
  }
}

/** Loads one register from offset(base). */
function loadOne(regName: string, acc: Access, base: string, offset: number, ctx: BlockLowerer): void {
  if (acc.fp === 'b' || acc.fp === 'h') {
    // A scalar load zeroes the rest of the 128-bit register.
    const slot = ctx.vectorSlot(regName);
    const t = ctx.scratch();
    const a = ctx.scratch();
    ctx.emit(`${acc.fp === 'b' ? 'lbu' : 'lhu'} ${t}, ${offset}(${base})`);
    ctx.emit(`lla ${a}, ${slot.symbol}`);
    ctx.emit(`sd ${t}, ${slot.offset}(${a})`);
    ctx.emit(`sd zero, ${slot.offset + 8}(${a})`);
    ctx.releaseInt(a);
    ctx.releaseInt(t);
    return;
  }
  if (acc.fp === 'q') {
    const slot = ctx.vectorSlot(regName);
    const t = ctx.scratch();
    const a = ctx.scratch();
    ctx.emit(`lla ${a}, ${slot.symbol}`);
    ctx.emit(`ld ${t}, ${offset}(${base})`);
    ctx.emit(`sd ${t}, ${slot.offset}(${a})`);
    ctx.emit(`ld ${t}, ${offset + 8}(${base})`);
    ctx.emit(`sd ${t}, ${slot.offset + 8}(${a})`);
    ctx.releaseInt(a);
    ctx.releaseInt(t);
    return;
  }
  if (acc.fp === 's' || acc.fp === 'd') {
    const d = ctx.writeFpr(regName, acc.fp);
    ctx.emit(`${acc.fp === 'd' ? 'fld' : 'flw'} ${d.reg}, ${offset}(${base})`);
    d.commit();
    return;
  }
  const d = ctx.writeGpr(regName);
  ctx.emit(`${gprLoadOp(acc.bytes, acc.signed)} ${d.reg}, ${offset}(${base})`);
  if (acc.signed && acc.regWidth === 32) zext32(ctx, d.reg);
  d.commit();
}

function storeOne(regName: string, acc: Access, base: string, offset: number, ctx: BlockLowerer): void {
  if (acc.fp === 'b' || acc.fp === 'h') {
    const slot = ctx.vectorSlot(regName);
    const t = ctx.scratch();
    ctx.emit(`lla ${t}, ${slot.symbol}`);
    ctx.emit(`${acc.fp === 'b' ? 'lbu' : 'lhu'} ${t}, ${slot.offset}(${t})`);
    ctx.emit(`${acc.fp === 'b' ? 'sb' : 'sh'} ${t}, ${offset}(${base})`);
    ctx.releaseInt(t);
    return;
  }
  if (acc.fp === 'q') {
    const slot = ctx.vectorSlot(regName);
    const t = ctx.scratch();
    const a = ctx.scratch();
    ctx.emit(`lla ${a}, ${slot.symbol}`);
    ctx.emit(`ld ${t}, ${slot.offset}(${a})`);
    ctx.emit(`sd ${t}, ${offset}(${base})`);
    ctx.emit(`ld ${t}, ${slot.offset + 8}(${a})`);
    ctx.emit(`sd ${t}, ${offset + 8}(${base})`);
    ctx.releaseInt(a);
    ctx.releaseInt(t);
    return;
  }
  if (acc.fp === 's' || acc.fp === 'd') {
    const r = ctx.readFpr(regName, acc.fp);
    ctx.emit(`${acc.fp === 'd' ? 'fsd' : 'fsw'} ${r}, ${offset}(${base})`);
    return;
  }
  const r = ctx.readGpr(regName);
  ctx.emit(`${gprStoreOp(acc.bytes)} ${r}, ${offset}(${base})`);
}

function regName(ins: InstructionStatement, k: number, ctx: BlockLowerer): string {
  const op = ins.operands[k];
  if (op?.kind !== 'reg') ctx.refuse(`operand ${k + 1} of '${ins.mnemonic}' must be a register`);
  return op.name;
}

/** `ldr x0, =value` and `ldr x0, .Lliteral` (pc-relative literal). */
function literalLoad(ins: InstructionStatement, ctx: BlockLowerer): boolean {
  const op = ins.operands[1];
  const name = regName(ins, 0, ctx);
  if (op?.kind === 'imm' && op.prefix === '=') {
    const v = evalConst(op.expr);
    const g = gprOf(name);
    if (v === undefined || !g) ctx.refuse(`literal '${printExpr(op.expr)}' is not lowered`);
    ctx.rule('ldr-literal-const');
    const d = ctx.writeGpr(name);
    ctx.li(d.reg, g.w === 32 ? v & 0xffffffffn : v);
    d.commit();
    return true;
  }
  if (op?.kind === 'expr' && (op.expr.kind === 'sym' || op.expr.kind === 'binary')) {
    ctx.rule('ldr-literal');
    const acc = accessFor(ins.mnemonic, name, ctx);
    const t = ctx.scratch();
    ctx.emit(`lla ${t}, ${printExpr(op.expr)}`);
    loadOne(name, acc, t, 0, ctx);
    return true;
  }
  return false;
}

/** `ldr x0, [x0, #:got_lo12:sym]` after `adrp x0, :got:sym`: the address of sym. */
function gotLoad(ins: InstructionStatement, ctx: BlockLowerer): boolean {
  const m = ins.operands[1];
  if (m?.kind !== 'a64mem' || !m.offset || (m.offset.kind !== 'imm' && m.offset.kind !== 'expr')) return false;
  const e = m.offset.expr;
  if (e.kind !== 'reloc' || e.op !== 'got_lo12') return false;
  const n = baseNumber(m.base);
  const sym = printExpr(e.arg);
  if (n === undefined || ctx.pendingPage.get(n) !== `:got:${sym}`) ctx.refuse(`GOT load of ${sym} without its adrp in the same block`);
  ctx.rule('got-load');
  const d = ctx.writeGpr(regName(ins, 0, ctx));
  ctx.emit(`la ${d.reg}, ${sym}`);
  d.commit();
  return true;
}

function single(isLoad: boolean): IntRule {
  return (ins, ctx) => {
    if (isLoad && literalLoad(ins, ctx)) return;
    if (isLoad && gotLoad(ins, ctx)) return;
    const name = regName(ins, 0, ctx);
    const acc = accessFor(ins.mnemonic, name, ctx);
    ctx.rule(`${isLoad ? 'load' : 'store'}-${acc.fp || acc.bytes * 8}`);
    const a = address(ins, 1, acc.bytes, ctx);
    preIndex(ins, a, 1, ctx);
    if (isLoad) loadOne(name, acc, a.base, a.offset, ctx);
    else storeOne(name, acc, a.base, a.offset, ctx);
    postIndex(ins, a, 1, ctx);
  };
}

function pair(isLoad: boolean): IntRule {
  return (ins, ctx) => {
    const r1 = regName(ins, 0, ctx);
    const r2 = regName(ins, 1, ctx);
    const acc = accessFor(ins.mnemonic, r1, ctx);
    ctx.rule(`${isLoad ? 'ldp' : 'stp'}-${acc.fp || acc.bytes * 8}`);
    const a = address(ins, 2, acc.bytes * 2, ctx);
    preIndex(ins, a, 2, ctx);
    // A load into the base register itself must come last.
    const baseIsR1 = isLoad && gprOf(r1)?.root === gprOf(memOperand(ins, 2, ctx).base)?.root;
    if (isLoad) {
      if (baseIsR1) {
        loadOne(r2, acc, a.base, a.offset + acc.bytes, ctx);
        loadOne(r1, acc, a.base, a.offset, ctx);
      } else {
        loadOne(r1, acc, a.base, a.offset, ctx);
        loadOne(r2, acc, a.base, a.offset + acc.bytes, ctx);
      }
    } else {
      storeOne(r1, acc, a.base, a.offset, ctx);
      storeOne(r2, acc, a.base, a.offset + acc.bytes, ctx);
    }
    postIndex(ins, a, 2, ctx);
  };
}

/** Acquire loads and release stores: the access with fences around it (RVWMO mapping of ldar/stlr). */
function ordered(isLoad: boolean): IntRule {
  return (ins, ctx) => {
    const name = regName(ins, 0, ctx);
    const acc = accessFor(ins.mnemonic.replace(/^ldar/, 'ldr').replace(/^stlr/, 'str'), name, ctx);
    ctx.rule(isLoad ? 'ldar' : 'stlr');
    const a = address(ins, 1, acc.bytes, ctx);
    if (isLoad) {
      ctx.emit('fence rw, rw');
      loadOne(name, acc, a.base, a.offset, ctx);
      ctx.emit('fence r, rw');
    } else {
      ctx.emit('fence rw, w');
      storeOne(name, acc, a.base, a.offset, ctx);
    }
  };
}

/** adrp x, sym: the page address, kept pending so that a following :lo12: use becomes one `lla`. */
const adrp: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const op = ins.operands[1];
  const e = op?.kind === 'expr' || op?.kind === 'imm' ? op.expr : undefined;
  if (!e) return ctx.refuse('adrp needs a symbol');
  ctx.rule('adrp');
  const w = ctx.writeGpr(dst.name); // drops an older pending page
  w.commit();
  const n = baseNumber(dst.name)!;
  if (e.kind === 'reloc' && e.op === 'got') ctx.pendingPage.set(n, `:got:${printExpr(e.arg)}`);
  else ctx.pendingPage.set(n, printExpr(e));
};

/** add x, x, :lo12:sym after adrp. */
export function addLo12(ins: InstructionStatement, ctx: BlockLowerer): boolean {
  const op = ins.operands[2];
  if (!op || (op.kind !== 'imm' && op.kind !== 'expr') || op.expr.kind !== 'reloc' || op.expr.op !== 'lo12') return false;
  const sym = printExpr(op.expr.arg);
  const src = gprAt(ins, 1, ctx);
  const n = baseNumber(src.name);
  if (n !== undefined && ctx.holdsPageOf(n, sym)) {
    ctx.rule('adrp+add');
    const dst = gprAt(ins, 0, ctx);
    const d = ctx.writeGpr(dst.name);
    ctx.emit(`lla ${d.reg}, ${sym}`);
    d.commit();
    const dn = baseNumber(dst.name);
    if (dn !== undefined) ctx.knownAddress.set(dn, sym);
    return true;
  }
  ctx.rule('add-lo12');
  const b = ctx.readGpr(src.name);
  const t = ctx.scratch();
  ctx.emit(`lla ${t}, ${sym}`);
  ctx.emit(`slli ${t}, ${t}, 52`);
  ctx.emit(`srli ${t}, ${t}, 52`);
  const dst = gprAt(ins, 0, ctx);
  const page = n !== undefined && ctx.pageFacts.get(n) === sym;
  const d = ctx.writeGpr(dst.name);
  ctx.emit(`add ${d.reg}, ${b}, ${t}`);
  d.commit();
  const dn = baseNumber(dst.name);
  if (page && dn !== undefined) ctx.knownAddress.set(dn, sym);
  return true;
}

const adr: IntRule = (ins, ctx) => {
  const dst = gprAt(ins, 0, ctx);
  const op = ins.operands[1];
  if (op?.kind !== 'expr') return ctx.refuse('adr needs a label');
  ctx.rule('adr');
  const d = ctx.writeGpr(dst.name);
  ctx.emit(`lla ${d.reg}, ${printExpr(op.expr)}`);
  d.commit();
  const dn = baseNumber(dst.name);
  if (dn !== undefined && op.expr.kind === 'sym') ctx.knownAddress.set(dn, op.expr.name);
};

const prfm: IntRule = (_ins, ctx) => {
  ctx.rule('prfm-dropped');
};

export const MEM_RULES: Record<string, IntRule> = {
  ldr: single(true), ldrb: single(true), ldrh: single(true), ldrsb: single(true), ldrsh: single(true), ldrsw: single(true),
  ldur: single(true), ldurb: single(true), ldurh: single(true), ldursb: single(true), ldursh: single(true), ldursw: single(true),
  str: single(false), strb: single(false), strh: single(false), stur: single(false), sturb: single(false), sturh: single(false),
  ldp: pair(true), ldpsw: pair(true), stp: pair(false), ldnp: pair(true), stnp: pair(false),
  ldar: ordered(true), ldarb: ordered(true), ldarh: ordered(true),
  stlr: ordered(false), stlrb: ordered(false), stlrh: ordered(false),
  adrp, adr, prfm,
};
