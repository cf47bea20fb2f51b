// Generation of RISC-V64 instances from operand templates. A template is
// the form's own name, e.g. `addi rd, rs1, imm12` or `ld rd, off(rs1)`:
// each placeholder becomes a random register or immediate, and the input
// states respect what the operands need (memory operands point into the
// scratch buffer, jump registers hold the taken label's address, `dyn`
// rounding sees a valid frm).
import { RISCV_ABI_NAME } from '../isa/riscv64/registers.js';
import { edgeFloat, edgeInt, type Rng } from './random.js';
import type { Form, HarnessLayout, InputState, InputValue, Instance } from './types.js';

export type CaseKind = 'plain' | 'branch' | 'jump' | 'call';

/** Emission data of a RISC-V instance (see riscv64.ts). */
export interface RvData {
  spare: number;
  kind: CaseKind;
}

/** Absolute symbols the prelude defines inside the scratch buffer (name, offset). */
export const SCRATCH_SYMBOLS: readonly (readonly [string, number])[] = [
  ['dt_sym0', 0],
  ['dt_sym8', 8],
  ['dt_sym16', 16],
  ['dt_sym32', 32],
  ['dt_sym56', 56],
];

export type Fmt = 32 | 64;
type Values = Map<string, InputValue>;
type ValueGen = (rng: Rng) => bigint;

const M64 = (1n << 64n) - 1n;

/** A NaN-boxed single (mostly), or a pattern that is not properly boxed (reads as the canonical NaN). */
export function fpValue(rng: Rng, fmt: Fmt): bigint {
  if (fmt === 64) return edgeFloat(rng, 64);
  if (rng.chance(0.9)) return 0xffffffff00000000n | edgeFloat(rng, 32);
  return rng.chance(0.5) ? rng.bits(64) : (0xfffffffe00000000n | edgeFloat(rng, 32)) ^ (1n << BigInt(32 + rng.int(32)));
}

function scratchBytes(rng: Rng, size: number): Uint8Array {
  const buf = Buffer.alloc(size);
  for (let off = 0; off + 8 <= size; off += 8) {
    const kind = rng.int(4);
    const word =
      kind === 0 ? edgeInt(rng, 64) : kind === 1 ? edgeFloat(rng, 64) : kind === 2 ? (edgeFloat(rng, 32) << 32n) | edgeFloat(rng, 32) : rng.bits(64);
    buf.writeBigUInt64LE(word, off);
  }
  return buf;
}

export interface SpecOptions {
  group: string;
  /** Form name when it differs from the template. */
  name?: string;
  /** Memory access size of `off(rs1)` / `(rs1)` / `sym` operands. */
  bytes?: number;
  /** Atomics need natural alignment; ordinary accesses are misaligned a quarter of the time. */
  aligned?: boolean;
  kind?: CaseKind;
  /** Registers the instruction writes without naming them (ra for calls, t1 for `tail`). */
  implicit?: readonly number[];
  /** Value generators for integer placeholders (`rs2: divisor`). */
  values?: Readonly<Record<string, ValueGen>>;
  /** [a, b]: make b's value equal or adjacent to a's some of the time (branches). */
  correlate?: readonly [string, string];
  /** Format of FP placeholders; `srcFmt` overrides it for the sources (conversions). */
  fmt?: Fmt;
  srcFmt?: Fmt;
  /** The instruction reads frm (dynamic rounding without an rm operand): keep frm valid. */
  dynamic?: boolean;
  ignore?: Form['ignore'];
  /** Extra constraint on the input state, given the chosen registers (placeholder -> number). */
  constrain?: (rng: Rng, values: Values, regs: ReadonlyMap<string, number>, layout: HarnessLayout) => void;
  /** A placeholder that must not share its register with these others. */
  distinct?: readonly (readonly [string, string])[];
}

const ROUNDING = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'dyn'];
/**
 * Placeholders: registers rd (rdnz: not x0) rs1 rs2 rs3 fd fs1 fs2 fs3; immediates imm12
 * shamt6 shamt5 uimm5 imm20 imm64; memory `off(rs1)`, `(rs1)` (atomics),
 * `%lo(sym)(rs1)`; `sym` (an absolute symbol in the scratch buffer); `rm`;
 * `label` (the taken label); `target` (a register holding the taken label's
 * address, sometimes plus one: jalr clears bit 0) with `timm` or
 * `timm(target)` for its offset.
 */
const PLACEHOLDER =
  /timm\(target\)|off\(rs1\)|%lo\(sym\)\(rs1\)|\(rs1\)|\b(rdnz|rd|rs1|rs2|rs3|fd|fs1|fs2|fs3|imm12|shamt6|shamt5|uimm5|imm20|imm64|label|rm|sym|target|timm)\b/g;

