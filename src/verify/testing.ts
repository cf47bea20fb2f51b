// Equivalence by testing: both functions run on the interpreter from the
// same ABI-level inputs (random and edge values), and everything a caller
// can observe is compared. Any difference is a concrete counterexample that
// reproduces on the interpreter by construction.
import type { Prototype } from '../cfront/ctypes.js';
import { isConforming, placeParams, placeResult, registerContent, type Placement } from '../abi/values.js';
import { stateLayout } from '../ir/state.js';
import { FunctionRunner, RETURN_TOKEN, type BlockHook, type ExternalCall, type Machine, type RunLimits, type RunStatus } from './concrete.js';
import { FRAME_BYTES } from './prove.js';
import { backgroundByte, edgeValues, Rng } from './random.js';

/** Where every test's stack starts; the 1 MiB below it is the callee's own frame, not compared. */
export const STACK_TOP = 0x7fff_f000_0000n;
const M64 = (1n << 64n) - 1n;

export interface Side {
  label: string;
  machine: Machine;
  runner: FunctionRunner;
  fn: string;
}

/** The prototype assumed when none is given: eight 64-bit integer arguments, a 64-bit integer result. */
export const DEFAULT_PROTOTYPE: Prototype = {
  name: '<default>',
  result: { kind: 'int', bits: 64, signed: true, name: 'long' },
  params: Array.from({ length: 8 }, () => ({ kind: 'int' as const, bits: 64 as const, signed: true, name: 'long' })),
  variadic: false,
};

export interface Observation {
  status: RunStatus;
  reason?: string;
  /** The result's defined bits, when the function returned. */
  result?: bigint;
  /** Whether the result register is extended as the convention requires. */
  resultConforms: boolean;
  /** Callee-saved registers that were not restored. */
  clobbered: string[];
  calls: { callee: string; args: bigint[] }[];
  /** Final bytes of memory written outside the callee's frame, by layout-independent address. */
  memory: Map<string, number>;
  steps: number;
}

export interface TestInput {
  args: bigint[];
  seed: number;
}

export interface Counterexample {
  input: TestInput;
  what: string;
  a: Observation;
  b: Observation;
}

export interface TestReport {
  runs: number;
  agreed: number;
  /** Runs neither side could finish (step limit on both, unsupported instructions). */
  skipped: { count: number; reasons: string[] };
  counterexample?: Counterexample;
}

function callArgs(call: ExternalCall, side: Side): bigint[] {
  // Without the callee's prototype only the first argument register is compared
  // (format strings, pointers); see docs for this limit.
  return [call.args.get(side.machine.convention.intArgs[0]!) ?? 0n];
}

/** Initial registers of one side for one input: ABI placement, garbage elsewhere. */
export function initialRegisters(side: Side, proto: Prototype, input: TestInput): Map<string, bigint> {
  const { machine } = side;
  const isa = machine.program.file.isa;
  const cc = machine.convention;
  const rng = new Rng(input.seed * 7919 + side.label.charCodeAt(0));
  const regs = new Map<string, bigint>();
  // Registers the convention leaves undefined get side-specific garbage, so
  // depending on them shows up as a difference.
  for (const c of stateLayout(isa)) regs.set(c.name, rng.next64() & ((1n << BigInt(c.w)) - 1n));
  regs.set(cc.stackPointer, STACK_TOP);
  regs.set(cc.linkRegister, RETURN_TOKEN);
  placeParams(cc, proto).forEach((p, i) => regs.set(p.register, registerContent(isa, p, input.args[i] ?? 0n, rng.next64())));
  return regs;
}

/** Memory during a run: the bytes written so far, and any byte's current value. */
export interface VisitMemory {
  writes: ReadonlyMap<bigint, number>;
  byte(addr: bigint): number;
}

