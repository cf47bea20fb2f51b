// AArch64 condition codes on RISC-V: from the lazily kept flags of the
// current block (a compare, an add, a logic result, an fcmp, or NZCV packed
// in the private slot) to a 0/1 register, a branch, or packed NZCV. The
// common cases are one compare (`cmp`+`b.lt` is `blt`); everything else goes
// through the packed form, whose bit formulas the rule proofs cover.
import type { FlagsDef } from './rules/types.js';
import { fcmpCondition, fcmpPackedNzcv } from './rules/fp-flags.js';
import { fitsImm12, type BlockLowerer, type FlagOperand, type IntFlags } from './context.js';

const LOGIC_CONDS: Record<string, [test: 'zero' | 'neg' | 'pos', invert: boolean]> = {
  eq: ['zero', false], ne: ['zero', true], mi: ['neg', false], pl: ['neg', true],
  lt: ['neg', false], ge: ['neg', true], gt: ['pos', false], le: ['pos', true],
};

/**
 * The result of the flag-setting logic operation as a register; `widened`: 32-bit
 * results shifted to the top word so that sign and zero tests read 64 bits.
 */
export function logicResult(l: BlockLowerer, f: IntFlags & { kind: 'logic' | 'and' }, widened: boolean): string {
  if (f.kind === 'logic') return widened ? widenedOperand(l, f.result, f.width) : l.flagOperand(f.result);
  const a = l.flagOperand(f.a);
  const t = l.isScratch(a) ? a : l.scratch();
  if (f.b.kind === 'imm' && fitsImm12(BigInt.asIntN(64, f.b.value))) l.emit(`andi ${t}, ${a}, ${BigInt.asIntN(64, f.b.value)}`);
  else {
    const b = l.flagOperand(f.b);
    l.emit(`and ${t}, ${a}, ${b}`);
    if (b !== t) l.releaseInt(b);
  }
  if (f.width === 32) l.emit(`slli ${t}, ${t}, 32`);
  if (f.width === 32 && !widened) l.emit(`srli ${t}, ${t}, 32`);
  return t;
}

/** NZCV packed in bits 3..0 (N Z C V) of a scratch register. */
export function packedNzcv(l: BlockLowerer): string {
  const f = l.currentFlags();
  if (!f) l.refuse('the flags are not known here');
  if (f.kind === 'packed') return l.loadPacked();
  if (f.kind === 'fcmp') {
    const def = l.flags() as FlagsDef & { kind: 'fcmp' };
    return fcmpPackedNzcv(def, l);
  }
  if (f.kind === 'logic' || f.kind === 'and') {
    const r = logicResult(l, f, true);
    const p = l.scratch();
    const t = l.scratch();
    l.emit(`srli ${p}, ${r}, 63`);
    l.emit(`slli ${p}, ${p}, 3`);
    l.emit(`seqz ${t}, ${r}`);
    l.emit(`slli ${t}, ${t}, 2`);
    l.emit(`or ${p}, ${p}, ${t}`);
    l.releaseInt(t);
    l.releaseInt(r);
    return p;
  }
  // add / sub: compute on 64-bit operands (32-bit ones shifted up, which keeps N, Z, C and V).
  // Scratch operands may be clobbered; mapped ones are copied only when needed, so at most
  // four scratch registers are ever held.
  const a = widenedOperand(l, f.a, f.width);
  const b = widenedOperand(l, f.b, f.width);
  const r = l.scratch();
  const p = l.scratch();
  const u = l.isScratch(a) ? a : l.scratch();
  l.emit(`${f.kind} ${r}, ${a}, ${b}`);
  if (f.kind === 'sub') {
    l.emit(`sltu ${p}, ${a}, ${b}`); // C = a >=u b
    l.emit(`xori ${p}, ${p}, 1`);
    l.emit(`slli ${p}, ${p}, 1`);
    // V = ((a^b) & (a^r)) < 0; a^b first, since u may be a itself.
    const v = l.isScratch(b) ? b : l.scratch();
    l.emit(`xor ${v}, ${a}, ${b}`);
    l.emit(`xor ${u}, ${a}, ${r}`);
    l.emit(`and ${u}, ${u}, ${v}`);
    l.releaseInt(v);
  } else {
    l.emit(`sltu ${p}, ${r}, ${a}`); // C = carry out
    l.emit(`slli ${p}, ${p}, 1`);
    l.emit(`xor ${u}, ${a}, ${r}`); // V = ((a^r) & (b^r)) < 0
    const v = l.isScratch(b) ? b : l.scratch();
    l.emit(`xor ${v}, ${b}, ${r}`);
    l.emit(`and ${u}, ${u}, ${v}`);
    l.releaseInt(v);
  }
  l.emit(`srli ${u}, ${u}, 63`);
  l.emit(`or ${p}, ${p}, ${u}`);
  l.emit(`srli ${u}, ${r}, 63`); // N
  l.emit(`slli ${u}, ${u}, 3`);
  l.emit(`or ${p}, ${p}, ${u}`);
  l.emit(`seqz ${u}, ${r}`); // Z
  l.emit(`slli ${u}, ${u}, 2`);
  l.emit(`or ${p}, ${p}, ${u}`);
  l.releaseInt(u);
  l.releaseInt(r);
  l.releaseInt(a);
  l.releaseInt(b);
  return p;
}

