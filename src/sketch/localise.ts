// Localising a fault with the translator's cut points. When a block was
// lowered instruction by instruction (`sourceSteps`), the entry mapping must
// hold again after every source instruction and its target chunk. Running
// both sides step by step on the counterexample, the first step after which
// a mapped register, a spill slot or a stored byte no longer corresponds
// names that step's few target instructions as the likely place of a single
// fault, where a backward slice of a long -O0 block names dozens.
//
// This only orders the suspects: a wrong guess costs time, never soundness
// (every repair is proven by Z3 and the block verifier before it is kept).
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { symbolAddress } from '../ir/asmexpr.js';
import { add, c, extract, load } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { execute } from '../ir/symexec.js';
import { UnsupportedInstruction } from '../ir/semantics.js';
import { isaDescription } from '../isa/index.js';
import type { BlockTranslation } from '../translate/contract.js';
import { inPrivate } from '../verify/block-obligations.js';
import { entryState, type EntryState } from '../verify/block-state.js';
import { semanticsFor } from '../verify/semantics.js';
import { instantiate, type ConcreteInput } from './instantiate.js';

const readsMemory = (x: BV, seen = new Set<object>()): boolean => {
  if (seen.has(x)) return false;
  seen.add(x);
  if (x.op === 'load') return true;
  return Object.values(x).some((v) => typeof v === 'object' && v !== null && 'op' in v && 'w' in v && readsMemory(v as BV, seen));
};

/** Does the instruction write (or read) which components, load, store to memory, branch? From its own semantics. */
export function effects(
  isa: Isa,
  ins: InstructionStatement,
): { defs: Set<string>; uses: Set<string>; loads: boolean; stores: boolean; branches: boolean } | undefined {
  try {
    const r = execute([ins], { isa, semantics: semanticsFor(isa), onCall: () => undefined });
    const loads = [...r.written.values()].some((x) => readsMemory(x));
    return { defs: new Set(r.written.keys()), uses: r.liveIn, loads, stores: r.mem.op === 'store', branches: r.exit.kind === 'branch' };
  } catch (e) {
    if (e instanceof UnsupportedInstruction) return undefined;
    throw e;
  }
}

/** How many instructions before a stale read are suspected of having lost its destination. */
const LOST_WRITE_WINDOW = 8;

/**
 * Backward slice from the differing outputs: the target instructions that
 * can affect them, nearest first (a load in the slice brings in the stores
 * before it). `inputs` are the registers the block may read on entry (the
 * mapped ones, sp, zero): a register the slice needs at entry that is not one
 * of them is a value a wrong destination register lost, so the instructions
 * that read it, and the few before the first of them, come first. Every other
 * instruction that writes a register comes last.
 */
export function sliceSuspects(
  isa: Isa,
  target: readonly InstructionStatement[],
  differing: { registers: Set<string>; memory: boolean; branch: boolean },
  inputs: ReadonlySet<string> = new Set(),
): number[] {
  const needed = new Set(differing.registers);
  /** Where each needed register is read first (the earliest reader in the slice). */
  const readAt = new Map<string, number>();
  let memory = differing.memory;
  const sliced: number[] = [];
  for (let i = target.length - 1; i >= 0; i--) {
    const e = effects(isa, target[i]!);
    if (!e) {
      sliced.push(i);
      continue;
    }
    const hit = [...e.defs].some((d) => needed.has(d)) || (memory && e.stores) || (differing.branch && e.branches);
    if (!hit) continue;
    sliced.push(i);
    for (const d of e.defs) needed.delete(d);
    for (const u of e.uses) {
      needed.add(u);
      readAt.set(u, i);
    }
    if (e.loads) memory = true;
  }
  const stale: number[] = [];
  for (const r of needed) {
    const at = readAt.get(r);
    if (inputs.has(r) || at === undefined) continue;
    stale.push(at);
    for (let i = at - 1; i >= Math.max(0, at - LOST_WRITE_WINDOW); i--) stale.push(i);
  }
  const rest: number[] = [];
  for (let i = target.length - 1; i >= 0; i--) {
    const e = effects(isa, target[i]!);
    if (!e || e.defs.size || e.stores) rest.push(i);
  }
  return [...new Set([...stale, ...sliced, ...rest])];
}