/** Runs one side from a given state and memory and records what a caller can observe. */
export function observeFrom(
  side: Side,
  proto: Prototype,
  regs: Map<string, bigint>,
  background: (addr: bigint) => number,
  seed: number,
  limits: RunLimits,
  /** Sees every block entry of the function with the registers and memory of the moment (loop invariants are guessed from these). */
  onBlock?: (block: Parameters<BlockHook>[0], regs: ReadonlyMap<string, bigint>, memory: VisitMemory) => void,
): Observation {
  const { machine } = side;
  const isa = machine.program.file.isa;
  const cc = machine.convention;
  const entrySp = regs.get(cc.stackPointer)!;
  const saved = new Map<string, bigint>();
  for (const s of cc.calleeSaved) saved.set(s.name, regs.get(s.name)!);
  const rng = new Rng(seed * 104729 + side.label.charCodeAt(0));
  const writes = new Map<bigint, number>();
  const world = { background, writes };
  const oracle = (call: ExternalCall) => {
    // The k-th external call of either side gets the same results when it calls
    // the same function; every other clobbered register gets side-specific garbage.
    const out = new Map<string, bigint>();
    for (const r of cc.callClobbered) {
      const w = stateLayout(isa).find((c) => c.name === r)!.w;
      let value = rng.next64() | (w > 64 ? rng.next64() << 64n : 0n);
      value &= (1n << BigInt(w)) - 1n;
      // AAPCS64 v8-v15: the callee preserves the low 64 bits only.
      const kept = cc.calleeSaved.find((s) => s.name === r)?.bits;
      if (kept !== undefined) {
        const low = (1n << BigInt(kept)) - 1n;
        value = (value & ~low) | ((call.regs.get(r) ?? 0n) & low);
      }
      out.set(r, value);
    }
    const shared = new Rng(seed * 31 + call.index * 1009 + ([...call.callee].reduce((h, ch) => h * 33 + ch.charCodeAt(0), 5381) % 100000));
    out.set(cc.intResults[0]!, shared.next64());
    out.set(cc.intResults[1]!, shared.next64());
    return out;
  };
  const memByte = (a: bigint) => writes.get(a) ?? machine.image.bytes.get(a) ?? background(a);
  const hook: BlockHook | undefined = onBlock ? (block, r) => onBlock(block, r, { writes, byte: memByte }) : undefined;
  const run = side.runner.run(side.fn, regs, world, oracle, limits, hook);

  const result = placeResult(cc, proto);
  const obs: Observation = {
    status: run.status,
    ...(run.reason !== undefined ? { reason: run.reason } : {}),
    resultConforms: true,
    clobbered: [],
    calls: run.calls.map((c) => ({ callee: c.callee, args: callArgs(c, side) })),
    memory: new Map(),
    steps: run.steps,
  };
  if (run.status !== 'returned') return obs;
  if (result) {
    const raw = run.regs.get(result.register) ?? 0n;
    obs.result = raw & ((1n << BigInt(result.bits)) - 1n);
    obs.resultConforms = isConforming(isa, result, raw);
  }
  for (const s of cc.calleeSaved) {
    const mask = (1n << BigInt(s.bits)) - 1n;
    if (((run.regs.get(s.name) ?? 0n) & mask) !== (saved.get(s.name)! & mask)) obs.clobbered.push(s.name);
  }
  if ((run.regs.get(cc.stackPointer) ?? 0n) !== entrySp) obs.clobbered.push(cc.stackPointer);
  for (const [addr, byte] of writes) {
    if (addr < entrySp && addr >= entrySp - FRAME_BYTES) continue;
    obs.memory.set(machine.image.describe(addr), byte);
  }
  return obs;
}

/** Runs one side on one test input. */
export function observe(side: Side, proto: Prototype, input: TestInput, limits: RunLimits): Observation {
  return observeFrom(side, proto, initialRegisters(side, proto, input), (a) => backgroundByte(input.seed, a), input.seed, limits);
}

