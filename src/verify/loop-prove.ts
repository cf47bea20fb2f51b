// Proofs of functions with loops by cut points at corresponding loop
// headers. The loop headers of each side (src/program/dominators.ts) are
// paired by their visits in concrete runs (loop-trace.ts), and candidate
// invariants are guessed from the recorded states (loop-invariant.ts).
// Then, Houdini style: every loop-free segment from the entry or a header
// to the next header or a return is executed symbolically from a state in
// which only the current invariant is known (every other component, and
// each side's frame slots, are fresh unknowns per side; memory outside the
// slots is one unknown shared by both sides). For each pair of paths (one
// of A, one of B) from the same cut, the solver is asked whether both can
// be taken under the invariant and then go to different places, break a
// fact of the next header's invariant, leave memory outside the slots
// different, call differently, or return differently. Facts the solver
// breaks are dropped and everything is asked again, until nothing breaks
// (proven for all iterations) or a break is not about a dropped fact (no
// proof: the caller falls back to bounded unrolling).
import type { Prototype } from '../cfront/ctypes.js';
import { placeResult } from '../abi/values.js';
import { add, and, c, FALSE, load, ne, not, or, store, sub, TRUE, ult, v } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { Evaluator } from '../interp/eval.js';
import { stateLayout } from '../ir/state.js';
import { loopCutCandidates } from '../program/dominators.js';
import type { AsmFunction, BasicBlock } from '../program/model.js';
import { enumeratePaths, type PathOutcome } from './paths.js';
import { DataLayoutError, inWindow, rewritePath, sideData, storesOf } from './prove-data.js';
import {
  callArgBits, callModelFor, callSequencesDiffer, collectVars, entryAssumptions, observablyDiffer, privatePointerIn, summarise, symbolicInputs,
  type ProofSide, type SatAnswer, type SatChecker, type SymbolicInputs,
} from './prove.js';
import { candidateFacts, factFormula, factText, frameSlots, type Fact, type SideIndex, type TermValues } from './loop-invariant.js';
import { matchHeaders, pairedVisits, traceHeaders, type RunTrace } from './loop-trace.js';
import { LoadForwarder } from './loop-simplify.js';
import type { RunLimits } from './concrete.js';
import type { Side } from './testing.js';

export type LoopProof =
  | { kind: 'proven'; headers: [string, string][]; invariant: string[]; segments: number; rounds: number }
  | { kind: 'failed'; reason: string }
  | { kind: 'unknown'; reason: string };

export interface LoopProofOptions {
  /** Test inputs run to pair headers and guess invariants. */
  runs: number;
  seed: number;
  limits: RunLimits;
  /** At most this many rounds of dropping facts. */
  maxRounds?: number;
}

/** A cut point: the entry, or a pair of corresponding headers (A's block id, B's). */
type Cut = { kind: 'entry' } | { kind: 'header'; a: number; b: number };

const sp0 = v(64, 'sp0');

function blockName(fn: AsmFunction, id: number): string {
  return fn.blocks[id]!.labels[0] ?? `block ${id}`;
}

