// Loop headers seen in concrete runs: both functions run on the interpreter
// from the same test inputs, and every entry into a loop header is
// recorded (which header, and for a sample of visits the registers and the
// bytes written in the frame so far). Headers correspond when their visit
// sequences line up across all runs; the recorded states are where the
// candidate loop invariants come from (src/verify/loop-invariant.ts).
import type { Prototype } from '../cfront/ctypes.js';
import { FRAME_BYTES } from './prove.js';
import { backgroundByte } from './random.js';
import { initialRegisters, inputs, observeFrom, STACK_TOP, type Side } from './testing.js';
import type { RunLimits } from './concrete.js';

/** One recorded entry into a watched block (a loop header or another place to cut the loop). */
export interface HeaderVisit {
  /** Position in the run's sequence of watched blocks. */
  index: number;
  header: number;
  regs: Map<string, bigint>;
  /** Bytes written in the callee's frame so far, by offset from the entry stack pointer (negative). */
  frame: Map<bigint, number>;
}

export interface RunTrace {
  /** Registers at entry. */
  initial: Map<string, bigint>;
  /** The headers entered, in order (block ids). */
  sequence: number[];
  visits: HeaderVisit[];
  /** A frame byte never written holds the run's background memory. */
  frameByte(offset: bigint, visit: HeaderVisit): number;
}

/** Visits of a block whose state is recorded: the first few, then a sparse sample. */
const recorded = (count: number) => count < 16 || (count < 4000 && count % 37 === 0);

/**
 * Runs one side on the first `runs` test inputs and records its header
 * visits; a run that does not return gives undefined (it says nothing).
 */
export function traceHeaders(side: Side, proto: Prototype, headers: ReadonlySet<number>, runs: number, seed: number, limits: RunLimits): (RunTrace | undefined)[] {
  const out: (RunTrace | undefined)[] = [];
  for (const input of inputs(proto, runs, seed)) {
    const regs = initialRegisters(side, proto, input);
    const initial = new Map(regs);
    const trace: RunTrace = {
      initial,
      sequence: [],
      visits: [],
      frameByte: (offset, visit) => visit.frame.get(offset) ?? backgroundByte(input.seed, STACK_TOP + offset),
    };
    const background = (a: bigint) => backgroundByte(input.seed, a);
    const counts = new Map<number, number>();
    const obs = observeFrom(side, proto, regs, background, input.seed, limits, (block, now, memory) => {
      if (!headers.has(block.id)) return;
      const index = trace.sequence.length;
      trace.sequence.push(block.id);
      const count = counts.get(block.id) ?? 0;
      counts.set(block.id, count + 1);
      if (!recorded(count)) return;
      const frame = new Map<bigint, number>();
      for (const [addr, byte] of memory.writes) {
        const off = addr - STACK_TOP;
        if (off < 0n && off >= -FRAME_BYTES) frame.set(off, byte);
      }
      trace.visits.push({ index, header: block.id, regs: new Map(now), frame });
    });
    out.push(obs.status === 'returned' ? trace : undefined);
  }
  return out;
}

/**
 * Pairs the headers of A and B whose visits line up in every run that both
 * sides finished: the same number of header visits, and the k-th visit of A
 * always at the same header of B. A one-to-one pairing or the reason why not.
 */
export function matchHeaders(
  ta: (RunTrace | undefined)[],
  tb: (RunTrace | undefined)[],
  cutA: ReadonlySet<number>,
  cutB: ReadonlySet<number>,
): { pairs: Map<number, number> } | { reason: string } {
  const aToB = new Map<number, number>();
  const bToA = new Map<number, number>();
  let compared = 0;
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    if (!ta[i] || !tb[i]) continue;
    const x = ta[i]!.sequence.filter((h) => cutA.has(h));
    const y = tb[i]!.sequence.filter((h) => cutB.has(h));
    compared++;
    if (x.length !== y.length)
      return { reason: `the loops do not correspond: on test ${i + 1} A enters its loop headers ${x.length} times and B ${y.length} times` };
    for (let k = 0; k < x.length; k++) {
      const ha = x[k]!;
      const hb = y[k]!;
      if ((aToB.get(ha) ?? hb) !== hb || (bToA.get(hb) ?? ha) !== ha)
        return { reason: `the loops do not correspond: on test ${i + 1} the visits of A's and B's loop headers interleave differently` };
      aToB.set(ha, hb);
      bToA.set(hb, ha);
    }
  }
  if (compared === 0) return { reason: 'no test run returned on both sides, so loop headers cannot be matched' };
  if (aToB.size === 0) return { reason: 'no test entered a loop, so loop headers cannot be matched' };
  return { pairs: aToB };
}

/** Positions of a run's recorded visits among the visits of the cut blocks only. */
function cutPositions(run: RunTrace, cut: ReadonlySet<number>): Map<HeaderVisit, number> {
  const position = new Map<number, number>();
  let n = 0;
  run.sequence.forEach((h, i) => {
    if (cut.has(h)) position.set(i, n++);
  });
  const out = new Map<HeaderVisit, number>();
  for (const v of run.visits) if (cut.has(v.header)) out.set(v, position.get(v.index)!);
  return out;
}

/** The recorded visits of A and B at the same position among the cut blocks' visits of the same run, by A's block. */
export function pairedVisits(ta: (RunTrace | undefined)[], tb: (RunTrace | undefined)[], cutA: ReadonlySet<number>, cutB: ReadonlySet<number>): Map<number, VisitPair[]> {
  const out = new Map<number, VisitPair[]>();
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (!x || !y) continue;
    const pa = cutPositions(x, cutA);
    const byIndex = new Map([...cutPositions(y, cutB)].map(([v, k]) => [k, v]));
    for (const [va, k] of pa) {
      const vb = byIndex.get(k);
      if (!vb) continue;
      const list = out.get(va.header) ?? [];
      list.push({ a: va, b: vb, runA: x, runB: y });
      out.set(va.header, list);
    }
  }
  return out;
}

export interface VisitPair {
  a: HeaderVisit;
  b: HeaderVisit;
  runA: RunTrace;
  runB: RunTrace;
}
