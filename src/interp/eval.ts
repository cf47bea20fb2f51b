// The interpreter: evaluates IR expressions on concrete values. Running a
// block = symbolic execution once (src/ir/symexec.ts), then evaluating the
// final state on as many concrete input states as wanted; both the
// difftests against qemu and the verifier's random testing do this.
import { mask, type BV, type Mem } from '../ir/expr.js';
import { evalFp } from '../ir/fp.js';
import { evalBinary, evalCompare, evalExtract, evalSext } from '../ir/ops.js';

export interface Env {
  /** Value of a free variable (an initial register, a symbol address). */
  variable(name: string, w: number): bigint;
  /** A byte of an initial memory. */
  memByte(mem: string, addr: bigint): number;
  /** Value of an uninterpreted function application (external call results). */
  uf?(name: string, args: bigint[], w: number): bigint;
}

const ADDR_MASK = (1n << 64n) - 1n;

export class Evaluator {
  private readonly values = new Map<BV, bigint>();
  private readonly stores = new Map<Mem, { addr: bigint; bytes: number; value: bigint }>();

  constructor(private readonly env: Env) {}

  value(e: BV): bigint {
    const known = this.values.get(e);
    if (known !== undefined) return known;
    const r = this.compute(e);
    this.values.set(e, r);
    return r;
  }

  /** One byte of a memory state. */
  byte(mem: Mem, addr: bigint): number {
    let m = mem;
    for (;;) {
      if (m.op === 'mem0') return this.env.memByte(m.name, addr);
      const s = this.store(m);
      const off = (addr - s.addr) & ADDR_MASK;
      if (off < BigInt(s.bytes)) return Number((s.value >> (off * 8n)) & 0xffn);
      m = m.mem;
    }
  }

  /** Concrete address, size and value of every store in a memory chain, oldest first. */
  stores_(mem: Mem): { addr: bigint; bytes: number; value: bigint }[] {
    const out: { addr: bigint; bytes: number; value: bigint }[] = [];
    for (let m = mem; m.op === 'store'; m = m.mem) out.push(this.store(m));
    return out.reverse();
  }

  private store(m: Extract<Mem, { op: 'store' }>): { addr: bigint; bytes: number; value: bigint } {
    let s = this.stores.get(m);
    if (!s) {
      s = { addr: this.value(m.addr), bytes: m.value.w / 8, value: this.value(m.value) };
      this.stores.set(m, s);
    }
    return s;
  }

  private compute(e: BV): bigint {
    switch (e.op) {
      case 'const':
        return e.value;
      case 'var':
        return this.env.variable(e.name, e.w) & mask(e.w);
      case 'not':
        return ~this.value(e.a) & mask(e.w);
      case 'neg':
        return -this.value(e.a) & mask(e.w);
      case 'add': case 'sub': case 'mul': case 'udiv': case 'sdiv': case 'urem': case 'srem':
      case 'and': case 'or': case 'xor': case 'shl': case 'lshr': case 'ashr':
        return evalBinary(e.op, e.w, this.value(e.a), this.value(e.b));
      case 'eq': case 'ult': case 'ule': case 'slt': case 'sle':
        return evalCompare(e.op, e.a.w, this.value(e.a), this.value(e.b));
      case 'ite':
        return this.value(e.c) ? this.value(e.t) : this.value(e.e);
      case 'extract':
        return evalExtract(e.hi, e.lo, this.value(e.a));
      case 'concat':
        return (this.value(e.a) << BigInt(e.b.w)) | this.value(e.b);
      case 'zext':
        return this.value(e.a);
      case 'sext':
        return evalSext(e.a.w, e.w, this.value(e.a));
      case 'load': {
        const addr = this.value(e.addr);
        let r = 0n;
        for (let i = e.w / 8 - 1; i >= 0; i--) r = (r << 8n) | BigInt(this.byte(e.mem, (addr + BigInt(i)) & ADDR_MASK));
        return r;
      }
      case 'fp':
        return evalFp(e, e.args.map((a) => this.value(a)));
      case 'uf': {
        if (!this.env.uf) throw new Error(`no value for uninterpreted '${e.name}'`);
        return this.env.uf(e.name, e.args.map((a) => this.value(a)), e.w) & mask(e.w);
      }
    }
  }
}
