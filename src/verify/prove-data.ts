// Data symbols in proofs. Each side's symbol addresses (`&name` variables)
// become the concrete addresses of its memory image (src/verify/image.ts:
// private labels in a window of their own per program, global and external
// symbols at one shared address), and the bytes of its data that the
// function refers to become the initial memory of that side, written over
// the shared unknown memory. Each side's private data therefore lives in
// its own window: a caller cannot see it, so bytes there are not compared;
// instead any store that may land in a private window keeps the function
// from being proven (a write to a static variable is not compared yet).
import { c, store } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import type { PathOutcome } from './paths.js';
import type { ProofSide } from './prove.js';

/** Private windows are 2^44-byte blocks; the shared symbols live in block 7 (SharedSymbols). */
const WINDOW_SHIFT = 44n;
const SHARED_WINDOW = 7n;
/** Bytes of data taken per referenced symbol, at most. */
const MAX_SYMBOL_BYTES = 1024;

export interface SideData {
  /** Rewrites `&name` variables to this side's addresses. */
  rewrite<T extends BV | Mem>(e: T): T;
  /** The private window ([lo, lo + 2^44)), when the function refers to private data. */
  window?: bigint;
}

export class DataLayoutError extends Error {}

/**
 * `privateOnly`: write only the side's private data over the unknown memory.
 * At a loop's cut point a global may already have been written, so only
 * private data (which no proof lets the function write) keeps its initial bytes.
 */
export function sideData(side: ProofSide, symbols: ReadonlySet<string>, opts: { privateOnly?: boolean } = {}): SideData {
  const image = side.machine.image;
  const addr = new Map<string, bigint>();
  let window: bigint | undefined;
  for (const s of symbols) {
    const a = image.addressOf(s);
    addr.set(s, a);
    const w = a >> WINDOW_SHIFT;
    if (w === SHARED_WINDOW) continue;
    if (window !== undefined && window !== w << WINDOW_SHIFT) throw new DataLayoutError(`${side.label}: private data in two windows`);
    window = w << WINDOW_SHIFT;
  }
  let initial: Mem | undefined;
  const done = new Map<object, BV | Mem>();
  const rewrite = <T extends BV | Mem>(e: T): T => {
    const known = done.get(e);
    if (known) return known as T;
    let out: BV | Mem;
    switch (e.op) {
      case 'var':
        out = e.name.startsWith('&') && addr.has(e.name.slice(1)) ? c(64, addr.get(e.name.slice(1))!) : e;
        break;
      case 'const': out = e; break;
      case 'mem0': out = e.name === 'mem' ? (initial ??= memory(e)) : e; break;
      case 'store': out = { ...e, mem: rewrite(e.mem), addr: rewrite(e.addr), value: rewrite(e.value) }; break;
      case 'load': out = { ...e, mem: rewrite(e.mem), addr: rewrite(e.addr) }; break;
      case 'ite': out = { ...e, c: rewrite(e.c), t: rewrite(e.t), e: rewrite(e.e) }; break;
      case 'fp': case 'uf': out = { ...e, args: e.args.map(rewrite) }; break;
      case 'not': case 'neg': case 'extract': case 'zext': case 'sext': out = { ...e, a: rewrite(e.a) }; break;
      default: out = { ...e, a: rewrite(e.a), b: rewrite(e.b) } as BV;
    }
    done.set(e, out);
    return out as T;
  };
  function memory(base: Mem): Mem {
    let m = base;
    const written = new Set<bigint>();
    for (const a of addr.values()) {
      if (opts.privateOnly && a >> WINDOW_SHIFT === SHARED_WINDOW) continue;
      // The run of initialised bytes from the symbol on, in 8-byte stores where possible.
      let k = 0n;
      while (k < BigInt(MAX_SYMBOL_BYTES) && image.bytes.has(a + k)) {
        const at = a + k;
        let n = 0n;
        let value = 0n;
        while (n < 8n && image.bytes.has(at + n) && !written.has(at + n)) {
          value |= BigInt(image.bytes.get(at + n)!) << (8n * n);
          written.add(at + n);
          n++;
        }
        if (n === 0n) {
          k++;
          continue;
        }
        m = store(m, c(64, at), c(Number(n) * 8, value));
        k += n;
      }
    }
    return m;
  }
  return { rewrite, ...(window !== undefined ? { window } : {}) };
}

/** Is a byte address inside a 2^44-byte window? */
export function inWindow(a: BV, window: bigint): BV {
  return { op: 'ult', w: 1, a: { op: 'sub', w: 64, a, b: c(64, window) }, b: c(64, 1n << WINDOW_SHIFT) };
}

/** The addresses (and widths) of every store in a memory chain. */
export function storesOf(m: Mem): { addr: BV; bytes: number }[] {
  const out: { addr: BV; bytes: number }[] = [];
  for (let x = m; x.op === 'store'; x = x.mem) out.push({ addr: x.addr, bytes: x.value.w / 8 });
  return out;
}

/** A path with every `&name` and the initial memory rewritten for one side's data. */
export function rewritePath(p: PathOutcome, data: SideData): PathOutcome {
  return {
    ...p,
    cond: data.rewrite(p.cond),
    mem: data.rewrite(p.mem),
    state: new Map([...p.state].map(([n, x]) => [n, data.rewrite(x)])),
    end: p.end.kind === 'return' ? { kind: 'return', via: data.rewrite(p.end.via) } : p.end,
    ...(p.calls ? { calls: p.calls.map((x) => ({ callee: x.callee, arg0: data.rewrite(x.arg0) })) } : {}),
  };
}