export async function proveLoops(a: Side, b: Side, proto: Prototype, check: SatChecker, opts: LoopProofOptions): Promise<LoopProof> {
  const sides: [Side, Side] = [a, b];
  const fns = sides.map((s) => s.machine.program.functions.find((f) => f.name === s.fn)!) as [AsmFunction, AsmFunction];
  const candidates = fns.map((f) => loopCutCandidates(f)) as [Map<number, number[]>, Map<number, number[]>];
  if (candidates[0].size === 0 || candidates[1].size === 0)
    return { kind: 'failed', reason: `${candidates[0].size === 0 ? 'A' : 'B'} has no natural loop header (irreducible control flow)` };

  // Pair the cut blocks by concrete runs, and guess the candidate invariants.
  const watch = candidates.map((m) => new Set([...m.values()].flat()));
  const traces = sides.map((s, k) => traceHeaders(s, proto, watch[k]!, opts.runs, opts.seed, opts.limits));
  const chosen = chooseCuts(traces[0]!, traces[1]!, candidates);
  if ('reason' in chosen) return { kind: 'failed', reason: chosen.reason };
  const { pairs, cut: headers } = chosen;
  for (const [k, hs] of headers.entries()) {
    const paired = new Set(k === 0 ? pairs.keys() : pairs.values());
    const missing = hs.find((h) => !paired.has(h));
    if (missing !== undefined) return { kind: 'failed', reason: `no test reached the loop at ${blockName(fns[k]!, missing)} in ${'AB'[k]}, so it has no partner` };
  }
  const visits = pairedVisits(traces[0]!, traces[1]!, new Set(headers[0]), new Set(headers[1]));
  const allVisits = (k: SideIndex) => traces[k]!.flatMap((t) => t?.visits ?? []);
  const shapes = [0, 1].map((k) => ({ isa: sides[k]!.machine.program.file.isa, slots: frameSlots(allVisits(k as SideIndex)) })) as [
    { isa: typeof a.machine.program.file.isa; slots: bigint[] },
    { isa: typeof b.machine.program.file.isa; slots: bigint[] },
  ];
  const invariant = new Map<number, Fact[]>();
  for (const [ha] of pairs) invariant.set(ha, candidateFacts(visits.get(ha) ?? [], shapes));

  // Symbolic segments, once: the invariant only changes the assumptions.
  const inputs = symbolicInputs(proto, sides);
  const cuts: Cut[] = [{ kind: 'entry' }, ...[...pairs].map(([ha, hb]): Cut => ({ kind: 'header', a: ha, b: hb }))];
  let built = buildSegments(sides, fns, headers, cuts, inputs, shapes, invariant);
  if ('reason' in built) return { kind: 'failed', reason: built.reason };

  const slotRanges = shapes.flatMap((s) => s.slots);
  const outsideSlots = (x: BV) => slotRanges.reduce((acc, off) => and(acc, not(ult(sub(x, add(sp0, c(64, off))), c(64, 8)))), TRUE);
  let windows = built.windows;
  const outsideWindows = (x: BV) => windows.reduce((acc, w) => and(acc, not(inWindow(x, w))), TRUE);
  const argBits = callArgBits(a, b);
  const privatePointer = privatePointerIn(windows);
  const probe = v(64, 'probe');
  const results = sides.map((s) => placeResult(s.machine.convention, proto));

  const maxRounds = opts.maxRounds ?? 40;
  let rounds = 0;
  let stale = false;
  for (let changed = true; changed; ) {
    changed = false;
    if (++rounds > maxRounds) return { kind: 'failed', reason: `the invariant did not settle within ${maxRounds} rounds` };
    if (stale) {
      // A dropped fact had pinned a register: execute the segments again without it.
      const again = buildSegments(sides, fns, headers, cuts, inputs, shapes, invariant);
      if ('reason' in again) return { kind: 'failed', reason: again.reason };
      built = again;
      windows = built.windows;
      stale = false;
    }
    const forwarder = new LoadForwarder();
    for (const [ci, cut] of cuts.entries()) {
      if (stale) break;
      const seg = built.segments[ci]!;
      const here = cut.kind === 'entry' ? [] : invariant.get(cut.a)!.map((f) => factFormula(f, seg.atStart));
      // What must hold when A takes pa and B takes pb (bad: 1 when it does not).
      const obligations = seg.paths[0].flatMap((pa) =>
        seg.paths[1].map((pb) => {
          const ends = endsOf(pa, pb, pairs);
          const calls = callSequencesDiffer([pa], [pb], argBits, privatePointer);
          const priv = or(seg.privateWrites[0].get(pa) ?? FALSE, seg.privateWrites[1].get(pb) ?? FALSE);
          let parts: { what: string; bad: BV }[];
          if (ends === 'mismatch') parts = [{ what: 'the two sides go to places that do not correspond', bad: TRUE }];
          else if (ends === 'exit') {
            const sa = summarise(a, [pa], inputs, results[0], seg.base[0]);
            const sb = summarise(b, [pb], inputs, results[1], seg.base[1]);
            parts = [{ what: 'the two sides return differently', bad: or(observablyDiffer(a, b, sa, sb, proto, calls, windows), priv) }];
          } else {
            const at = successorValues(pa, pb, seg.base, inputs, sides);
            parts = [
              { what: 'memory outside the frame slots differs at the next loop header', bad: and(and(outsideSlots(probe), outsideWindows(probe)), ne(load(pa.mem, probe, 1), load(pb.mem, probe, 1))) },
              { what: 'the external calls differ', bad: calls },
              { what: 'the function may write its own private data', bad: priv },
              ...invariant.get(ends.a)!.map((f) => ({ what: factText(f), bad: not(factFormula(f, at)), fact: f, header: ends.a })),
            ];
          }
          return { pa, pb, ends, parts };
        }),
      );
      const formula = obligations.reduce((acc, o) => or(acc, and(and(o.pa.cond, o.pb.cond), o.parts.reduce((x, p) => or(x, p.bad), FALSE))), FALSE);
      if (formula === FALSE) continue;
      const answer = await check(forwarder.simplify(formula), [...entryAssumptions(inputs, windows), ...here.map((x) => forwarder.simplify(x))]);
      if (answer.status === 'unsat') continue;
      if (answer.status === 'unknown') return { kind: 'unknown', reason: answer.reason };
      const ev = modelEvaluator(answer);
      const taken = obligations.find((o) => ev.value(o.pa.cond) === 1n && ev.value(o.pb.cond) === 1n);
      if (!taken) return { kind: 'failed', reason: 'the solver model takes no pair of paths (please report this)' };
      const broken = taken.parts.filter((p) => ev.value(p.bad) === 1n);
      const mandatory = broken.find((p) => !('fact' in p));
      if (mandatory || broken.length === 0 || taken.ends === 'mismatch' || taken.ends === 'exit') {
        const from = cut.kind === 'entry' ? 'from the entry' : `from the loop at ${blockName(fns[0], cut.a)}/${blockName(fns[1], cut.b)}`;
        return { kind: 'failed', reason: `${from}, under the invariant: ${mandatory?.what ?? broken[0]?.what ?? 'no obligation fails in the solver model (please report this)'}` };
      }
      const target = taken.ends as { a: number; b: number };
      const drop = new Set(broken.map((p) => (p as { fact?: Fact }).fact));
      invariant.set(target.a, invariant.get(target.a)!.filter((f) => !drop.has(f)));
      if ([...drop].some((f) => f && (built as { pinned: Set<Fact> }).pinned.has(f))) stale = true;
      changed = true;
    }
  }
  return {
    kind: 'proven',
    headers: [...pairs].map(([ha, hb]) => [blockName(fns[0], ha), blockName(fns[1], hb)]),
    invariant: [...pairs].flatMap(([ha]) => invariant.get(ha)!.map((f) => `at ${blockName(fns[0], ha)}: ${factText(f)}`)),
    segments: built.segments.reduce((n, s) => n + s.paths[0].length + s.paths[1].length, 0),
    rounds,
  };
}

