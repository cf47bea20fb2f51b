// Proofs of function equivalence with the solver, for loop-free functions:
// both functions are summarised path by path from shared symbolic inputs
// placed by each calling convention, and the solver is asked for inputs
// under which anything a caller can observe differs. No such inputs: proven.
import type { Isa } from '../asm/ast.js';
import type { CallingConvention } from '../abi/conventions.js';
import { placeParams, placeResult, type Placement } from '../abi/values.js';
import { isSigned, type Prototype } from '../cfront/ctypes.js';
import { and, c, concat, eq, extract, FALSE, ite, load, ne, not, or, sext, sub, trunc, TRUE, uge, ult, v, zext } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { Evaluator } from '../interp/eval.js';
import { stateLayout } from '../ir/state.js';
import type { Machine } from './concrete.js';
import { enumeratePaths, type PathCallModel, type PathOutcome } from './paths.js';
import { DataLayoutError, inWindow, rewritePath, sideData, storesOf, type SideData } from './prove-data.js';

/** Bytes below the entry stack pointer that belong to the callee: never compared (testing and proofs alike). */
export const FRAME_BYTES = 0x10_0000n;

export interface ProofSide {
  label: string;
  machine: Machine;
  fn: string;
}

export interface SymbolicInputs {
  /** Initial value of each component of a side. */
  initial(side: ProofSide, name: string): BV;
  mem: Mem;
  args: BV[];
}

export type SatAnswer =
  | { status: 'unsat' }
  | { status: 'sat'; value(name: string, w: number): bigint; memByte(addr: bigint): number }
  | { status: 'unknown'; reason: string };

/** Asks whether `formula` (1 bit) can be true under the assumptions. */
export type SatChecker = (formula: BV, assumptions: BV[]) => Promise<SatAnswer>;

export type ProofOutcome =
  /** `bound`: proven only for executions that re-enter no block more than `bound` times (bounded unrolling). */
  | { kind: 'proven'; paths: [number, number]; bound?: number }
  | { kind: 'refuted'; answer: Extract<SatAnswer, { status: 'sat' }>; inputs: SymbolicInputs }
  | { kind: 'not-attempted'; reason: string }
  | { kind: 'unknown'; reason: string };

/** The symbolic register content a caller passes for a parameter (cf. registerContent). */
function placedValue(isa: Isa, p: Placement, arg: BV, filler: BV): BV {
  if (p.bits >= 64) return arg;
  const low = trunc(p.bits, arg);
  if (p.type.kind === 'float')
    return isa === 'riscv64' ? concat(c(32, 0xffff_ffff), low) : concat(trunc(64 - p.bits, filler), low);
  if (isa === 'riscv64' && p.type.kind === 'int') {
    const w32 = isSigned(p.type, isa) ? sext(32, low) : zext(32, low);
    return sext(64, w32);
  }
  return concat(trunc(64 - p.bits, filler), low);
}

export function symbolicInputs(proto: Prototype, sides: ProofSide[]): SymbolicInputs {
  const args = proto.params.map((_, i) => v(64, `arg${i}`));
  const placements = new Map(sides.map((s) => [s, new Map(placeParams(s.machine.convention, proto).map((p) => [p.register, p]))]));
  return {
    mem: { op: 'mem0', name: 'mem' },
    args,
    initial(side, name) {
      const cc = side.machine.convention;
      const isa = side.machine.program.file.isa;
      const w = stateLayout(isa).find((s) => s.name === name)!.w;
      if (name === cc.stackPointer) return v(64, 'sp0');
      if (name === cc.linkRegister) return v(64, 'ret0');
      const p = placements.get(side)!.get(name);
      if (p) {
        const value = placedValue(isa, p, args[p.index]!, v(64, `${side.label}.fill.${name}`));
        return w === 64 ? value : concat(v(w - 64, `${side.label}.hi.${name}`), value);
      }
      return v(w, `${side.label}.${name}`);
    },
  };
}

/** Every variable name in an expression DAG (memoised walk). */
export function collectVars(roots: (BV | Mem)[], out = new Set<string>()): Set<string> {
  const seen = new Set<object>();
  const walk = (e: BV | Mem): void => {
    if (seen.has(e)) return;
    seen.add(e);
    switch (e.op) {
      case 'var': out.add(e.name); return;
      case 'const': case 'mem0': return;
      case 'store': walk(e.mem); walk(e.addr); walk(e.value); return;
      case 'load': walk(e.mem); walk(e.addr); return;
      case 'ite': walk(e.c); walk(e.t); walk(e.e); return;
      case 'extract': case 'zext': case 'sext': case 'not': case 'neg': walk(e.a); return;
      case 'fp': case 'uf': e.args.forEach(walk); return;
      default: walk(e.a); walk(e.b);
    }
  };
  roots.forEach(walk);
  return out;
}

