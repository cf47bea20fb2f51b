// Difftest forms: loads and stores of every width and addressing mode,
// pairs, literal-pool loads, exclusives and LSE atomics. Base registers are
// set so that every access falls inside the scratch buffer.
import type { Form } from '../types.js';
import { B, form, hex } from './gen.js';

interface Reg {
  /** Spelling, e.g. 'x' or 'q' (the register file prefix). */
  prefix: string;
  bytes: number;
}

/** `ldr`-family mnemonic with its transfer registers. */
interface Access {
  op: string;
  regs: Reg[];
  bytes: number;
  store: boolean;
}

const GP = (p: 'x' | 'w'): Reg => ({ prefix: p, bytes: p === 'x' ? 8 : 4 });
const FPR = (p: string, bytes: number): Reg => ({ prefix: p, bytes });

const SINGLE: Access[] = [
  { op: 'ldr', regs: [GP('x')], bytes: 8, store: false },
  { op: 'ldr', regs: [GP('w')], bytes: 4, store: false },
  { op: 'ldrb', regs: [GP('w')], bytes: 1, store: false },
  { op: 'ldrh', regs: [GP('w')], bytes: 2, store: false },
  { op: 'ldrsb', regs: [GP('w')], bytes: 1, store: false },
  { op: 'ldrsb', regs: [GP('x')], bytes: 1, store: false },
  { op: 'ldrsh', regs: [GP('w')], bytes: 2, store: false },
  { op: 'ldrsh', regs: [GP('x')], bytes: 2, store: false },
  { op: 'ldrsw', regs: [GP('x')], bytes: 4, store: false },
  { op: 'str', regs: [GP('x')], bytes: 8, store: true },
  { op: 'str', regs: [GP('w')], bytes: 4, store: true },
  { op: 'strb', regs: [GP('w')], bytes: 1, store: true },
  { op: 'strh', regs: [GP('w')], bytes: 2, store: true },
  ...['b', 'h', 's', 'd', 'q'].flatMap((p, k) => [
    { op: 'ldr', regs: [FPR(p, 1 << k)], bytes: 1 << k, store: false },
    { op: 'str', regs: [FPR(p, 1 << k)], bytes: 1 << k, store: true },
  ]),
];

function regText(b: B, r: Reg, key: string, pz: number): string {
  if (r.prefix === 'x' || r.prefix === 'w') return b.r(r.prefix, key, { pz });
  return `${r.prefix}${b.vn(key)}`;
}

const scratchSize = (b: B) => b.layout.scratchSize;

/** A naturally aligned address offset for an access of `bytes` in the scratch buffer. */
function target(b: B, bytes: number, total = bytes): number {
  return bytes * b.int(0, Math.floor((scratchSize(b) - total) / bytes));
}

type Mode = 'base' | 'offset' | 'pre' | 'post' | 'reg' | 'sp' | 'unscaled';