export function firstDifference(a: Observation, b: Observation, aSide: Side, bSide: Side, seed: number): string | undefined {
  if (a.status !== b.status) return `${aSide.label} ${describeStatus(a)}, ${bSide.label} ${describeStatus(b)}`;
  if (a.status !== 'returned') return undefined;
  if (a.result !== b.result) return `results differ: ${hex(a.result)} and ${hex(b.result)}`;
  if (a.resultConforms !== b.resultConforms)
    return `${a.resultConforms ? bSide.label : aSide.label} returns a value not extended as its calling convention requires`;
  const ca = a.clobbered.join(',');
  const cb = b.clobbered.join(',');
  if (ca !== cb) return `${cb ? bSide.label : aSide.label} does not preserve ${cb || ca}`;
  const n = Math.max(a.calls.length, b.calls.length);
  for (let k = 0; k < n; k++) {
    const x = a.calls[k];
    const y = b.calls[k];
    if (!x || !y || x.callee !== y.callee)
      return `call ${k + 1} differs: ${x ? x.callee : 'none'} and ${y ? y.callee : 'none'}`;
  }
  const addrs = new Set([...a.memory.keys(), ...b.memory.keys()]);
  for (const addr of addrs) {
    const va = a.memory.get(addr);
    const vb = b.memory.get(addr);
    if (va === vb) continue;
    const init = (v: number | undefined) => (v === undefined ? 'unwritten' : `0x${v.toString(16).padStart(2, '0')}`);
    return `memory at ${addr} differs: ${init(va)} and ${init(vb)} (seed ${seed})`;
  }
  return undefined;
}

function describeStatus(o: Observation): string {
  return o.status === 'returned' ? 'returns' : `${o.status}${o.reason ? ` (${o.reason})` : ''}`;
}

function hex(v: bigint | undefined): string {
  return v === undefined ? 'none' : `0x${v.toString(16)}`;
}

/** Inputs: edge values per parameter first, then random ones, small numbers favoured. */
export function* inputs(proto: Prototype, runs: number, seed: number): Generator<TestInput> {
  const rng = new Rng(seed);
  const widths = proto.params.map((t) => (t.kind === 'int' ? t.bits : t.kind === 'float' ? t.bits : 64));
  for (let k = 0; k < runs; k++) {
    const args = widths.map((w, i) => {
      const edges = edgeValues(Math.min(w, 64));
      if (k < edges.length) return edges[(k + i) % edges.length]!;
      const r = rng.below(4);
      if (r === 0) return BigInt(rng.below(33)) - 16n;
      if (r === 1) return rng.pick(edges);
      return rng.next64();
    });
    yield { args: args.map((a) => a & M64), seed: seed + k };
  }
}

export function testEquivalence(a: Side, b: Side, proto: Prototype, runs: number, seed: number, limits: RunLimits): TestReport {
  const report: TestReport = { runs: 0, agreed: 0, skipped: { count: 0, reasons: [] } };
  for (const input of inputs(proto, runs, seed)) {
    report.runs++;
    const oa = observe(a, proto, input, limits);
    const ob = observe(b, proto, input, limits);
    // A run one side cannot finish says nothing either way: a long loop is not a difference.
    const stuck = (o: Observation) => o.status === 'step-limit' || o.status === 'unsupported';
    if (stuck(oa) || stuck(ob)) {
      report.skipped.count++;
      for (const o of [oa, ob])
        if (o.status === 'unsupported' || o.status === 'step-limit') {
          const r = `${o.status}: ${o.reason ?? ''}`;
          if (!report.skipped.reasons.includes(r)) report.skipped.reasons.push(r);
        }
      continue;
    }
    const what = firstDifference(oa, ob, a, b, input.seed);
    if (what) {
      report.counterexample = { input, what, a: oa, b: ob };
      return report;
    }
    report.agreed++;
  }
  return report;
}

export type { Placement };