export interface FaultyStep {
  /** Source instruction index of the first step after which the mapping breaks. */
  step: number;
  /** Its target instructions: [start, end). */
  start: number;
  end: number;
}

/** The stores a memory chain made since `before`, newest first. */
function storesSince(m: Mem, before: Mem): { addr: BV; bytes: number }[] {
  const out: { addr: BV; bytes: number }[] = [];
  for (let x = m; x !== before && x.op !== 'mem0'; x = x.mem) out.push({ addr: x.addr, bytes: x.value.w / 8 });
  return out;
}

/**
 * The first step whose chunk breaks the mapping at the input (the last step
 * when none before it does), or undefined when the block has no steps or the
 * mapping holds up to a control transfer before the last step.
 */
export function firstFaultyStep(
  srcIsa: Isa,
  tgtIsa: Isa,
  block: BlockTranslation,
  target: readonly InstructionStatement[],
  input: ConcreteInput,
  privateAreas: ReadonlyMap<string, number>,
): FaultyStep | undefined {
  const steps = block.sourceSteps;
  if (!steps || steps.length < 2) return undefined;
  if (steps.reduce((x, y) => x + y, 0) !== target.length || steps.length !== block.source.length) return undefined;
  const sd = isaDescription(srcIsa);
  const td = isaDescription(tgtIsa);
  const lastStart = target.length - steps[steps.length - 1]!;
  let entry: EntryState;
  try {
    entry = entryState(srcIsa, tgtIsa, block.entry, privateAreas);
  } catch {
    return undefined;
  }
  const value = (x: BV, tag: string): bigint | undefined => {
    const k = instantiate(x, input, tag);
    return k.op === 'const' ? k.value : undefined;
  };
  const srcState = new Map<string, BV>();
  const tgtState = new Map<string, BV>();
  let srcMem: Mem = entry.srcMem;
  let tgtMem: Mem = entry.tgtMem;
  const srcGet = (n: string) => srcState.get(n) ?? entry.srcInitial(n);
  const tgtGet = (n: string) => tgtState.get(n) ?? entry.tgtInitial(n);
  const differ = (a: BV, b: BV) => {
    const x = value(a, 'loc');
    const y = value(b, 'loc');
    return x !== undefined && y !== undefined && x !== y;
  };
  // Where each source register lives on the target: the function's register
  // map, as the entry, the exits and the calls state it. A register dead at
  // entry is compared once the source has written it.
  let entryLive = new Set(block.entry.facts.map((f) => f.src));
  const seen = new Set<string>();
  const facts = [block.entry, ...block.exits.map((e) => e.mapping), ...block.calls.flatMap((c) => [c.before, c.after])]
    .flatMap((m) => m.facts)
    .filter((f) => {
      const key = JSON.stringify([f.src, f.bits, f.to], (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const homed = new Set(facts.map((f) => f.src));
  const tgtWidth = tgtIsa === 'riscv64' || tgtIsa === 'aarch64' ? 32 : 0;
  /** Does some target general register or private-area word hold this value? */
  const targetHolds = (want: bigint): boolean => {
    const matches = (x: bigint | undefined) => x === want;
    for (let r = 1; r < tgtWidth; r++) {
      const x = tgtGet(`x${r}`) as BV | undefined;
      if (x && matches(value(x, 'loc'))) return true;
    }
    for (const [sym, bytes] of privateAreas)
      for (let off = 0; off + 8 <= bytes; off += 8) if (matches(value(load(tgtMem, add(symbolAddress(sym), c(64, BigInt(off))), 8), 'loc'))) return true;
    return false;
  };
  let at = 0;
  let calls = 0;
  try {
    for (let k = 0; k < steps.length - 1; k++) {
      const chunkAt = target.slice(at, at + steps[k]!);
      const srcKind = sd.control(block.source[k]!).kind;
      const tgtKinds = chunkAt.map((i) => td.control(i).kind);
      if (srcKind === 'call' && tgtKinds.at(-1) === 'call' && tgtKinds.slice(0, -1).every((x) => x === 'fallthrough') && block.calls[calls]) {
        // A call: what it does is the callee's business. Start again after
        // it from a state its return mapping relates (values from the same
        // input), so a fault later in the block is still found by its step.
        const after = block.calls[calls++]!.after;
        entry = entryState(srcIsa, tgtIsa, after, privateAreas);
        srcState.clear();
        tgtState.clear();
        srcMem = entry.srcMem;
        tgtMem = entry.tgtMem;
        entryLive = new Set(after.facts.map((f) => f.src));
        at += steps[k]!;
        continue;
      }
      // Any other control transfer before the last step ends the comparison.
      if (srcKind !== 'fallthrough' || tgtKinds.some((x) => x !== 'fallthrough')) return undefined;
      const s = execute([block.source[k]!], { isa: srcIsa, semantics: semanticsFor(srcIsa), initial: srcGet, mem: srcMem });
      for (const [n, x] of s.written) srcState.set(n, x);
      const chunk = target.slice(at, at + steps[k]!);
      const t = chunk.length ? execute(chunk, { isa: tgtIsa, semantics: semanticsFor(tgtIsa), initial: tgtGet, mem: tgtMem }) : undefined;
      if (t) for (const [n, x] of t.written) tgtState.set(n, x);
      const stored = [...storesSince(s.mem, srcMem), ...(t ? storesSince(t.mem, tgtMem) : [])];
      srcMem = s.mem;
      if (t) tgtMem = t.mem;
      const found: FaultyStep = { step: k, start: at, end: at + steps[k]! };
      at += steps[k]!;
      for (const f of facts) {
        if (f.to.kind === 'const' || !(entryLive.has(f.src) || srcState.has(f.src))) continue;
        let lhs = srcGet(f.src);
        if (f.bits) lhs = extract(f.bits.hi, f.bits.lo, lhs);
        let rhs: BV;
        if (f.to.kind === 'reg') rhs = tgtGet(f.to.name);
        else rhs = load(tgtMem, add(symbolAddress(f.to.symbol), c(64, BigInt(f.to.offset))), f.to.bytes);
        if (f.to.bits) rhs = extract(f.to.bits.hi, f.to.bits.lo, rhs);
        if (lhs.w === rhs.w && differ(lhs, rhs)) return found;
      }
      // A general register this step wrote whose home no mapping names (dead
      // at entry and at the exits): its value must be somewhere on the
      // target, in a register or a private-area word, or this step lost it.
      for (const name of s.written.keys()) {
        if (!/^x\d+$/.test(name) || homed.has(name)) continue;
        const want = value(srcGet(name), 'loc');
        if (want === undefined) continue;
        if (!targetHolds(want)) return found;
      }
      // Every byte either side stored in this step, outside the private areas, must agree.
      for (const st of stored) {
        const base = value(st.addr, 'loc');
        if (base === undefined) continue;
        for (let b = 0; b < st.bytes; b++) {
          const a = c(64, BigInt.asUintN(64, base + BigInt(b)));
          if (value(inPrivate(a, privateAreas), 'loc') === 1n) continue;
          if (differ(load(srcMem, a, 1), load(tgtMem, a, 1))) return found;
        }
      }
    }
  } catch (e) {
    if (e instanceof UnsupportedInstruction) return undefined;
    throw e;
  }
  // Nothing broke before the last step: it is the last one's (or a value
  // carried in state the mapping does not name).
  return { step: steps.length - 1, start: lastStart, end: target.length };
}
