// Loads and stores: every width and signedness, general and SIMD&FP
// registers, pairs, every addressing mode (base, immediate offset,
// pre-index `[x0, #8]!`, post-index `[x0], #8`, register offset with
// lsl/uxtw/sxtw/sxtx and scaling, `:lo12:` offsets, GOT loads), literal
// loads, adr/adrp, exclusives (single-thread model) and LSE atomics (plain
// sequential semantics).
import type { Expr } from '../../../asm/ast.js';
import { add, and, c, constOf, eq, ite, sext, trunc, v, zext } from '../../../ir/build.js';
import { symbolAddress } from '../../../ir/asmexpr.js';
import type { BV } from '../../../ir/expr.js';
import type { InstructionSemantics } from '../../../ir/semantics.js';
import { addAddress } from './arith.js';
import {
  applyExtend, applyShift, fprOf, gprOf, isExtend, operand, readFpr, readGpr, shiftAmount, writeFpr, writeGpr,
  type Ctx, type Fpr, type Gpr, type Ins,
} from './operands.js';

// ---------------------------------------------------------------- the GOT

/**
 * The address of sym's GOT entry, an unknown of its own. `adrp x0, :got:sym`
 * gives its page; `ldr x0, [x0, :got_lo12:sym]` reads the entry, which in a
 * linked program holds sym's address. The dynamic linker fills the GOT
 * before any user code runs and it is read-only afterwards (RELRO), and no
 * correct program stores to it, so reading the entry always gives &sym.
 * The load below says exactly that: if the address is the entry, the
 * value is &sym, otherwise it is an ordinary load.
 */
export function gotEntry(sym: string): BV {
  // One node per symbol, so that the entry's address compares equal to itself structurally.
  let e = GOT_ENTRIES.get(sym);
  if (!e) GOT_ENTRIES.set(sym, (e = v(64, `&${sym}@got`)));
  return e;
}
const GOT_ENTRIES = new Map<string, BV>();

function gotSymbol(e: Expr, op: string): string | undefined {
  if (e.kind === 'reloc' && e.op.toLowerCase() === op && e.arg.kind === 'sym') return e.arg.name;
  return undefined;
}

// ---------------------------------------------------------------- addresses

export interface Address {
  addr: BV;
  /** The base register and its new value, for pre- and post-indexed forms. */
  writeback?: { base: Gpr; value: BV };
  /** Set for `[xn, :got_lo12:sym]`: the symbol whose GOT entry is addressed. */
  got?: string;
}

function baseRegister(ins: Ins, name: string, ctx: Ctx): Gpr {
  const g = gprOf(name);
  if (!g || g.w !== 64 || g.root === 'zr') ctx.unsupported(`'${ins.mnemonic}' base must be an X register or sp`);
  return g;
}

/**
 * The address of the memory operand at k, for an access of `size` bytes
 * (the scale of a register offset written `lsl #log2(size)`). A post-index
 * offset is the following operand: an immediate, or for SIMD structure
 * loads a register.
 */
