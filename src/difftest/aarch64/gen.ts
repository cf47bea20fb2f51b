// Instance generation for the AArch64 difftest forms: a small builder that
// picks registers (remembering which are used, so a spare register can
// carry the output address), immediates of every encodable kind, and the
// random input states (edge-favouring integers, floats in vector lanes).
import { floatBits } from '../../isa/aarch64/semantics/fpcore.js';
import { edgeFloat, edgeInt, type Rng } from '../random.js';
import type { Form, HarnessLayout, InputState, InputValue, Instance } from '../types.js';

export interface A64Data {
  /** The register that holds the output address while the case runs. */
  spare: number;
  kind: 'plain' | 'branch' | 'call';
}

export const CONDITIONS = ['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

type ValueGen = (rng: Rng) => InputValue;

export class B {
  readonly used = new Set<number>();
  private readonly keys = new Map<string, number>();
  readonly fixed = new Map<string, ValueGen>();
  /** How to fill vector registers (default: mixed lanes). */
  vecKind: 'mixed' | 'f32' | 'f64' = 'mixed';
  kind: A64Data['kind'] = 'plain';
  taken?: string;
  /** Adjustments of a generated state (e.g. make a compare-and-swap match memory). */
  readonly post: ((values: Map<string, InputValue>, scratch: Uint8Array, rng: Rng) => void)[] = [];
  /** Registers that must not be the spare (written implicitly, e.g. x30 by calls). */
  readonly reserved = new Set<number>();

  constructor(
    readonly rng: Rng,
    readonly layout: HarnessLayout,
  ) {}

  /** A general register number for `key` (the same key gives the same register). */
  reg(key: string): number {
    let n = this.keys.get(key);
    if (n === undefined) {
      n = this.rng.int(31);
      this.keys.set(key, n);
    }
    this.used.add(n);
    return n;
  }

  /** A register distinct from the given keys' registers. */
  distinct(key: string, ...others: string[]): number {
    const avoid = new Set(others.map((k) => this.reg(k)));
    let n = this.keys.get(key);
    if (n === undefined || avoid.has(n)) {
      do n = this.rng.int(31);
      while (avoid.has(n));
      this.keys.set(key, n);
    }
    this.used.add(n);
    return n;
  }

  /** `x5`/`w5`; with probability pz the zero register, ps the stack pointer instead. */
  x(key: string, opts: { pz?: number; ps?: number } = {}): string {
    if (opts.ps && this.rng.chance(opts.ps)) return 'sp';
    if (opts.pz && this.rng.chance(opts.pz)) return 'xzr';
    return `x${this.reg(key)}`;
  }

  w(key: string, opts: { pz?: number; ps?: number } = {}): string {
    if (opts.ps && this.rng.chance(opts.ps)) return 'wsp';
    if (opts.pz && this.rng.chance(opts.pz)) return 'wzr';
    return `w${this.reg(key)}`;
  }

  /** A register of the given width ('x' or 'w'). */
  r(width: 'x' | 'w', key: string, opts: { pz?: number; ps?: number } = {}): string {
    return width === 'x' ? this.x(key, opts) : this.w(key, opts);
  }

  /** A SIMD&FP register number for `key`. */
  vn(key: string): number {
    let n = this.keys.get(`v:${key}`);
    if (n === undefined) {
      n = this.rng.int(32);
      this.keys.set(`v:${key}`, n);
    }
    return n;
  }

  /** Fixes an input value (a register's, by component name). */
  set(component: string, value: ValueGen | InputValue): void {
    this.fixed.set(component, typeof value === 'function' ? value : () => value);
  }

  int(lo: number, hi: number): number {
    return this.rng.range(lo, hi);
  }

  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  cond(): string {
    return this.pick(CONDITIONS);
  }

  /** Little-endian bytes of the scratch buffer as a number. */
  static read(scratch: Uint8Array, off: number, bytes: number): bigint {
    let v = 0n;
    for (let k = bytes - 1; k >= 0; k--) v = (v << 8n) | BigInt(scratch[off + k]!);
    return v;
  }

  /** Scratch address at byte offset `off`. */
  scratch(off: number): bigint {
    return this.layout.scratchAddr + BigInt(off);
  }
}

/** A valid logical immediate of width w: a rotated run of ones, replicated. */
export function logicalImmediate(rng: Rng, w: 32 | 64): bigint {
  const sizes = [2, 4, 8, 16, 32, 64].filter((e) => e <= w);
  const e = rng.pick(sizes);
  const ones = rng.range(1, e - 1);
  const rot = rng.int(e);
  const m = (1n << BigInt(e)) - 1n;
  let elem = (1n << BigInt(ones)) - 1n;
  elem = ((elem >> BigInt(rot)) | (elem << BigInt(e - rot))) & m;
  let v = 0n;
  for (let k = 0; k < w; k += e) v |= elem << BigInt(k);
  return v;
}

/** An encodable FP immediate, written in one of gas's accepted spellings. */
export function fpImmediateText(rng: Rng): string {
  const n = rng.range(16, 31);
  const r = rng.range(-3, 4);
  const value = (n / 16) * 2 ** r * (rng.chance(0.5) ? -1 : 1);
  switch (rng.int(3)) {
    case 0: return `#${value}`;
    case 1: return value.toExponential(7);
    default: return `${value}`;
  }
}

export { floatBits };

function vectorValue(rng: Rng, kind: B['vecKind']): bigint {
  const lanes = (w: number, gen: () => bigint) => {
    let v = 0n;
    for (let k = 0; k < 128; k += w) v |= gen() << BigInt(k);
    return v;
  };
  const mode = kind === 'f32' ? 0 : kind === 'f64' ? 1 : rng.int(8);
  switch (mode) {
    case 0: return lanes(32, () => edgeFloat(rng, 32));
    case 1: return lanes(64, () => edgeFloat(rng, 64));
    case 2: return lanes(64, () => edgeInt(rng, 64));
    case 3: return lanes(32, () => edgeInt(rng, 32));
    case 4: return lanes(16, () => edgeInt(rng, 16));
    case 5: return lanes(8, () => edgeInt(rng, 8));
    case 6: return rng.chance(0.5) ? lanes(32, () => edgeFloat(rng, 32)) : lanes(64, () => edgeFloat(rng, 64));
    default: return rng.bits(128);
  }
}

/** The instance for a built form: text, control kind, spare register, state generator. */
export function finishInstance(b: B, text: string): Instance {
  const candidates = Array.from({ length: 31 }, (_, n) => n).filter((n) => !b.used.has(n) && !b.reserved.has(n));
  if (candidates.length === 0) throw new Error(`no spare register for '${text}'`);
  const spare = b.rng.pick(candidates);
  const data: A64Data = { spare, kind: b.kind };
  const layout = b.layout;
  const fixed = new Map(b.fixed);
  const vecKind = b.vecKind;
  const post = [...b.post];
  return {
    text,
    ...(b.taken ? { taken: b.taken } : {}),
    data,
    state(rng: Rng): InputState {
      const values = new Map<string, InputValue>();
      for (let n = 0; n <= 30; n++) values.set(`x${n}`, edgeInt(rng, 64));
      values.set('sp', rng.chance(0.5) ? edgeInt(rng, 64) & ~15n : layout.scratchAddr + BigInt(16 * rng.int(4)));
      for (const f of ['n', 'z', 'c', 'v']) values.set(f, BigInt(rng.int(2)));
      for (let n = 0; n < 32; n++) values.set(`v${n}`, vectorValue(rng, vecKind));
      for (const [k, gen] of fixed) values.set(k, gen(rng));
      values.set(`x${spare}`, layout.outAddr);
      const scratch = new Uint8Array(layout.scratchSize);
      for (let k = 0; k < scratch.length; k++) scratch[k] = rng.int(256);
      for (const p of post) p(values, scratch, rng);
      return { values, scratch };
    },
  };
}

export type FormBody = (b: B) => string;

/** A form from a body that builds the text with the builder. */
export function form(name: string, group: string, body: FormBody, ignore?: Form['ignore']): Form {
  return {
    name,
    group,
    ...(ignore ? { ignore } : {}),
    instance(rng: Rng, layout: HarnessLayout): Instance {
      const b = new B(rng, layout);
      const text = body(b);
      return finishInstance(b, text);
    },
  };
}

export function hex(v: bigint): string {
  return `0x${v.toString(16)}`;
}