export interface SideSummary {
  ok: BV; // returned to the caller
  trapped: BV;
  result: BV;
  resultRaw: BV;
  calleeSaved: BV; // 1 when every callee-saved register is preserved
  spRestored: BV;
  byteAt(addr: BV): BV;
}

/**
 * What a caller observes of one side, selected over its paths (exclusive and
 * exhaustive). `base`: the value of a component the paths did not write
 * (the entry state by default; the state at a cut point for loop segments).
 */
export function summarise(
  side: ProofSide,
  paths: PathOutcome[],
  inputs: SymbolicInputs,
  result: Placement | undefined,
  base: (name: string) => BV = (name) => inputs.initial(side, name),
): SideSummary {
  const cc: CallingConvention = side.machine.convention;
  const final = (p: PathOutcome, name: string) => p.state.get(name) ?? base(name);
  // Paths are exclusive and exhaustive: select by condition, the last as default.
  const select = (f: (p: PathOutcome) => BV): BV => {
    let acc = f(paths[paths.length - 1]!);
    for (let k = paths.length - 2; k >= 0; k--) acc = ite(paths[k]!.cond, f(paths[k]!), acc);
    return acc;
  };
  const ok = select((p) => (p.end.kind === 'return' ? eq(p.end.via, v(64, 'ret0')) : FALSE));
  const trapped = select((p) => (p.end.kind === 'trap' ? TRUE : FALSE));
  const resultRaw = result ? select((p) => final(p, result.register)) : c(64, 0);
  const resultBits = result ? trunc(Math.min(result.bits, resultRaw.w), resultRaw) : c(1, 0);
  let saved: BV = TRUE;
  for (const s of cc.calleeSaved) {
    const init = inputs.initial(side, s.name);
    saved = and(saved, select((p) => eq(trunc(s.bits, final(p, s.name)), trunc(s.bits, init))));
  }
  const spRestored = select((p) => eq(final(p, cc.stackPointer), v(64, 'sp0')));
  return {
    ok,
    trapped,
    result: resultBits,
    resultRaw,
    calleeSaved: saved,
    spRestored,
    byteAt: (addr) => select((p) => load(p.mem, addr, 1)),
  };
}

export interface ProveOptions {
  /**
   * Bounded unrolling for functions with loops: paths may re-enter a block
   * this many times; a proof then covers only executions within the bound
   * and says so (`bound`). Without it, loops are not attempted.
   */
  unroll?: number;
  /**
   * Model external calls as testing does (the k-th call to the same callee
   * returns the same result registers on both sides, other caller-saved
   * registers become side-specific unknowns, memory is unchanged) and
   * compare the callee sequence and first arguments. Without it, functions
   * with calls are not attempted.
   */
  calls?: boolean;
}

/** The effect of an external call on one side, as testing's oracle has it. */
export function callModelFor(side: ProofSide): PathCallModel {
  const cc = side.machine.convention;
  const isa = side.machine.program.file.isa;
  return (index, callee, get) => {
    const out = new Map<string, BV>();
    for (const r of cc.callClobbered) {
      const w = stateLayout(isa).find((s) => s.name === r)?.w;
      if (w === undefined) continue;
      let value = v(w, `${side.label}.call${index}.${r}`);
      const kept = cc.calleeSaved.find((s) => s.name === r)?.bits;
      if (kept !== undefined && kept < w) value = concat(extract(w - 1, kept, value), trunc(kept, get(r)));
      out.set(r, value);
    }
    cc.intResults.forEach((r, k) => out.set(r, v(64, `call${index}.${callee}.result${k}`)));
    return out;
  };
}