/** The address operand text for an access of `total` bytes, fixing the registers' input values. */
function address(b: B, mode: Mode, bytes: number, total: number, avoid: string[], pair = false): string {
  const off = target(b, bytes, total);
  const at = (k: number) => b.scratch(off - k);
  if (mode === 'sp') {
    const sp = 16 * b.int(0, Math.floor(off / 16));
    b.set('sp', b.scratch(sp));
    return `[sp, #${off - sp}]`;
  }
  const n = b.distinct('base', ...avoid);
  const base = `x${n}`;
  const imm = (lo: number, hi: number) => {
    const k = b.int(lo, hi);
    return pair ? k * bytes : k;
  };
  switch (mode) {
    case 'base':
      b.set(base, at(0));
      return `[${base}]`;
    case 'offset': {
      const k = pair ? imm(-8, 8) : bytes * b.int(0, 16);
      b.set(base, at(k));
      return `[${base}, #${k}]`;
    }
    case 'unscaled': {
      const k = b.int(-256, 255);
      b.set(base, at(k));
      return `[${base}, #${k}]`;
    }
    case 'pre': {
      const k = pair ? imm(-8, 8) : b.int(-256, 255);
      b.set(base, at(k));
      return `[${base}, #${k}]!`;
    }
    case 'post': {
      b.set(base, at(0));
      return `[${base}], #${pair ? imm(-64, 63) : b.int(-256, 255)}`;
    }
    case 'reg': {
      const m = b.distinct('index', 'base', ...avoid);
      const scale = Math.log2(bytes);
      const kind = b.pick(['lsl', 'uxtw', 'sxtw', 'sxtx', 'none']);
      const s = kind !== 'none' && b.rng.chance(0.5) ? scale : 0;
      const idx = b.int(kind === 'uxtw' ? 0 : -8, 8);
      const high = b.rng.bits(32) << 32n;
      const low = BigInt.asUintN(32, BigInt(idx));
      const offset = BigInt(idx) << BigInt(s);
      b.set(base, (at(0) - offset) & ((1n << 64n) - 1n));
      switch (kind) {
        case 'none':
          b.set(`x${m}`, BigInt.asUintN(64, BigInt(idx)));
          return `[${base}, x${m}]`;
        case 'lsl':
          b.set(`x${m}`, BigInt.asUintN(64, BigInt(idx)));
          return `[${base}, x${m}, lsl #${s}]`;
        case 'sxtx':
          b.set(`x${m}`, BigInt.asUintN(64, BigInt(idx)));
          return `[${base}, x${m}, sxtx${s || b.rng.chance(0.5) ? ` #${s}` : ''}]`;
        default:
          // The upper half of the X register must be ignored.
          b.set(`x${m}`, high | low);
          return `[${base}, w${m}, ${kind}${s || b.rng.chance(0.5) ? ` #${s}` : ''}]`;
      }
    }
  }
}

const MEM: Form[] = [];
for (const a of SINGLE) {
  const r = a.regs[0]!;
  const modes: Mode[] = ['base', 'offset', 'pre', 'post', 'reg', 'sp'];
  for (const mode of modes) {
    const name = `${a.op} ${r.prefix}t, ${mode}`;
    MEM.push(form(name, 'memory', (b) => {
      const writeback = mode === 'pre' || mode === 'post';
      const isGp = r.prefix === 'x' || r.prefix === 'w';
      // Writing back into the transfer register is unpredictable: keep them apart.
      const t = regText(b, r, 't', isGp && (a.store || mode !== 'reg') ? 0.1 : 0);
      const avoid = writeback && isGp ? ['t'] : [];
      return `${a.op} ${t}, ${address(b, mode, a.bytes, a.bytes, avoid)}`;
    }));
  }
}
for (const [op, reg, bytes] of [
  ['ldur', GP('x'), 8], ['ldur', GP('w'), 4], ['ldurb', GP('w'), 1], ['ldurh', GP('w'), 2], ['ldursb', GP('x'), 1],
  ['ldursh', GP('w'), 2], ['ldursw', GP('x'), 4], ['stur', GP('x'), 8], ['stur', GP('w'), 4], ['sturb', GP('w'), 1],
  ['sturh', GP('w'), 2], ['ldur', FPR('q', 16), 16], ['stur', FPR('d', 8), 8], ['ldur', FPR('s', 4), 4],
] as const) {
  MEM.push(form(`${op} ${reg.prefix}t, [xn, #simm9]`, 'memory', (b) => `${op} ${regText(b, reg, 't', 0.1)}, ${address(b, 'unscaled', bytes, bytes, [])}`));
}

