// IR expressions to SMT-LIB 2 text.
//
// BV nodes become bit-vector terms (1-bit results of comparisons included:
// `(ite (bvult a b) #b1 #b0)`), memories become arrays from 64-bit addresses
// to bytes with little-endian loads and stores, `uf` nodes declared
// functions, `fp` nodes FloatingPoint terms (fp-encode.ts).
//
// The IR is a DAG and a block's DAG can be large, so the text must never be
// the expanded tree: a node used more than once gets a `define-fun` (a
// macro to Z3, so sharing costs the solver nothing), and so does a node
// whose inline text would nest deeper than MAX_INLINE_HEIGHT (long store
// chains would otherwise make one enormously nested term). All traversals
// use explicit stacks: a chain of thousands of stores must not overflow the
// JS stack.
//
// Loads through stores are encoded by reading over writes (memory.ts) by
// default, which Z3 solves far faster; `memory: 'array'` encodes the stores
// as array `store` terms instead (kept as an independent second encoding
// that the tests compare with the first).
import type { BV, Mem } from '../ir/expr.js';
import { encodeFp } from './fp-encode.js';
import { bvLit, bvSort, MEM_SORT, quoteSymbol, sanitizeSymbol } from './literals.js';
import { RowMemory } from './memory.js';

type Node = BV | Mem;
type LoadNode = Extract<BV, { op: 'load' }>;
type UfNode = Extract<BV, { op: 'uf' }>;

const MAX_INLINE_HEIGHT = 12;

export type MemoryEncoding = 'row' | 'array';

export interface QuerySpec {
  /** 1-bit expressions, each asserted to be 1. */
  readonly assertions: readonly BV[];
  /** Expressions whose values a `sat` answer reports too (say, both sides of an equivalence). */
  readonly observe?: readonly BV[];
  /** How loads through stores are encoded (default 'row', read over write). */
  readonly memory?: MemoryEncoding;
}

/** A free variable, by IR name, and the term that names it. */
export interface VarRequest { readonly name: string; readonly w: number; readonly term: string }
/** An initial memory (mem0), read back whole. */
export interface MemRequest { readonly name: string; readonly term: string }
/** Bytes an initial memory holds at a load's address (addr, addr+1, ...): what a replay reads. */
export interface ReadRequest { readonly mem: string; readonly memTerm: string; readonly addr: string; readonly bytes: number }
/** One application of an uninterpreted function, with its argument terms. */
export interface UfRequest { readonly name: string; readonly w: number; readonly args: readonly string[]; readonly app: string }

export interface EncodedQuery {
  /** SMT-LIB logic for `set-logic`. */
  readonly logic: string;
  /** Declarations, definitions and assertions. */
  readonly body: string;
  readonly vars: readonly VarRequest[];
  readonly mems: readonly MemRequest[];
  readonly reads: readonly ReadRequest[];
  readonly ufs: readonly UfRequest[];
  readonly observed: readonly { readonly term: string; readonly w: number }[];
  /**
   * The terms of `(get-value ...)`, in this order: vars; mems; per read its
   * address then one `select` per byte; per uf application its arguments then
   * the application; observed terms. model.ts reads the answer in the same order.
   */
  readonly valueTerms: readonly string[];
  /** The whole script: options, logic, body, (check-sat), (get-value ...). */
  readonly script: string;
}

function children(n: Node): Node[] {
  switch (n.op) {
    case 'const': case 'var': case 'mem0':
      return [];
    case 'not': case 'neg': case 'extract': case 'zext': case 'sext':
      return [n.a];
    case 'ite':
      return [n.c, n.t, n.e];
    case 'load':
      return [n.mem, n.addr];
    case 'store':
      return [n.mem, n.addr, n.value];
    case 'fp': case 'uf':
      return [...n.args];
    default:
      // binary operators, comparisons and concat
      return [n.a, n.b];
  }
}

const isLeaf = (n: Node) => n.op === 'const' || n.op === 'var' || n.op === 'mem0';
const isMem = (n: Node): n is Mem => n.op === 'mem0' || n.op === 'store';
const sortOf = (n: Node) => (isMem(n) ? MEM_SORT : bvSort(n.w));