export async function proveEquivalent(a: ProofSide, b: ProofSide, proto: Prototype, check: SatChecker, opts: ProveOptions = {}): Promise<ProofOutcome> {
  const inputs = symbolicInputs(proto, [a, b]);
  const summaries: PathOutcome[][] = [];
  const exceeded: BV[] = [];
  for (const side of [a, b]) {
    const fn = side.machine.program.functions.find((f) => f.name === side.fn)!;
    const s = enumeratePaths(side.machine, fn, (name) => inputs.initial(side, name), inputs.mem, 256, opts.unroll, opts.calls ? callModelFor(side) : undefined);
    if ('unsupported' in s) return { kind: 'not-attempted', reason: `${side.label}: ${s.unsupported}` };
    if (s.paths.length === 0) return { kind: 'not-attempted', reason: `${side.label}: no path returns within ${opts.unroll} loop iterations` };
    summaries.push(s.paths);
    exceeded.push(...(s.exceeded ?? []));
  }
  // Symbol addresses: each side's concrete layout, and the data it refers to as its initial memory.
  const windows: bigint[] = [];
  const privateWrites: BV[] = [];
  for (const [k, paths] of summaries.entries()) {
    const side = [a, b][k]!;
    const roots = paths.flatMap((p) => [p.cond, p.mem, ...p.state.values(), ...(p.end.kind === 'return' ? [p.end.via] : []), ...(p.calls ?? []).map((x) => x.arg0)]);
    const symbols = new Set([...collectVars(roots)].filter((n) => n.startsWith('&')).map((n) => n.slice(1)));
    if (symbols.size === 0) continue;
    let data: SideData;
    try {
      data = sideData(side, symbols);
    } catch (e) {
      if (e instanceof DataLayoutError) return { kind: 'not-attempted', reason: e.message };
      throw e;
    }
    const ownStores = paths.map((p) => storesOf(p.mem));
    summaries[k] = paths.map((p) => rewritePath(p, data));
    if (data.window !== undefined) {
      windows.push(data.window);
      // A store that may land in the side's private data keeps the proof from succeeding.
      summaries[k]!.forEach((p, i) => {
        for (const st of ownStores[i]!) privateWrites.push(and(p.cond, inWindow(data.rewrite(st.addr), data.window!)));
      });
    }
  }

  const sa = summarise(a, summaries[0]!, inputs, placeResult(a.machine.convention, proto));
  const sb = summarise(b, summaries[1]!, inputs, placeResult(b.machine.convention, proto));
  // A pointer into a side's own private data (a format string) is laid out differently on each side: not compared.
  const callsDiffer = callSequencesDiffer(summaries[0]!, summaries[1]!, callArgBits(a, b), privatePointerIn(windows));
  const writesPrivate = privateWrites.reduce((acc, x) => or(acc, x), FALSE);
  const differs = or(observablyDiffer(a, b, sa, sb, proto, callsDiffer, windows), writesPrivate);
  const assumptions = entryAssumptions(inputs, windows);
  // Bounded: only inputs on which neither side leaves the unrolled paths.
  const withinBound = exceeded.reduce((acc, cond) => and(acc, not(cond)), TRUE);
  const answer = await check(and(differs, withinBound), assumptions);
  if (answer.status === 'unsat')
    return exceeded.length
      ? { kind: 'proven', paths: [summaries[0]!.length, summaries[1]!.length], bound: opts.unroll! }
      : { kind: 'proven', paths: [summaries[0]!.length, summaries[1]!.length] };
  if (answer.status === 'unknown') return { kind: 'unknown', reason: answer.reason };
  if (writesPrivate !== FALSE) {
    const ev = new Evaluator({ variable: (n, w) => answer.value(n, w), memByte: (_m, addr) => answer.memByte(addr) });
    if (ev.value(writesPrivate) === 1n) return { kind: 'not-attempted', reason: 'the function may write its own private data (static variables are not compared in proofs yet)' };
  }
  return { kind: 'refuted', answer, inputs };
}

const sp0 = v(64, 'sp0');

/** Is an address inside the callee's frame (the FRAME_BYTES below the entry stack pointer)? */
export function inFrame(x: BV): BV {
  return ult(sub(x, sub(sp0, c(64, FRAME_BYTES))), c(64, FRAME_BYTES));
}

/** Is an address in one of the sides' private data windows? */
export function privatePointerIn(windows: bigint[]): (x: BV) => BV {
  return (x) => windows.reduce((acc, w) => or(acc, inWindow(x, w)), FALSE);
}

/** Bits of a call's first argument compared: across ISAs a 32-bit argument's upper bits differ by convention. */
export function callArgBits(a: ProofSide, b: ProofSide): number {
  return a.machine.program.file.isa === b.machine.program.file.isa ? 64 : 32;
}