/** Most combinations of cut blocks tried when pairing loops. */
const MAX_CUT_CHOICES = 256;

/**
 * One cut block per loop on each side (the header first, then blocks every
 * iteration passes through) such that the visits line up in every run.
 */
function chooseCuts(
  ta: (RunTrace | undefined)[],
  tb: (RunTrace | undefined)[],
  candidates: [Map<number, number[]>, Map<number, number[]>],
): { pairs: Map<number, number>; cut: [number[], number[]] } | { reason: string } {
  const lists = [...candidates[0].values(), ...candidates[1].values()];
  const nA = candidates[0].size;
  let first: string | undefined;
  const pick = new Array<number>(lists.length).fill(0);
  for (let tried = 0; tried < MAX_CUT_CHOICES; tried++) {
    const blocks = lists.map((l, i) => l[pick[i]!]!);
    const cut: [number[], number[]] = [blocks.slice(0, nA), blocks.slice(nA)];
    const m = matchHeaders(ta, tb, new Set(cut[0]), new Set(cut[1]));
    if (!('reason' in m)) return { pairs: m.pairs, cut };
    first ??= m.reason;
    // Next combination (odometer).
    let i = 0;
    while (i < lists.length && ++pick[i]! >= lists[i]!.length) pick[i++] = 0;
    if (i === lists.length) break;
  }
  return { reason: first! };
}

/** Where a pair of paths goes: to the same pair of headers, both out of the function, or to places that do not correspond. */
function endsOf(pa: PathOutcome, pb: PathOutcome, pairs: Map<number, number>): { a: number; b: number } | 'exit' | 'mismatch' {
  if (pa.end.kind === 'cut' && pb.end.kind === 'cut')
    return pairs.get(pa.end.block.id) === pb.end.block.id ? { a: pa.end.block.id, b: pb.end.block.id } : 'mismatch';
  if (pa.end.kind === 'cut' || pb.end.kind === 'cut') return 'mismatch';
  return 'exit';
}

function modelEvaluator(answer: Extract<SatAnswer, { status: 'sat' }>): Evaluator {
  return new Evaluator({ variable: (n, w) => answer.value(n, w), memByte: (_m, addr) => answer.memByte(addr) });
}