const BIN: Record<string, string> = {
  add: 'bvadd', sub: 'bvsub', mul: 'bvmul', udiv: 'bvudiv', sdiv: 'bvsdiv', urem: 'bvurem', srem: 'bvsrem',
  and: 'bvand', or: 'bvor', xor: 'bvxor', shl: 'bvshl', lshr: 'bvlshr', ashr: 'bvashr', concat: 'concat',
};
const CMP: Record<string, string> = { eq: '=', ult: 'bvult', ule: 'bvule', slt: 'bvslt', sle: 'bvsle' };

function addrPlus(addr: string, i: number): string {
  return i === 0 ? addr : `(bvadd ${addr} ${bvLit(64, BigInt(i))})`;
}

/** The initial memory under a chain of stores. */
export function rootMemory(m: Mem): Extract<Mem, { op: 'mem0' }> {
  let r = m;
  while (r.op === 'store') r = r.mem;
  return r;
}

export class Encoder {
  private readonly used = new Set<string>();
  private nextId = 0;
  private readonly refs = new Map<Node, number>();
  private readonly forced = new Set<Node>();
  private readonly text = new Map<Node, string>();
  private readonly height = new Map<Node, number>();
  private readonly decls: string[] = [];
  private readonly defs: string[] = [];
  readonly vars = new Map<string, { w: number; sym: string }>();
  readonly mems = new Map<string, string>();
  private readonly ufDecls = new Map<string, string>();
  private readonly loads: LoadNode[] = [];
  private readonly ufApps: UfNode[] = [];
  private hasArray = false;
  private hasUf = false;
  private hasFp = false;
  private readonly row: RowMemory | undefined;

  constructor(memory: MemoryEncoding = 'row') {
    if (memory === 'row') {
      this.row = new RowMemory({
        define: (sort, body) => this.define(sort, body),
        textOf: (n) => {
          const t = this.text.get(n);
          if (t === undefined) throw new Error('RowMemory asked for a term not emitted yet');
          return t;
        },
        memSymbol: (m) => this.mems.get(m.name)!,
      });
    }
  }

  /**
   * First pass over every root: reference counts (for sharing), declarations
   * of leaves, and the nodes that must be named because the text mentions
   * them more than once even when the DAG does not (a load's address once
   * per byte, an fp operand in several bit tests).
   */
  scan(roots: readonly Node[], observed = false): void {
    const stack: Node[] = [...roots];
    if (observed) for (const r of roots) this.forced.add(r);
    while (stack.length > 0) {
      const n = stack.pop()!;
      const seen = this.refs.get(n) ?? 0;
      this.refs.set(n, seen + 1);
      if (seen > 0) continue;
      this.declareLeaf(n);
      switch (n.op) {
        case 'load':
          if (n.w % 8 !== 0 || n.w === 0) throw new Error(`IR load of ${n.w} bits is not whole bytes`);
          this.forced.add(n.addr); // once per byte, and again in get-value
          this.loads.push(n);
          this.hasArray = true;
          break;
        case 'store':
          this.forced.add(n.addr);
          this.forced.add(n.value);
          this.hasArray = true;
          break;
        case 'fp':
          for (const a of n.args) this.forced.add(a);
          this.hasFp = true;
          break;
        case 'uf':
          for (const a of n.args) this.forced.add(a);
          this.ufApps.push(n);
          this.hasUf = true;
          break;
        default:
          break;
      }
      stack.push(...children(n));
    }
  }

  private declareLeaf(n: Node): void {
    if (n.op === 'var') {
      const known = this.vars.get(n.name);
      if (known) {
        if (known.w !== n.w) throw new Error(`IR variable '${n.name}' used with widths ${known.w} and ${n.w}`);
        return;
      }
      const sym = this.userSymbol(n.name);
      this.vars.set(n.name, { w: n.w, sym });
      this.decls.push(`(declare-fun ${sym} () ${bvSort(n.w)})`);
    } else if (n.op === 'mem0') {
      if (this.mems.has(n.name)) return;
      const sym = this.userSymbol(n.name);
      this.mems.set(n.name, sym);
      this.decls.push(`(declare-fun ${sym} () ${MEM_SORT})`);
      this.hasArray = true;
    } else if (n.op === 'uf') {
      const key = `${n.name}/${n.args.map((a) => a.w).join(',')}/${n.w}`;
      if (this.ufDecls.has(key)) return;
      const sym = this.userSymbol(n.name);
      this.ufDecls.set(key, sym);
      this.decls.push(`(declare-fun ${sym} (${n.args.map((a) => bvSort(a.w)).join(' ')}) ${bvSort(n.w)})`);
    }
  }

