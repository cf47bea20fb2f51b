// A formula over inputs and holes, specialised to one concrete input: every
// variable that is not a hole becomes its value, and every read of the
// initial memory becomes the input's bytes. What remains depends on the holes
// only, which is what the synthesis query constrains. Memory stays exact:
// a byte read through stores at hole-dependent addresses is an `ite` over the
// store chain, down to the input's initial bytes.
import { add, bin, c, cmp, concat, extract, fp, ite, lshr, neg, not, sext, store, sub, trunc, ult, zext } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';

export interface ConcreteInput {
  /** Values of the input variables, by name (missing ones read as `fallback`). */
  vars: Map<string, bigint>;
  fallback(name: string, w: number): bigint;
  memByte(addr: bigint): number;
  /**
   * The same initial memory as a formula of the address, when it has one
   * (patternMemory): then a read at an address the holes decide is exact.
   */
  memAt?(addr: BV): BV;
}

/**
 * A memory whose every byte is a cheap function of its address and a seed,
 * so nearby addresses hold different bytes: reads at a wrong offset show.
 */
export function patternMemory(seed: number): { memByte(addr: bigint): number; memAt(addr: BV): BV } {
  const s = BigInt(seed & 0xff);
  return {
    memByte: (a) => Number((a ^ (a >> 8n) ^ s) & 0xffn),
    memAt: (a) => trunc(8, bin('xor', bin('xor', a, bin('lshr', a, c(64, 8))), c(64, s))),
  };
}

const isHoleName = (name: string) => name.startsWith('hole.') || name.startsWith('sel.');

export function instantiate(root: BV, input: ConcreteInput, tag: string): BV {
  const memo = new Map<object, BV>();
  const memMemo = new Map<object, Mem>();

  const mem = (m: Mem): Mem => {
    const hit = memMemo.get(m);
    if (hit) return hit;
    const out: Mem = m.op === 'mem0' ? m : store(mem(m.mem), go(m.addr), go(m.value));
    memMemo.set(m, out);
    return out;
  };

  /** One byte at `addr` of memory `m`, resolved through the stores. */
  const byteAt = (m: Mem, addr: BV): BV => {
    if (m.op === 'mem0') {
      if (addr.op === 'const') return c(8, input.memByte(addr.value));
      if (input.memAt) return input.memAt(addr);
      // An address the holes decide: a fresh memory per input, so no input constrains another.
      return { op: 'load', w: 8, mem: { op: 'mem0', name: `${m.name}@${tag}` }, addr };
    }
    const n = m.value.w / 8;
    const off = sub(addr, m.addr);
    const inside = ult(off, c(64, n));
    if (inside.op === 'const') {
      if (inside.value === 0n) return byteAt(m.mem, addr);
    }
    const bits = bin('shl', off, c(64, 3));
    const shift = m.value.w >= 64 ? zext(m.value.w, bits) : trunc(m.value.w, bits);
    if (inside.op === 'const') return trunc(8, lshr(m.value, shift));
    return ite(inside, trunc(8, lshr(m.value, shift)), byteAt(m.mem, addr));
  };

  const go = (e: BV): BV => {
    const hit = memo.get(e);
    if (hit) return hit;
    let out: BV;
    switch (e.op) {
      case 'const':
        out = e;
        break;
      case 'var':
        out = isHoleName(e.name) ? e : c(e.w, input.vars.get(e.name) ?? input.fallback(e.name, e.w));
        break;
      case 'not':
        out = not(go(e.a));
        break;
      case 'neg':
        out = neg(go(e.a));
        break;
      case 'eq': case 'ult': case 'ule': case 'slt': case 'sle':
        out = cmp(e.op, go(e.a), go(e.b));
        break;
      case 'ite':
        out = ite(go(e.c), go(e.t), go(e.e));
        break;
      case 'extract':
        out = extract(e.hi, e.lo, go(e.a));
        break;
      case 'concat':
        out = concat(go(e.a), go(e.b));
        break;
      case 'zext':
        out = zext(e.w, go(e.a));
        break;
      case 'sext':
        out = sext(e.w, go(e.a));
        break;
      case 'load': {
        const m = mem(e.mem);
        const a = go(e.addr);
        // Little endian: byte 0 is the low byte.
        let acc = byteAt(m, a);
        for (let k = 1; k < e.w / 8; k++) acc = concat(byteAt(m, add(a, c(64, k))), acc);
        out = acc;
        break;
      }
      case 'fp':
        out = fp(e.fop, e.w, e.fw, e.rm, e.nan, e.args.map(go));
        break;
      case 'uf':
        out = { op: 'uf', w: e.w, name: e.name, args: e.args.map(go) };
        break;
      default:
        out = bin(e.op, go(e.a), go(e.b));
    }
    memo.set(e, out);
    return out;
  };
  return go(root);
}

/** Every variable name of an expression (memories' reads included), for choosing test values. */
export function variablesOf(root: BV): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Set<object>();
  const walk = (e: BV | Mem): void => {
    if (seen.has(e)) return;
    seen.add(e);
    switch (e.op) {
      case 'var': out.set(e.name, e.w); return;
      case 'const': case 'mem0': return;
      case 'store': walk(e.mem); walk(e.addr); walk(e.value); return;
      case 'load': walk(e.mem); walk(e.addr); return;
      case 'ite': walk(e.c); walk(e.t); walk(e.e); return;
      case 'extract': case 'zext': case 'sext': case 'not': case 'neg': walk(e.a); return;
      case 'fp': case 'uf': e.args.forEach(walk); return;
      default: walk(e.a); walk(e.b);
    }
  };
  walk(root);
  return out;
}