/** A flags operand as a 64-bit register value; 32-bit ones are shifted to the top word (in a scratch). */
function widenedOperand(l: BlockLowerer, o: FlagOperand, width: 32 | 64): string {
  if (width === 64) return l.flagOperand(o);
  if (o.kind === 'imm') return l.constReg(BigInt.asIntN(64, (o.value & 0xffffffffn) << 32n));
  const r = l.flagOperand(o);
  if (r === 'zero') return r;
  const s = l.isScratch(r) ? r : l.scratch();
  l.emit(`slli ${s}, ${r}, 32`);
  return s;
}

/** A scratch register holding 1 when condition `cond` holds, else 0. */
export function condValue(l: BlockLowerer, cond: string): string {
  if (cond === 'hs') cond = 'cs';
  if (cond === 'lo') cond = 'cc';
  if (cond === 'al' || cond === 'nv') return l.constReg(1n);
  const f = l.currentFlags();
  if (!f) l.refuse(`condition '${cond}' reads flags that are not known here`);
  if (f.kind === 'fcmp') return fcmpCondition(cond, l.flags() as FlagsDef & { kind: 'fcmp' }, l);
  if ((f.kind === 'logic' || f.kind === 'and') && LOGIC_CONDS[cond]) {
    // N = sign of the result, Z = result is zero, C = V = 0.
    const r = logicResult(l, f, true);
    const t = l.isScratch(r) ? r : l.scratch();
    const [op, invert] = LOGIC_CONDS[cond]!;
    l.emit(op === 'zero' ? `seqz ${t}, ${r}` : op === 'neg' ? `sltz ${t}, ${r}` : `sgtz ${t}, ${r}`);
    if (invert) l.emit(`xori ${t}, ${t}, 1`);
    return t;
  }
  if (f.kind === 'sub') {
    const fast = subCompare(l, cond, f);
    if (fast) {
      const { op, x, y, invert } = fast;
      // The result goes into a scratch operand when there is one, so that only one register stays taken.
      const r = l.isScratch(x) ? x : l.isScratch(y) ? y : l.scratch();
      if (op === 'eq') {
        l.emit(`xor ${r}, ${x}, ${y}`);
        l.emit(invert ? `snez ${r}, ${r}` : `seqz ${r}, ${r}`);
      } else {
        l.emit(`${op} ${r}, ${x}, ${y}`);
        if (invert) l.emit(`xori ${r}, ${r}, 1`);
      }
      for (const o of [x, y]) if (o !== r) l.releaseInt(o);
      return r;
    }
  }
  const p = packedNzcv(l);
  const r = condFromPacked(l, cond, p);
  l.releaseInt(p);
  return r;
}

/**
 * For flags of `cmp a, b`, conditions that are one compare of the (widened) operands:
 * returns slt/sltu/eq with operand order and inversion.
 */
function subCompare(l: BlockLowerer, cond: string, f: { a: FlagOperand; b: FlagOperand; width: 32 | 64 }): { op: 'slt' | 'sltu' | 'eq'; x: string; y: string; invert: boolean } | undefined {
  const table: Record<string, [op: 'slt' | 'sltu' | 'eq', swap: boolean, invert: boolean]> = {
    eq: ['eq', false, false], ne: ['eq', false, true],
    lt: ['slt', false, false], ge: ['slt', false, true], gt: ['slt', true, false], le: ['slt', true, true],
    cc: ['sltu', false, false], cs: ['sltu', false, true], hi: ['sltu', true, false], ls: ['sltu', true, true],
  };
  const t = table[cond];
  if (!t) return undefined;
  const a = widenedOperand(l, f.a, f.width);
  const b = widenedOperand(l, f.b, f.width);
  const [x, y] = t[1] ? [b, a] : [a, b];
  return { op: t[0], x, y, invert: t[2] };
}