const PAIRS: [string, Reg, boolean][] = [
  ['ldp', GP('x'), false], ['ldp', GP('w'), false], ['ldpsw', GP('x'), false], ['stp', GP('x'), true], ['stp', GP('w'), true],
  ['ldp', FPR('s', 4), false], ['ldp', FPR('d', 8), false], ['ldp', FPR('q', 16), false],
  ['stp', FPR('s', 4), true], ['stp', FPR('d', 8), true], ['stp', FPR('q', 16), true],
  ['ldnp', GP('x'), false], ['stnp', GP('w'), true], ['ldnp', FPR('q', 16), false],
];
for (const [op, r, store] of PAIRS) {
  const bytes = op === 'ldpsw' ? 4 : r.bytes;
  const modes: Mode[] = op.endsWith('np') ? ['base', 'offset'] : ['base', 'offset', 'pre', 'post', 'sp'];
  for (const mode of modes) {
    MEM.push(form(`${op} ${r.prefix}t1, ${r.prefix}t2, ${mode}`, 'memory', (b) => {
      const isGp = r.prefix === 'x' || r.prefix === 'w';
      const t1 = regText(b, r, 't1', isGp && store ? 0.1 : 0);
      let t2: string;
      if (isGp) t2 = `${r.prefix}${b.distinct('t2', 't1')}`;
      else {
        let n = b.vn('t2');
        if (n === b.vn('t1')) n = (n + 1) % 32;
        t2 = `${r.prefix}${n}`;
      }
      const writeback = mode === 'pre' || mode === 'post';
      const avoid = isGp && (writeback || !store) ? ['t1', 't2'] : [];
      return `${op} ${t1}, ${t2}, ${address(b, mode, bytes, 2 * bytes, avoid, true)}`;
    }));
  }
}

MEM.push(
  form('ldr xt, =imm', 'memory', (b) => `ldr ${b.x('t')}, =${hex(b.rng.bits(64))}`),
  form('ldr wt, =imm', 'memory', (b) => `ldr ${b.w('t')}, =${hex(b.rng.bits(32))}`),
  form('ldr xt, =sym', 'memory', (b) => `ldr ${b.x('t')}, =dt_sym${b.pick([0, 16, 32, 48])}`),
  form('ldr xt, [xn, #:lo12:sym]', 'memory', (b) => {
    const n = b.x('n');
    const s = b.pick([0, 16, 32, 48]);
    b.set(n, b.scratch(s) & ~0xfffn);
    return `ldr ${b.x('t')}, [${n}, #:lo12:dt_sym${s}]`;
  }),
  form('prfm op, [xn, #imm]', 'memory', (b) => `prfm ${b.pick(['pldl1keep', 'pstl2strm', 'plil3keep'])}, [${b.x('n')}, #${8 * b.int(0, 64)}]`),
);

// ---------------------------------------------------------------- exclusives, acquire/release, atomics

let lastOffset = 0;

/** `[xn]` at a naturally aligned scratch address. */
function aligned(b: B, bytes: number, avoid: string[]): string {
  const n = b.distinct('base', ...avoid);
  lastOffset = target(b, bytes);
  b.set(`x${n}`, b.scratch(lastOffset));
  return `[x${n}]`;
}

/** Half of the states: the compare register(s) hold what memory holds, so the swap happens. */
function matchMemory(b: B, regs: number[], off: number, bytes: number): void {
  b.post.push((values, scratch, rng) => {
    if (!rng.chance(0.5)) return;
    regs.forEach((r, k) => values.set(`x${r}`, B.read(scratch, off + k * bytes, bytes)));
  });
}