/** Terms read at the end of a pair of paths (registers not written keep the cut state's value). */
function successorValues(pa: PathOutcome, pb: PathOutcome, base: [(n: string) => BV, (n: string) => BV], inputs: SymbolicInputs, sides: [ProofSide, ProofSide]): TermValues {
  const paths = [pa, pb];
  return {
    reg: (s, name) => paths[s]!.state.get(name) ?? base[s](name),
    slot: (s, off, bytes) => load(paths[s]!.mem, add(sp0, c(64, off)), bytes),
    init: (s, name) => inputs.initial(sides[s], name),
  };
}

interface Segments {
  /** Paths of A and B from the cut. */
  paths: [PathOutcome[], PathOutcome[]];
  /** Values of components the paths do not write. */
  base: [(name: string) => BV, (name: string) => BV];
  /** Terms at the cut itself (for the invariant assumed there). */
  atStart: TermValues;
  /** Per path: 1 when one of its stores may land in the side's private data. */
  privateWrites: [Map<PathOutcome, BV>, Map<PathOutcome, BV>];
}

/**
 * The symbolic state at a header: every component a fresh unknown of the
 * side, every frame slot of the side a fresh unknown over the memory shared
 * by both sides (the invariant relates them; nothing else is known).
 */
function headerState(side: ProofSide, header: number, slots: bigint[], known: ReadonlyMap<string, BV>): { base: (name: string) => BV; mem: Mem } {
  const isa = side.machine.program.file.isa;
  const widths = new Map(stateLayout(isa).map((s) => [s.name, s.w]));
  const tag = `${side.label}.h${header}`;
  let mem: Mem = { op: 'mem0', name: 'mem' };
  for (const off of slots) mem = store(mem, add(sp0, c(64, off)), v(64, `${tag}.slot${off}`));
  return { base: (name) => known.get(name) ?? v(widths.get(name)!, `${tag}.${name}`), mem };
}

/**
 * Registers whose value at a header a fact of the current invariant pins
 * down (the entry sp plus a constant, a constant, an entry value, or for B
 * A's register): the symbolic state uses that value instead of a fresh
 * unknown. Exact while the fact is in the invariant, which assumes it
 * anyway; the facts used are returned so that dropping one rebuilds.
 */
function pinnedRegisters(facts: Fact[], sides: [ProofSide, ProofSide], inputs: SymbolicInputs, header: [number, number]): { known: [Map<string, BV>, Map<string, BV>]; used: Set<Fact> } {
  const known: [Map<string, BV>, Map<string, BV>] = [new Map(), new Map()];
  const used = new Set<Fact>();
  const width = (k: SideIndex, name: string) => stateLayout(sides[k].machine.program.file.isa).find((x) => x.name === name)!.w;
  const fresh = (k: SideIndex, name: string) => v(width(k, name), `${sides[k].label}.h${header[k]}.${name}`);
  for (const f of facts) {
    const x = f.x;
    if (x.kind !== 'reg' || known[x.side].has(x.name) || width(x.side, x.name) !== 64) continue;
    let value: BV | undefined;
    if (f.kind === 'sp') value = add(sp0, c(64, f.k & ((1n << 64n) - 1n)));
    else if (f.kind === 'const' && f.bits === 64) value = c(64, f.k);
    else if (f.kind === 'eq' && f.bits === 64 && f.y.kind === 'init' && width(f.y.side, f.y.name) === 64) value = inputs.initial(sides[f.y.side], f.y.name);
    if (value) {
      known[x.side].set(x.name, value);
      used.add(f);
    }
  }
  // B's register equal to A's: B reads A's value (A's own may be pinned above).
  for (const f of facts) {
    if (f.kind !== 'eq' || f.bits !== 64 || f.x.kind !== 'reg' || f.y.kind !== 'reg' || f.y.side !== 1) continue;
    if (known[1].has(f.y.name) || width(0, f.x.name) !== 64 || width(1, f.y.name) !== 64) continue;
    known[1].set(f.y.name, known[0].get(f.x.name) ?? fresh(0, f.x.name));
    used.add(f);
  }
  return { known, used };
}