/**
 * 1 when a caller could tell the two sides apart: one returns and the other
 * does not (or traps), or both return with different result bits, a result
 * not extended as the convention requires, a callee-saved register or the
 * stack pointer not restored, different memory outside the callee's frame
 * and the private windows, or (`callsDiffer`) different external calls.
 */
export function observablyDiffer(a: ProofSide, b: ProofSide, sa: SideSummary, sb: SideSummary, proto: Prototype, callsDiffer: BV, windows: bigint[]): BV {
  const resultA = placeResult(a.machine.convention, proto);
  const resultB = placeResult(b.machine.convention, proto);
  const probe = v(64, 'probe');
  // Each side's private data is invisible to callers: not compared (but never written, see privateWrites).
  const outsideWindows = (x: BV) => windows.reduce((acc, w) => and(acc, not(inWindow(x, w))), TRUE);
  const sameEnd = and(eq(sa.ok, sb.ok), eq(sa.trapped, sb.trapped));
  const conformA = resultA ? conforms(a, resultA, sa.resultRaw) : TRUE;
  const conformB = resultB ? conforms(b, resultB, sb.resultRaw) : TRUE;
  const observable = or(
    or(ne(sa.result, sb.result), ne(conformA, conformB)),
    or(
      or(ne(sa.calleeSaved, sb.calleeSaved), ne(sa.spRestored, sb.spRestored)),
      and(and(not(inFrame(probe)), outsideWindows(probe)), ne(sa.byteAt(probe), sb.byteAt(probe))),
    ),
  );
  return or(not(sameEnd), and(sa.ok, or(observable, callsDiffer)));
}

/**
 * What every proof assumes of the entry state. These are satisfiable
 * together (sp0 = 2^63, every argument 0), so an unsat answer cannot come
 * from contradictory assumptions.
 */
export function entryAssumptions(inputs: SymbolicInputs, windows: bigint[]): BV[] {
  return [
    eq(extract(3, 0, sp0), c(4, 0)), // 16-byte aligned
    uge(sp0, c(64, FRAME_BYTES)), // the frame does not wrap around address 0
    ...inputs.args.map((arg) => not(inFrame(arg))), // no argument points into the callee's frame
    ...windows.flatMap((w) => [not(inWindow(sp0, w)), not(inWindow(sub(sp0, c(64, FRAME_BYTES)), w))]), // the stack is not in private data
  ];
}

/**
 * 1 when the two sides make different external calls: another callee at
 * some position, a different number of calls, or a different first
 * argument (its low `argBits` bits: across ISAs a 32-bit argument's upper
 * bits differ by convention, and without the callee's prototype the
 * verifier cannot tell).
 */
export function callSequencesDiffer(pa: PathOutcome[], pb: PathOutcome[], argBits: number, privatePointer: (x: BV) => BV): BV {
  const ids = new Map<string, number>();
  const idOf = (name: string) => {
    let k = ids.get(name);
    if (k === undefined) ids.set(name, (k = ids.size + 1));
    return k;
  };
  const n = Math.max(0, ...[...pa, ...pb].map((p) => p.calls?.length ?? 0));
  const sel = (paths: PathOutcome[], f: (p: PathOutcome) => BV): BV => {
    let acc = f(paths[paths.length - 1]!);
    for (let k = paths.length - 2; k >= 0; k--) acc = ite(paths[k]!.cond, f(paths[k]!), acc);
    return acc;
  };
  let differ: BV = FALSE;
  for (let k = 0; k < n; k++) {
    const callee = (p: PathOutcome) => c(16, p.calls?.[k] ? idOf(p.calls[k]!.callee) : 0);
    const raw = (p: PathOutcome) => p.calls?.[k]?.arg0 ?? c(64, 0);
    const ca = sel(pa, callee);
    const cb = sel(pb, callee);
    const xa = sel(pa, raw);
    const xb = sel(pb, raw);
    const comparable = not(or(privatePointer(xa), privatePointer(xb)));
    differ = or(differ, or(ne(ca, cb), and(and(ne(ca, c(16, 0)), comparable), ne(trunc(argBits, xa), trunc(argBits, xb)))));
  }
  return differ;
}

/** RISC-V results narrower than 64 bits must be extended as the convention says. */
export function conforms(side: ProofSide, p: Placement, raw: BV): BV {
  const isa = side.machine.program.file.isa;
  if (isa !== 'riscv64' || p.bits >= 64 || p.type.kind !== 'int') return TRUE;
  return eq(raw, placedValue(isa, p, raw, c(64, 0)));
}