/** A form from an operand template; see SpecOptions. */
export function spec(template: string, options: SpecOptions): Form {
  const form: Form = {
    name: options.name ?? template,
    group: options.group,
    instance: (rng, layout) => instantiate(template, options, rng, layout),
  };
  if (options.ignore) form.ignore = options.ignore;
  return form;
}

function instantiate(template: string, o: SpecOptions, rng: Rng, layout: HarnessLayout): Instance {
  const regs = new Map<string, number>(); // placeholder -> register number (FP: 32 + n)
  const gens = new Map<number, ValueGen>(); // register -> value generator
  const constraints: ((rng: Rng, values: Values) => void)[] = [];
  const reserved = new Set<number>([0, ...(o.implicit ?? [])]);
  let frmValid = o.dynamic ?? false;
  const bytes = o.bytes ?? 8;

  const avoid = (ph: string) => new Set((o.distinct ?? []).flatMap(([a, b]) => (a === ph ? [b] : b === ph ? [a] : [])).map((p) => regs.get(p)));
  const pickX = (ph: string, nonzero: boolean): number => {
    const existing = regs.get(ph);
    if (existing !== undefined) return existing;
    const bad = avoid(ph);
    const prior = [...regs.values()].filter((n) => n > 0 && n < 32 && !bad.has(n));
    let n: number;
    if (!nonzero && rng.chance(0.05)) n = 0;
    else if (prior.length > 0 && rng.chance(0.15)) n = rng.pick(prior);
    else do n = rng.range(1, 31); while (bad.has(n));
    regs.set(ph, n);
    return n;
  };
  const pickF = (ph: string, fmt: Fmt): number => {
    const existing = regs.get(ph);
    if (existing !== undefined) return existing;
    const prior = [...regs.values()].filter((n) => n >= 32);
    const n = prior.length > 0 && rng.chance(0.15) ? rng.pick(prior) : 32 + rng.int(32);
    regs.set(ph, n);
    if (ph !== 'fd') gens.set(n, (r) => fpValue(r, fmt));
    return n;
  };
  const spell = (n: number) => (n < 32 ? (rng.chance(0.6) ? RISCV_ABI_NAME(n) : `x${n}`) : rng.chance(0.6) ? RISCV_ABI_NAME(n) : `f${n - 32}`);
  const memBase = (offset: bigint) => {
    const n = pickX('rs1', true);
    const misaligned = !(o.aligned ?? false);
    constraints.push((r, values) => {
      const k = misaligned && r.chance(0.25) ? r.int(layout.scratchSize - bytes + 1) : r.int(layout.scratchSize / bytes) * bytes;
      values.set(`x${n}`, (layout.scratchAddr + BigInt(k) - offset) & M64);
    });
    return spell(n);
  };
  const symbol = () => {
    const fit = SCRATCH_SYMBOLS.filter(([, off]) => off % bytes === 0 && off + bytes <= layout.scratchSize);
    return rng.pick(fit)[0];
  };

  let jumpOffset = 0n;
  const jumpRegister = () => {
    const n = pickX('target', true);
    // `jr ra` (offset 0) is a return, whose target the semantics take to be
    // ra itself: return addresses are even, so the odd case is not a return.
    const isReturn = () => n === 1 && jumpOffset === 0n;
    constraints.push((r, values) =>
      values.set(`x${n}`, { label: 'CASE_t', addend: -jumpOffset + (!isReturn() && r.chance(0.3) ? 1n : 0n) }),
    );
    return spell(n);
  };
  const jumpImmediate = () => {
    jumpOffset = rng.pick([0n, 4n, -4n, BigInt(rng.range(-2048, 2047))]);
    return String(jumpOffset);
  };

  const text = template.replace(PLACEHOLDER, (m: string) => {
    if (m.startsWith('timm(')) {
      const off = jumpImmediate();
      return `${off}(${jumpRegister()})`;
    }
    if (m.startsWith('off(')) {
      const off = rng.pick([0n, 0n, -2048n, 2047n, BigInt(rng.range(-2048, 2047)), BigInt(rng.range(-64, 64))]);
      return `${off}(${memBase(off)})`;
    }
    if (m.startsWith('%lo(sym)')) {
      // `%lo(sym)(rs1)` with rs1 holding what `lui rs1, %hi(sym)` leaves.
      const chosen = symbol();
      const [name, offset] = SCRATCH_SYMBOLS.find(([s]) => s === chosen)!;
      const addr = layout.scratchAddr + BigInt(offset);
      const lo = BigInt.asIntN(12, addr);
      const n = pickX('rs1', true);
      constraints.push((_r, values) => values.set(`x${n}`, (addr - lo) & M64));
      return `%lo(${name})(${spell(n)})`;
    }
    if (m.startsWith('(')) {
      const n = pickX('rs1', true);
      constraints.push((r, values) => values.set(`x${n}`, layout.scratchAddr + BigInt(r.int(layout.scratchSize / bytes) * bytes)));
      return `(${spell(n)})`;
    }
    switch (m) {
      case 'rd':
        return spell(pickX(m, false));
      case 'rdnz':
        return spell(pickX(m, true));
      case 'rs1':
      case 'rs2':
      case 'rs3': {
        const n = pickX(m, false);
        const gen = o.values?.[m];
        if (gen && n !== 0) gens.set(n, gen);
        return spell(n);
      }
      case 'fd':
        return spell(pickF(m, o.fmt ?? 64));
      case 'fs1':
      case 'fs2':
      case 'fs3':
        return spell(pickF(m, o.srcFmt ?? o.fmt ?? 64));
      case 'imm12':
        return String(rng.pick([0n, 1n, -1n, -2048n, 2047n, BigInt(rng.range(-2048, 2047)), BigInt(rng.range(-16, 16))]));
      case 'shamt6':
        return String(rng.pick([0, 1, 31, 32, 63, rng.int(64)]));
      case 'shamt5':
        return String(rng.pick([0, 1, 15, 31, rng.int(32)]));
      case 'uimm5':
        return String(rng.pick([0, 1, 31, rng.int(32)]));
      case 'imm20':
        return `0x${rng.pick([0n, 1n, 0x7ffffn, 0x80000n, 0xfffffn, rng.bits(20)]).toString(16)}`;
      case 'imm64':
        return `0x${edgeInt(rng, 64).toString(16)}`;
      case 'label':
        return 'CASE_t';
      case 'target':
        return jumpRegister();
      case 'timm':
        return jumpImmediate();
      case 'sym':
        return symbol();
      case 'rm': {
        const rm = rng.pick(ROUNDING);
        if (rm === 'dyn') frmValid = true;
        return rm;
      }
      default:
        throw new Error(`unknown placeholder ${m}`);
    }
  });

  if (o.correlate) {
    const [a, b] = o.correlate;
    const na = regs.get(a);
    const nb = regs.get(b);
    if (na && nb && na !== nb)
      constraints.unshift((r, values) => {
        if (!r.chance(0.45)) return;
        const va = values.get(`x${na}`) as bigint;
        values.set(`x${nb}`, (va + BigInt(r.pick([0, 0, 0, 1, -1]))) & M64);
      });
  }
  if (o.constrain) {
    const extra = o.constrain;
    constraints.push((r, values) => extra(r, values, regs, layout));
  }

  const named = new Set([...regs.values()].filter((n) => n < 32));
  const free = Array.from({ length: 31 }, (_, k) => k + 1).filter((n) => !named.has(n) && !reserved.has(n));
  const spare = rng.pick(free);
  const data: RvData = { spare, kind: o.kind ?? 'plain' };
  return {
    text,
    ...(o.kind && o.kind !== 'plain' ? { taken: 'CASE_t' } : {}),
    data,
    state: (r: Rng): InputState => {
      const values: Values = new Map();
      for (let n = 1; n < 32; n++) values.set(`x${n}`, edgeInt(r, 64));
      for (let n = 0; n < 32; n++) values.set(`f${n}`, fpValue(r, r.chance(0.5) ? 32 : 64));
      for (const [n, gen] of gens) values.set(n < 32 ? `x${n}` : `f${n - 32}`, gen(r));
      values.set('frm', BigInt(frmValid ? r.int(5) : r.int(8)));
      values.set('fflags', r.bits(5));
      for (const c of constraints) c(r, values);
      values.set(`x${spare}`, layout.outAddr);
      return { values, scratch: scratchBytes(r, layout.scratchSize) };
    },
  };
}

// ------------------------------------------------------- value generators

/** Divisors: zero and -1 (the special cases), one, and edge values. */
export const divisor = (w: 32 | 64): ValueGen => (rng) => {
  const low = rng.pick([0n, -1n, 0n, -1n, 1n, edgeInt(rng, w)]) & ((1n << BigInt(w)) - 1n);
  // The `*w` forms must ignore the upper half: fill it with junk.
  return w === 32 ? (rng.bits(32) << 32n) | low : low;
};

/** Dividends: INT_MIN (the overflow case) often, otherwise edge values. */
export const dividend = (w: 32 | 64): ValueGen => (rng) => {
  const low = rng.chance(0.3) ? 1n << BigInt(w - 1) : edgeInt(rng, w);
  return w === 32 ? (rng.bits(32) << 32n) | low : low;
};

/** Register shift amounts: small amounts with junk above the used bits, or anything. */
export const shiftAmount: ValueGen = (rng) => (rng.chance(0.6) ? (rng.bits(56) << 8n) | BigInt(rng.int(256)) : edgeInt(rng, 64));

/** Zero a fair share of the time (beqz and friends). */
export const oftenZero: ValueGen = (rng) => (rng.chance(0.3) ? 0n : edgeInt(rng, 64));