function buildSegments(
  sides: [Side, Side],
  fns: [AsmFunction, AsmFunction],
  headers: [number[], number[]],
  cuts: Cut[],
  inputs: SymbolicInputs,
  shapes: [{ slots: bigint[] }, { slots: bigint[] }],
  invariant: ReadonlyMap<number, Fact[]>,
): { segments: Segments[]; windows: bigint[]; pinned: Set<Fact> } | { reason: string } {
  const pinned = new Set<Fact>();
  const raw: { paths: PathOutcome[][]; base: ((n: string) => BV)[]; mem: Mem[] }[] = [];
  for (const cut of cuts) {
    const entry: { paths: PathOutcome[][]; base: ((n: string) => BV)[]; mem: Mem[] } = { paths: [], base: [], mem: [] };
    const pins = cut.kind === 'header' ? pinnedRegisters(invariant.get(cut.a)!, sides, inputs, [cut.a, cut.b]) : undefined;
    pins?.used.forEach((f) => pinned.add(f));
    for (const k of [0, 1] as const) {
      const side = sides[k];
      const fn = fns[k];
      const stopAt = new Set<BasicBlock>(headers[k].map((h) => fn.blocks[h]!));
      let base: (n: string) => BV;
      let mem: Mem;
      let start: BasicBlock;
      if (cut.kind === 'entry') {
        base = (n) => inputs.initial(side, n);
        mem = inputs.mem;
        start = fn.blocks[0]!;
      } else {
        const h = k === 0 ? cut.a : cut.b;
        ({ base, mem } = headerState(side, h, shapes[k].slots, pins!.known[k]));
        start = fn.blocks[h]!;
      }
      let paths: PathOutcome[];
      if (cut.kind === 'entry' && stopAt.has(start)) paths = [{ cond: TRUE, calls: [], state: new Map(), mem, end: { kind: 'cut', block: start } }];
      else {
        const s = enumeratePaths(side.machine, fn, base, mem, 256, undefined, callModelFor(side), { start, stopAt });
        if ('unsupported' in s) return { reason: `${side.label}: ${s.unsupported}` };
        paths = s.paths;
      }
      entry.paths.push(paths);
      entry.base.push(base);
      entry.mem.push(mem);
    }
    raw.push(entry);
  }
  // Data symbols: each side's addresses; its data as the initial memory at
  // the entry, and only its private (never written) data at a header.
  const windows: bigint[] = [];
  const segments: Segments[] = raw.map(() => ({}) as Segments);
  const storeAddrs = new Map<PathOutcome, BV[]>();
  for (const k of [0, 1] as const) {
    const all = raw.flatMap((r) => r.paths[k]!);
    const roots = all.flatMap((p) => [p.cond, p.mem, ...p.state.values(), ...(p.end.kind === 'return' ? [p.end.via] : []), ...(p.calls ?? []).map((x) => x.arg0)]);
    const symbols = new Set([...collectVars(roots)].filter((n) => n.startsWith('&')).map((n) => n.slice(1)));
    let atEntry, atHeader;
    try {
      atEntry = sideData(sides[k], symbols);
      atHeader = sideData(sides[k], symbols, { privateOnly: true });
    } catch (e) {
      if (e instanceof DataLayoutError) return { reason: e.message };
      throw e;
    }
    if (atEntry.window !== undefined) windows.push(atEntry.window);
    raw.forEach((r, ci) => {
      const data = cuts[ci]!.kind === 'entry' ? atEntry : atHeader;
      const seg = segments[ci]!;
      const original = r.paths[k]!;
      const paths = original.map((p) => rewritePath(p, data));
      // Store addresses, checked against both sides' private windows below.
      paths.forEach((p, i) => storeAddrs.set(p, storesOf(original[i]!.mem).map((st) => data.rewrite(st.addr))));
      (seg.paths ??= [[], []])[k] = paths;
      (seg.base ??= [(n) => v(64, n), (n) => v(64, n)])[k] = r.base[k]!;
      const mem = data.rewrite(r.mem[k]!);
      const prev = seg.atStart;
      const mine = {
        reg: (n: string) => r.base[k]!(n),
        slot: (off: bigint, bytes: number) => load(mem, add(sp0, c(64, off)), bytes),
        init: (n: string) => inputs.initial(sides[k], n),
      };
      seg.atStart = {
        reg: (s, n) => (s === k ? mine.reg(n) : prev!.reg(s, n)),
        slot: (s, off, bytes) => (s === k ? mine.slot(off, bytes) : prev!.slot(s, off, bytes)),
        init: (s, n) => inputs.initial(sides[s], n),
      };
    });
  }
  // No store of either side may land in either side's private data: each
  // side's private bytes then keep their initial value on both sides, which
  // is what the memory at a header assumes.
  for (const seg of segments)
    seg.privateWrites = seg.paths.map((paths) => {
      const priv = new Map<PathOutcome, BV>();
      if (windows.length)
        for (const p of paths) priv.set(p, and(p.cond, storeAddrs.get(p)!.reduce((acc, x) => windows.reduce((o, w) => or(o, inWindow(x, w)), acc), FALSE)));
      return priv;
    }) as Segments['privateWrites'];
  return { segments, windows, pinned };
}