const sizes: [string, 'w' | 'x', number][] = [['', 'x', 8], ['', 'w', 4], ['b', 'w', 1], ['h', 'w', 2]];
const ATOMIC: Form[] = [];
for (const [suffix, p, bytes] of sizes) {
  for (const stem of ['ldar', 'ldapr', 'ldaxr', 'ldxr']) {
    ATOMIC.push(form(`${stem}${suffix} ${p}t, [xn]`, 'atomic', (b) => `${stem}${suffix} ${b.r(p, 't')}, ${aligned(b, bytes, [])}`));
  }
  ATOMIC.push(form(`stlr${suffix} ${p}t, [xn]`, 'atomic', (b) => `stlr${suffix} ${b.r(p, 't', { pz: 0.1 })}, ${aligned(b, bytes, [])}`));
  for (const [ld, st] of [['ldxr', 'stxr'], ['ldaxr', 'stlxr']]) {
    // A store-exclusive succeeds after the matching load-exclusive, as the single-thread model says.
    ATOMIC.push(form(`${ld}${suffix} + ${st}${suffix} (${p})`, 'atomic', (b) => {
      const addr = aligned(b, bytes, []);
      const s = b.distinct('s', 'base', 't');
      return `${ld}${suffix} ${p}${b.distinct('u', 'base')}, ${addr}\n${st}${suffix} w${s}, ${b.r(p, 't')}, ${addr}`;
    }));
  }
  const order = (b: B) => b.pick(['', 'a', 'l', 'al']);
  for (const op of ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin']) {
    ATOMIC.push(form(`ld${op}{a,l,al}${suffix} ${p}s, ${p}t, [xn]`, 'atomic', (b) =>
      `ld${op}${order(b)}${suffix} ${b.r(p, 's', { pz: 0.1 })}, ${b.r(p, 't', { pz: 0.1 })}, ${aligned(b, bytes, ['s', 't'])}`));
    ATOMIC.push(form(`st${op}{l}${suffix} ${p}s, [xn]`, 'atomic', (b) =>
      `st${op}${b.pick(['', 'l'])}${suffix} ${b.r(p, 's')}, ${aligned(b, bytes, ['s'])}`));
  }
  ATOMIC.push(form(`swp{a,l,al}${suffix} ${p}s, ${p}t, [xn]`, 'atomic', (b) =>
    `swp${order(b)}${suffix} ${b.r(p, 's', { pz: 0.1 })}, ${b.r(p, 't', { pz: 0.1 })}, ${aligned(b, bytes, ['s', 't'])}`));
  ATOMIC.push(form(`cas{a,l,al}${suffix} ${p}s, ${p}t, [xn]`, 'atomic', (b) => {
    const s = b.r(p, 's');
    const addr = aligned(b, bytes, ['s', 't']);
    matchMemory(b, [b.reg('s')], lastOffset, bytes);
    return `cas${order(b)}${suffix} ${s}, ${b.r(p, 't', { pz: 0.1 })}, ${addr}`;
  }));
}
for (const p of ['x', 'w'] as const) {
  ATOMIC.push(form(`ldxp + stxp (${p})`, 'atomic', (b) => {
    const bytes = p === 'x' ? 8 : 4;
    const addr = aligned(b, 2 * bytes, []);
    const t1 = b.distinct('t1', 'base');
    const t2 = b.distinct('t2', 't1', 'base');
    const s = b.distinct('s', 'base', 'u1', 'u2');
    return `ldxp ${p}${t1}, ${p}${t2}, ${addr}\nstxp w${s}, ${b.r(p, 'u1')}, ${b.r(p, 'u2')}, ${addr}`;
  }));
  ATOMIC.push(form(`casp{a,l,al} (${p})`, 'atomic', (b) => {
    const bytes = p === 'x' ? 8 : 4;
    const s = 2 * b.int(0, 14);
    let t = 2 * b.int(0, 14);
    if (t === s) t = (t + 2) % 30;
    for (const n of [s, s + 1, t, t + 1]) b.used.add(n);
    let n = b.int(0, 30);
    while ([s, s + 1, t, t + 1].includes(n)) n = (n + 1) % 31;
    b.used.add(n);
    const off = target(b, 2 * bytes);
    b.set(`x${n}`, b.scratch(off));
    matchMemory(b, [s, s + 1], off, bytes);
    return `casp${b.pick(['', 'a', 'l', 'al'])} ${p}${s}, ${p}${s + 1}, ${p}${t}, ${p}${t + 1}, [x${n}]`;
  }));
}

export const MEM_FORMS: Form[] = [...MEM, ...ATOMIC];