/** Condition from NZCV packed in `p` (bits N=3, Z=2, C=1, V=0). */
export function condFromPacked(l: BlockLowerer, cond: string, p: string): string {
  const r = l.scratch();
  const bit = (k: number, invert: boolean): string => {
    l.emit(`srli ${r}, ${p}, ${k}`);
    l.emit(`andi ${r}, ${r}, 1`);
    if (invert) l.emit(`xori ${r}, ${r}, 1`);
    return r;
  };
  switch (cond) {
    case 'eq': return bit(2, false);
    case 'ne': return bit(2, true);
    case 'cs': return bit(1, false);
    case 'cc': return bit(1, true);
    case 'mi': return bit(3, false);
    case 'pl': return bit(3, true);
    case 'vs': return bit(0, false);
    case 'vc': return bit(0, true);
    case 'hi':
    case 'ls':
      l.emit(`andi ${r}, ${p}, 6`);
      l.emit(`addi ${r}, ${r}, -2`);
      l.emit(cond === 'hi' ? `seqz ${r}, ${r}` : `snez ${r}, ${r}`);
      return r;
    case 'ge':
    case 'lt':
      l.emit(`srli ${r}, ${p}, 3`);
      l.emit(`xor ${r}, ${r}, ${p}`);
      l.emit(`andi ${r}, ${r}, 1`);
      if (cond === 'ge') l.emit(`xori ${r}, ${r}, 1`);
      return r;
    case 'gt':
    case 'le':
      l.emit(`srli ${r}, ${p}, 3`);
      l.emit(`xor ${r}, ${r}, ${p}`);
      l.emit(`andi ${r}, ${r}, 1`); // N != V
      l.emit(`slli ${r}, ${r}, 2`);
      l.emit(`or ${r}, ${r}, ${p}`);
      l.emit(`andi ${r}, ${r}, 4`); // (N != V) | Z
      l.emit(cond === 'le' ? `snez ${r}, ${r}` : `seqz ${r}, ${r}`);
      return r;
  }
  l.refuse(`unknown condition '${cond}'`);
}

/** Emits a branch to `label` taken when `cond` holds. */
export function branchIf(l: BlockLowerer, cond: string, label: string): void {
  if (cond === 'hs') cond = 'cs';
  if (cond === 'lo') cond = 'cc';
  if (cond === 'al' || cond === 'nv') {
    l.emit(`j ${label}`);
    return;
  }
  const f = l.currentFlags();
  if (f?.kind === 'sub') {
    const fast = subCompare(l, cond, f);
    if (fast) {
      const { op, x, y, invert } = fast;
      const mn = op === 'eq' ? (invert ? 'bne' : 'beq') : op === 'slt' ? (invert ? 'bge' : 'blt') : invert ? 'bgeu' : 'bltu';
      l.emit(`${mn} ${x}, ${y}, ${label}`);
      return;
    }
  }
  if ((f?.kind === 'logic' || f?.kind === 'and') && (cond === 'eq' || cond === 'ne' || cond === 'mi' || cond === 'pl' || cond === 'lt' || cond === 'ge')) {
    const r = logicResult(l, f, true);
    const mn = cond === 'eq' ? 'beqz' : cond === 'ne' ? 'bnez' : cond === 'mi' || cond === 'lt' ? 'bltz' : 'bgez';
    l.emit(`${mn} ${r}, ${label}`);
    return;
  }
  if (f?.kind === 'add' && (cond === 'eq' || cond === 'ne')) {
    const r = l.scratch();
    l.emit(`${f.width === 32 ? 'addw' : 'add'} ${r}, ${l.flagOperand(f.a)}, ${l.flagOperand(f.b)}`);
    l.emit(`${cond === 'eq' ? 'beqz' : 'bnez'} ${r}, ${label}`);
    return;
  }
  const r = condValue(l, cond);
  l.emit(`bnez ${r}, ${label}`);
}