export function memAddress(ins: Ins, k: number, ctx: Ctx, allowRegPost = false): Address {
  const op = operand(ins, k, ctx);
  if (op.kind !== 'a64mem') ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a memory operand`);
  const base = baseRegister(ins, op.base, ctx);
  const b = readGpr(ctx, base);
  let offset: BV = c(64, 0);
  let got: string | undefined;
  if (op.offset) {
    if (op.offset.kind === 'reg') {
      const idx = gprOf(op.offset.name);
      if (!idx || idx.root === 'sp') ctx.unsupported(`'${ins.mnemonic}' index must be a general register`);
      if (op.writeback) ctx.unsupported(`'${ins.mnemonic}' register offset cannot write back`);
      const x = readGpr(ctx, idx);
      const ext = op.extend;
      if (!ext) {
        if (idx.w !== 64) ctx.unsupported(`'${ins.mnemonic}' W index needs uxtw or sxtw`);
        offset = x;
      } else if (ext.op === 'lsl') {
        if (idx.w !== 64) ctx.unsupported(`'${ins.mnemonic}' W index needs uxtw or sxtw`);
        offset = applyShift('lsl', x, shiftAmount(ins, ext, ctx, 4));
      } else if (isExtend(ext.op)) {
        const wantW = ext.op === 'uxtw' || ext.op === 'sxtw';
        if (!['uxtw', 'sxtw', 'sxtx', 'uxtx'].includes(ext.op) || (idx.w === 32) !== wantW) {
          ctx.unsupported(`'${ins.mnemonic}' index extend '${ext.op}' does not fit a ${idx.w}-bit index`);
        }
        offset = applyExtend(ext.op, x, 64, shiftAmount(ins, ext, ctx, 4));
      } else {
        ctx.unsupported(`'${ins.mnemonic}' index modifier '${ext.op}'`);
      }
    } else if (op.offset.kind === 'imm' || op.offset.kind === 'expr') {
      got = gotSymbol(op.offset.expr, 'got_lo12');
      offset = got !== undefined ? and(gotEntry(got), c(64, 0xfff)) : ctx.value(op.offset.expr);
    } else {
      ctx.unsupported(`'${ins.mnemonic}' memory offset form`);
    }
  }
  const addr = addAddress(b, offset);
  const post = ins.operands[k + 1];
  if (post) {
    if (op.offset || op.writeback) ctx.unsupported(`'${ins.mnemonic}' has an offset after an indexed address`);
    let step: BV;
    if (post.kind === 'imm' || post.kind === 'expr') step = ctx.value(post.expr);
    else if (allowRegPost && post.kind === 'reg') {
      const g = gprOf(post.name);
      if (!g || g.w !== 64 || g.root === 'sp') ctx.unsupported(`'${ins.mnemonic}' post-index register must be an X register`);
      step = readGpr(ctx, g);
    } else return ctx.unsupported(`'${ins.mnemonic}' post-index offset must be an immediate`);
    return { addr: b, writeback: { base, value: add(b, step) } };
  }
  if (op.writeback) {
    if (!op.offset) ctx.unsupported(`'${ins.mnemonic}' pre-index needs an offset`);
    return { addr, writeback: { base, value: addr } };
  }
  return got !== undefined ? { addr, got } : { addr };
}

/** Writing back into a register that is also transferred is CONSTRAINED UNPREDICTABLE: refused. */
function checkOverlap(ins: Ins, a: Address, regs: (Gpr | undefined)[], ctx: Ctx): void {
  if (!a.writeback) return;
  for (const r of regs) {
    if (r && r.root !== 'zr' && r.root === a.writeback.base.root) {
      ctx.unsupported(`'${ins.mnemonic}' writes back to a register it also transfers (unpredictable)`);
    }
  }
}

function finish(ctx: Ctx, a: Address): void {
  if (a.writeback) writeGpr(ctx, a.writeback.base, a.writeback.value);
}

// ---------------------------------------------------------------- transfer registers

type Reg = { kind: 'gpr'; g: Gpr; bytes: number } | { kind: 'fpr'; f: Fpr; bytes: number };

function transferReg(ins: Ins, k: number, ctx: Ctx): Reg {
  const op = operand(ins, k, ctx);
  if (op.kind === 'reg') {
    const g = gprOf(op.name);
    if (g && g.root !== 'sp') return { kind: 'gpr', g, bytes: g.w / 8 };
    const f = fprOf(op.name);
    if (f) return { kind: 'fpr', f, bytes: f.w / 8 };
  }
  return ctx.unsupported(`operand ${k + 1} of '${ins.mnemonic}' must be a register to transfer`);
}

function readReg(ctx: Ctx, r: Reg): BV {
  return r.kind === 'gpr' ? readGpr(ctx, r.g) : readFpr(ctx, r.f);
}

/** Writes a loaded value of r.bytes bytes (already extended by the caller for gprs). */
function writeReg(ctx: Ctx, r: Reg, value: BV): void {
  if (r.kind === 'gpr') writeGpr(ctx, r.g, value);
  else writeFpr(ctx, r.f, value);
}

function gprPart(r: Reg): Gpr | undefined {
  return r.kind === 'gpr' ? r.g : undefined;
}

// ---------------------------------------------------------------- single loads and stores

interface Access {
  /** Bytes accessed; undefined: the register's size. */
  bytes?: number;
  /** Loads: sign-extend the value to the register. */
  signed?: boolean;
}

function loadValue(ctx: Ctx, a: Address, bytes: number): BV {
  const value = ctx.load(a.addr, bytes);
  if (a.got !== undefined) {
    if (bytes !== 8) ctx.unsupported(`a GOT entry is read as 8 bytes`);
    return ite(eq(a.addr, gotEntry(a.got)), symbolAddress(a.got), value);
  }
  return value;
}

function load(access: Access): InstructionSemantics {
  return (i, ctx) => {
    const r = transferReg(i, 0, ctx);
    if (i.operands[1]?.kind !== 'a64mem') return literalLoad(i, ctx, r, access);
    const bytes = access.bytes ?? r.bytes;
    if (r.kind === 'fpr' && access.bytes !== undefined) ctx.unsupported(`'${i.mnemonic}' loads a general register`);
    const a = memAddress(i, 1, ctx);
    checkOverlap(i, a, [gprPart(r)], ctx);
    const value = loadValue(ctx, a, bytes);
    if (r.kind === 'gpr') {
      if (bytes > r.bytes) ctx.unsupported(`'${i.mnemonic}' is too wide for ${r.g.w}-bit register`);
      writeGpr(ctx, r.g, access.signed ? sext(r.g.w, value) : zext(r.g.w, value));
    } else writeFpr(ctx, r.f, value);
    finish(ctx, a);
  };
}

/**
 * `ldr x0, label` reads memory at the label; `ldr x0, =value` is a
 * literal-pool load of a constant or address the assembler places in the
 * read-only text, so the register simply gets the value.
 */
function literalLoad(i: Ins, ctx: Ctx, r: Reg, access: Access): void {
  const op = operand(i, 1, ctx);
  if (i.operands.length !== 2 || (op.kind !== 'imm' && op.kind !== 'expr')) ctx.unsupported(`'${i.mnemonic}' address form`);
  if (op.kind === 'imm' && op.prefix === '=') {
    if (r.kind !== 'gpr' || access.bytes !== undefined) ctx.unsupported(`'${i.mnemonic} =value' is modelled for W and X registers only`);
    writeGpr(ctx, r.g, trunc(r.g.w, ctx.value(op.expr)));
    return;
  }
  if (op.kind === 'imm' && op.prefix === '#') ctx.unsupported(`'${i.mnemonic}' needs an address`);
  const bytes = access.bytes ?? r.bytes;
  const value = ctx.load(ctx.value(op.expr), bytes);
  if (r.kind === 'gpr') writeGpr(ctx, r.g, access.signed ? sext(r.g.w, value) : zext(r.g.w, value));
  else writeFpr(ctx, r.f, value);
}

function store(bytes?: number): InstructionSemantics {
  return (i, ctx) => {
    const r = transferReg(i, 0, ctx);
    if (r.kind === 'fpr' && bytes !== undefined) ctx.unsupported(`'${i.mnemonic}' stores a general register`);
    const a = memAddress(i, 1, ctx);
    checkOverlap(i, a, [gprPart(r)], ctx);
    if (a.got !== undefined) ctx.unsupported(`store to a GOT entry`);
    ctx.store(a.addr, trunc((bytes ?? r.bytes) * 8, readReg(ctx, r)));
    finish(ctx, a);
  };
}

// ---------------------------------------------------------------- pairs

function loadPair(signedWord: boolean): InstructionSemantics {
  return (i, ctx) => {
    const r1 = transferReg(i, 0, ctx);
    const r2 = transferReg(i, 1, ctx);
    if (r1.kind !== r2.kind || r1.bytes !== r2.bytes) ctx.unsupported(`'${i.mnemonic}' registers must be of one kind and size`);
    if (signedWord && (r1.kind !== 'gpr' || r1.bytes !== 8)) ctx.unsupported(`'ldpsw' loads X registers`);
    const same = r1.kind === 'gpr' && r2.kind === 'gpr' ? r1.g.root === r2.g.root : r1.kind === 'fpr' && r2.kind === 'fpr' && r1.f.n === r2.f.n;
    if (same) ctx.unsupported(`'${i.mnemonic}' loads one register twice (unpredictable)`);
    const bytes = signedWord ? 4 : r1.bytes;
    const a = memAddress(i, 2, ctx);
    checkOverlap(i, a, [gprPart(r1), gprPart(r2)], ctx);
    const v1 = ctx.load(a.addr, bytes);
    const v2 = ctx.load(add(a.addr, c(64, bytes)), bytes);
    writeReg(ctx, r1, signedWord ? sext(64, v1) : v1);
    writeReg(ctx, r2, signedWord ? sext(64, v2) : v2);
    finish(ctx, a);
  };
}

const storePair: InstructionSemantics = (i, ctx) => {
  const r1 = transferReg(i, 0, ctx);
  const r2 = transferReg(i, 1, ctx);
  if (r1.kind !== r2.kind || r1.bytes !== r2.bytes) ctx.unsupported(`'${i.mnemonic}' registers must be of one kind and size`);
  const a = memAddress(i, 2, ctx);
  checkOverlap(i, a, [gprPart(r1), gprPart(r2)], ctx);
  const v1 = readReg(ctx, r1);
  const v2 = readReg(ctx, r2);
  ctx.store(a.addr, v1);
  ctx.store(add(a.addr, c(64, r1.bytes)), v2);
  finish(ctx, a);
};

// ---------------------------------------------------------------- adr, adrp

const adr: InstructionSemantics = (i, ctx) => {
  const d = transferReg(i, 0, ctx);
  const op = operand(i, 1, ctx);
  if (d.kind !== 'gpr' || d.g.w !== 64 || (op.kind !== 'expr' && op.kind !== 'imm')) return ctx.unsupported(`'adr' form`);
  writeGpr(ctx, d.g, ctx.value(op.expr));
};

/** adrp: the 4 KiB page of the address (of the GOT entry for `:got:sym`). */
const adrp: InstructionSemantics = (i, ctx) => {
  const d = transferReg(i, 0, ctx);
  const op = operand(i, 1, ctx);
  if (d.kind !== 'gpr' || d.g.w !== 64 || (op.kind !== 'expr' && op.kind !== 'imm')) return ctx.unsupported(`'adrp' form`);
  const got = gotSymbol(op.expr, 'got');
  const target = got !== undefined ? gotEntry(got) : ctx.value(op.expr);
  writeGpr(ctx, d.g, and(target, c(64, ~0xfffn)));
};

// ---------------------------------------------------------------- exclusives and acquire/release

/** Exclusive and ordered accesses take only `[xn]` or `[xn, #0]`. */
function plainAddress(i: Ins, k: number, ctx: Ctx): BV {
  const op = operand(i, k, ctx);
  if (op.kind !== 'a64mem' || op.writeback || i.operands.length > k + 1) ctx.unsupported(`'${i.mnemonic}' takes [xn]`);
  if (op.offset) {
    const zero = (op.offset.kind === 'imm' || op.offset.kind === 'expr') && constOf(ctx.value(op.offset.expr)) === 0n;
    if (!zero) ctx.unsupported(`'${i.mnemonic}' takes [xn] or [xn, #0]`);
  }
  return readGpr(ctx, baseRegister(i, op.base, ctx));
}

function sizeSuffix(mnemonic: string, g: Gpr): number {
  if (/b$/.test(mnemonic)) return 1;
  if (/h$/.test(mnemonic)) return 2;
  return g.w / 8;
}

function gprAt(i: Ins, k: number, ctx: Ctx): Gpr {
  const r = transferReg(i, k, ctx);
  if (r.kind !== 'gpr') ctx.unsupported(`operand ${k + 1} of '${i.mnemonic}' must be a general register`);
  return r.g;
}

/** ldar, ldapr, ldxr, ldaxr, ldlar (and b/h forms): a plain load in a single-threaded model. */
const orderedLoad: InstructionSemantics = (i, ctx) => {
  const t = gprAt(i, 0, ctx);
  const addr = plainAddress(i, 1, ctx);
  writeGpr(ctx, t, zext(t.w, ctx.load(addr, sizeSuffix(i.mnemonic, t))));
};

const orderedStore: InstructionSemantics = (i, ctx) => {
  const t = gprAt(i, 0, ctx);
  const addr = plainAddress(i, 1, ctx);
  ctx.store(addr, trunc(sizeSuffix(i.mnemonic, t) * 8, readGpr(ctx, t)));
};

/**
 * stxr/stlxr ws, rt, [xn]: with one thread and no intervening context
 * switch, the exclusive monitor is still set from the matching ldxr, so
 * the store happens and the status is 0. (A program whose loop relies on
 * the store failing has no single-threaded meaning.)
 */
const storeExclusive: InstructionSemantics = (i, ctx) => {
  const s = gprAt(i, 0, ctx);
  const t = gprAt(i, 1, ctx);
  const mem = operand(i, 2, ctx);
  if (s.w !== 32 || s.root === t.root || (mem.kind === 'a64mem' && gprOf(mem.base)?.root === s.root)) {
    ctx.unsupported(`'${i.mnemonic}' status register must be a W register distinct from the others`);
  }
  const addr = plainAddress(i, 2, ctx);
  ctx.store(addr, trunc(sizeSuffix(i.mnemonic, t) * 8, readGpr(ctx, t)));
  writeGpr(ctx, s, c(32, 0));
};

const loadExclusivePair: InstructionSemantics = (i, ctx) => {
  const t1 = gprAt(i, 0, ctx);
  const t2 = gprAt(i, 1, ctx);
  if (t1.w !== t2.w || t1.root === t2.root) ctx.unsupported(`'${i.mnemonic}' registers`);
  const addr = plainAddress(i, 2, ctx);
  const bytes = t1.w / 8;
  const v1 = ctx.load(addr, bytes);
  const v2 = ctx.load(add(addr, c(64, bytes)), bytes);
  writeGpr(ctx, t1, v1);
  writeGpr(ctx, t2, v2);
};

const storeExclusivePair: InstructionSemantics = (i, ctx) => {
  const s = gprAt(i, 0, ctx);
  const t1 = gprAt(i, 1, ctx);
  const t2 = gprAt(i, 2, ctx);
  if (s.w !== 32 || t1.w !== t2.w || s.root === t1.root || s.root === t2.root) ctx.unsupported(`'${i.mnemonic}' registers`);
  const addr = plainAddress(i, 3, ctx);
  ctx.store(addr, readGpr(ctx, t1));
  ctx.store(add(addr, c(64, t1.w / 8)), readGpr(ctx, t2));
  writeGpr(ctx, s, c(32, 0));
};

export const MEM_SEMANTICS: Record<string, InstructionSemantics> = {
  ldr: load({}),
  ldur: load({}),
  ldtr: load({}),
  ldrb: load({ bytes: 1 }),
  ldurb: load({ bytes: 1 }),
  ldtrb: load({ bytes: 1 }),
  ldrh: load({ bytes: 2 }),
  ldurh: load({ bytes: 2 }),
  ldtrh: load({ bytes: 2 }),
  ldrsb: load({ bytes: 1, signed: true }),
  ldursb: load({ bytes: 1, signed: true }),
  ldtrsb: load({ bytes: 1, signed: true }),
  ldrsh: load({ bytes: 2, signed: true }),
  ldursh: load({ bytes: 2, signed: true }),
  ldtrsh: load({ bytes: 2, signed: true }),
  ldrsw: load({ bytes: 4, signed: true }),
  ldursw: load({ bytes: 4, signed: true }),
  ldtrsw: load({ bytes: 4, signed: true }),
  str: store(),
  stur: store(),
  sttr: store(),
  strb: store(1),
  sturb: store(1),
  sttrb: store(1),
  strh: store(2),
  sturh: store(2),
  sttrh: store(2),
  ldp: loadPair(false),
  ldnp: loadPair(false),
  ldpsw: loadPair(true),
  stp: storePair,
  stnp: storePair,
  // RCpc unscaled forms: ordinary accesses in a single-threaded model.
  ldapur: load({}),
  ldapurb: load({ bytes: 1 }),
  ldapurh: load({ bytes: 2 }),
  ldapursb: load({ bytes: 1, signed: true }),
  ldapursh: load({ bytes: 2, signed: true }),
  ldapursw: load({ bytes: 4, signed: true }),
  stlur: store(),
  stlurb: store(1),
  stlurh: store(2),
  adr,
  adrp,
  stxr: storeExclusive,
  stxrb: storeExclusive,
  stxrh: storeExclusive,
  stlxr: storeExclusive,
  stlxrb: storeExclusive,
  stlxrh: storeExclusive,
  ldxp: loadExclusivePair,
  ldaxp: loadExclusivePair,
  stxp: storeExclusivePair,
  stlxp: storeExclusivePair,
};

for (const stem of ['ldxr', 'ldaxr', 'ldar', 'ldlar', 'ldapr']) {
  for (const s of ['', 'b', 'h']) MEM_SEMANTICS[stem + s] = orderedLoad;
}
for (const stem of ['stlr', 'stllr']) {
  for (const s of ['', 'b', 'h']) MEM_SEMANTICS[stem + s] = orderedStore;
}

export { sizeSuffix, gprAt, plainAddress, load as loadSem, store as storeSem };