  private userSymbol(name: string): string {
    const base = sanitizeSymbol(name);
    let s = base;
    for (let k = 2; this.used.has(s); k++) s = `${base}!${k}`;
    this.used.add(s);
    return quoteSymbol(s);
  }

  /** Internal names; user names were all registered by scan(), so none is captured. */
  private fresh(): string {
    let s: string;
    do s = `!t${this.nextId++}`;
    while (this.used.has(s));
    this.used.add(s);
    return s;
  }

  /** Names `body` with a define-fun; returns the name. */
  define(sort: string, body: string): string {
    const name = this.fresh();
    this.defs.push(`(define-fun ${name} () ${sort} ${body})`);
    return name;
  }

  /** The term for a node scanned before; emits the definitions it needs, children first. */
  term(root: Node): string {
    const done = this.text.get(root);
    if (done !== undefined) return done;
    const stack: { n: Node; open: boolean }[] = [{ n: root, open: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (this.text.has(top.n)) {
        stack.pop();
        continue;
      }
      const kids = children(top.n);
      if (!top.open) {
        top.open = true;
        for (const k of kids) if (!this.text.has(k)) stack.push({ n: k, open: false });
        continue;
      }
      stack.pop();
      const n = top.n;
      if (!this.refs.has(n)) throw new Error('Encoder.term on a node that was not scanned');
      const body = this.build(n, kids.map((k) => this.text.get(k)!));
      // Under read-over-write a store has no term of its own (loads look through it).
      if (isLeaf(n) || (this.row && n.op === 'store')) {
        this.text.set(n, body);
        this.height.set(n, 0);
        continue;
      }
      // Array stores and loads nest once per byte.
      const levels = n.op === 'store' ? n.value.w / 8 : n.op === 'load' ? n.w / 8 : 1;
      const h = levels + Math.max(0, ...kids.map((k) => this.height.get(k) ?? 0));
      if ((this.refs.get(n) ?? 0) > 1 || this.forced.has(n) || h >= MAX_INLINE_HEIGHT) {
        this.text.set(n, this.define(sortOf(n), body));
        this.height.set(n, 0);
      } else {
        this.text.set(n, body);
        this.height.set(n, h);
      }
    }
    return this.text.get(root)!;
  }

  private build(n: Node, k: string[]): string {
    switch (n.op) {
      case 'const': return bvLit(n.w, n.value);
      case 'var': return this.vars.get(n.name)!.sym;
      case 'mem0': return this.mems.get(n.name)!;
      case 'not': return `(bvnot ${k[0]})`;
      case 'neg': return `(bvneg ${k[0]})`;
      case 'eq': case 'ult': case 'ule': case 'slt': case 'sle':
        return `(ite (${CMP[n.op]} ${k[0]} ${k[1]}) #b1 #b0)`;
      case 'ite': return `(ite (= ${k[0]} #b1) ${k[1]} ${k[2]})`;
      case 'extract': return `((_ extract ${n.hi} ${n.lo}) ${k[0]})`;
      case 'zext': return `((_ zero_extend ${n.w - n.a.w}) ${k[0]})`;
      case 'sext': return `((_ sign_extend ${n.w - n.a.w}) ${k[0]})`;
      case 'load': {
        if (this.row) return this.row.load(n.mem, n.addr, n.w);
        // Little endian: the byte at addr+i is bits 8i+7..8i; concat puts its first argument high.
        const bytes = n.w / 8;
        let acc = `(select ${k[0]} ${k[1]})`;
        for (let i = 1; i < bytes; i++) acc = `(concat (select ${k[0]} ${addrPlus(k[1]!, i)}) ${acc})`;
        return acc;
      }
      case 'store': {
        const bytes = n.value.w / 8;
        if (n.value.w % 8 !== 0 || bytes === 0) throw new Error(`IR store of ${n.value.w} bits is not whole bytes`);
        if (this.row) return '';
        let acc = k[0]!;
        for (let i = 0; i < bytes; i++) {
          const byte = bytes === 1 ? k[2]! : `((_ extract ${8 * i + 7} ${8 * i}) ${k[2]})`;
          acc = `(store ${acc} ${addrPlus(k[1]!, i)} ${byte})`;
        }
        return acc;
      }
      case 'fp':
        return encodeFp(n, k, this);
      case 'uf': {
        const sym = this.ufDecls.get(`${n.name}/${n.args.map((a) => a.w).join(',')}/${n.w}`)!;
        return k.length === 0 ? sym : `(${sym} ${k.join(' ')})`;
      }
      default: {
        const op = BIN[n.op];
        if (!op) throw new Error(`no SMT-LIB encoding for IR operator '${(n as BV).op}'`);
        return `(${op} ${k[0]} ${k[1]})`;
      }
    }
  }

  logic(): string {
    if (!this.hasFp) return `QF_${this.hasArray ? 'A' : ''}${this.hasUf ? 'UF' : ''}BV`;
    // Z3 has no named logic for floats with arrays or functions.
    return this.hasArray || this.hasUf ? 'ALL' : 'QF_FPBV';
  }

  /** Declarations then definitions, in dependency order. */
  preamble(): string {
    return [...this.decls, ...this.defs].join('\n');
  }

  loadsSeen(): readonly LoadNode[] {
    return this.loads;
  }

  ufAppsSeen(): readonly UfNode[] {
    return this.ufApps;
  }
}

/** The script for one satisfiability question. See EncodedQuery for the parts. */
export function encodeQuery(spec: QuerySpec): EncodedQuery {
  const enc = new Encoder(spec.memory);
  for (const a of spec.assertions) if (a.w !== 1) throw new Error(`assertions must be 1-bit, got ${a.w} bits`);
  enc.scan(spec.assertions);
  enc.scan(spec.observe ?? [], true);
  const asserts = spec.assertions.map((a) => `(assert (= ${enc.term(a)} #b1))`);
  const observed = (spec.observe ?? []).map((e) => ({ term: enc.term(e), w: e.w }));

  const vars = [...enc.vars].map(([name, v]) => ({ name, w: v.w, term: v.sym }));
  const mems = [...enc.mems].map(([name, term]) => ({ name, term }));

  const reads: ReadRequest[] = [];
  const readIndex = new Map<string, number>();
  for (const l of enc.loadsSeen()) {
    const root = rootMemory(l.mem);
    const r = { mem: root.name, memTerm: enc.term(root), addr: enc.term(l.addr), bytes: l.w / 8 };
    const key = `${r.memTerm} ${r.addr}`;
    const at = readIndex.get(key);
    if (at === undefined) {
      readIndex.set(key, reads.length);
      reads.push(r);
    } else if (reads[at]!.bytes < r.bytes) reads[at] = r;
  }

  const ufs: UfRequest[] = [];
  const ufSeen = new Set<string>();
  for (const u of enc.ufAppsSeen()) {
    const app = enc.term(u);
    if (ufSeen.has(app)) continue;
    ufSeen.add(app);
    ufs.push({ name: u.name, w: u.w, args: u.args.map((a) => enc.term(a)), app });
  }

  const valueTerms: string[] = [...vars.map((v) => v.term), ...mems.map((m) => m.term)];
  for (const r of reads) {
    valueTerms.push(r.addr);
    for (let i = 0; i < r.bytes; i++) valueTerms.push(`(select ${r.memTerm} ${addrPlus(r.addr, i)})`);
  }
  for (const u of ufs) valueTerms.push(...u.args, u.app);
  valueTerms.push(...observed.map((o) => o.term));

  const logic = enc.logic();
  const body = [enc.preamble(), ...asserts].filter((s) => s !== '').join('\n');
  const script = [
    '(set-option :produce-models true)',
    `(set-logic ${logic})`,
    body,
    '(check-sat)',
    ...(valueTerms.length > 0 ? [`(get-value (${valueTerms.join(' ')}))`] : []),
  ].join('\n');
  return { logic, body, vars, mems, reads, ufs, observed, valueTerms, script };
}
