// Register liveness over the source CFG, for liftFunction: which argument
// registers a function reads before writing them. The function's entry
// mapping needs to map exactly those (an argument register dead at entry is
// never read before it is written, so no claim about it matters). Computed
// from the source code, not taken from the translator's mappings; the one
// input taken from the translation is what a call or a tail call reads,
// which the block verifier trusts the same way (block-calls.ts: the call's
// `before` mapping names the callee's arguments).
import { readsInitial } from '../ir/reads.js';
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { conventionFor } from '../abi/conventions.js';
import { v } from '../ir/build.js';
import { execute } from '../ir/symexec.js';
import { componentWidth } from '../ir/state.js';
import type { AsmFunction, AsmProgram } from '../program/model.js';
import type { BlockTranslation, CallPromise } from '../translate/contract.js';
import { semanticsFor } from './semantics.js';

/**
 * What a callee reads, from the call's `before` claims: a translated callee
 * (the local 1:1 convention) may read everything the claims name; the C
 * library reads argument registers only (the translator claims more, e.g.
 * x8 in its 1:1 place, which no library function reads), so only claims
 * about a source argument register or into a target argument register count.
 */
function callReads(isa: Isa, tgtIsa: Isa, p: CallPromise): string[] {
  if (!p.external) return p.before.facts.map((f) => f.src);
  const src = conventionFor(isa);
  const tgt = conventionFor(tgtIsa);
  const srcArgs = new Set([...src.intArgs, ...src.fpArgs]);
  const tgtArgs = new Set([...tgt.intArgs, ...tgt.fpArgs]);
  return p.before.facts.filter((f) => srcArgs.has(f.src) || (f.to.kind === 'reg' && tgtArgs.has(f.to.name))).map((f) => f.src);
}

/** In a live set: every component (a block without semantics may read anything). */
export const ANY = '*';

/** Whether a live set contains a component. */
export function isLive(live: ReadonlySet<string>, name: string): boolean {
  return live.has(name) || live.has(ANY);
}

/** A source block's own reads and writes, and the points where it hands state to a callee. */
interface BlockSummary {
  use: Set<string>;
  def: Set<string>;
  /** Per call (or direct tail call, with `after` empty): the callee, its claims, what the block wrote before it. */
  handoffs: { callee: string | undefined; claims: string[]; writtenBefore: ReadonlySet<string> }[];
}

/** Callee live-in sets by function name (interprocedural liveness, see entryLiveness). */
export type CalleeLiveness = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Components one source block reads before writing (its own instructions,
 * what it hands on at a return) and writes, and what it passes to callees.
 * A call writes every register the convention lets a callee change.
 */
function summarise(isa: Isa, tgtIsa: Isa, program: AsmProgram, fn: AsmFunction, id: number, t: BlockTranslation | undefined, results: string[]): BlockSummary {
  const conv = conventionFor(isa);
  const allArgs = [...conv.intArgs, ...conv.fpArgs, conv.stackPointer];
  const blk = fn.blocks[id]!;
  const ins = blk.instructions.map((i) => program.file.statements[i] as InstructionStatement);
  try {
    const r = execute(ins, {
      isa,
      semantics: semanticsFor(isa),
      onCall: (event, state) => {
        for (const name of conv.callClobbered) state.set(name, v(componentWidth(isa, name), `call${event.index}.${name}`));
      },
      resolveLabel: (name, at) => program.labels.resolve(name, program.file.statements.indexOf(at)) ?? name,
    });
    // A vector read whose value reaches no output is no use (lane-wise rebuilds of a destination).
    const use = new Set([...r.liveIn].filter((n) => !/^v\d+$/.test(n) || readsInitial(r, n)));
    // What each callee reads: the call's argument claims (trusted as the verifier trusts them), or every argument register.
    const promises = t && t.calls.length === r.calls.length ? t.calls : undefined;
    const handoffs: BlockSummary['handoffs'] = r.calls.map((event) => {
      const p = promises?.[event.index];
      const callee = event.target.kind === 'symbol' ? event.target.name : undefined;
      return { callee: p?.external ? undefined : callee, claims: p ? [...callReads(isa, tgtIsa, p), conv.stackPointer] : allArgs, writtenBefore: new Set(event.before.keys()) };
    });
    const written = new Set(r.written.keys());
    for (const e of t?.exits ?? []) {
      if (e.kind !== 'tail-call') continue;
      if (e.indirect) handoffs.push({ callee: undefined, claims: allArgs, writtenBefore: written });
      else handoffs.push({ callee: e.label, claims: e.mapping.facts.map((f) => f.src), writtenBefore: written });
    }
    if (blk.exit.kind === 'return' || t?.exits.some((e) => e.kind === 'return')) for (const name of results) if (!written.has(name)) use.add(name);
    return { use, def: written, handoffs };
  } catch {
    // A block without semantics: it may read anything (the conservative answer).
    return { use: new Set([ANY]), def: new Set(), handoffs: [] };
  }
}

function blockUse(s: BlockSummary, callees: CalleeLiveness | undefined): Set<string> {
  const use = new Set(s.use);
  for (const h of s.handoffs) {
    // A translated callee reads what its own liveness says; otherwise what the claims name.
    const reads = (h.callee !== undefined ? callees?.get(h.callee) : undefined) ?? h.claims;
    for (const name of reads) if (!h.writtenBefore.has(name)) use.add(name);
  }
  return use;
}

function solve(fn: AsmFunction, summaries: BlockSummary[], callees: CalleeLiveness | undefined): Set<string>[] {
  const use = summaries.map((s) => blockUse(s, callees));
  const live = fn.blocks.map(() => new Set<string>());
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = fn.blocks.length - 1; k >= 0; k--) {
      const inn = new Set(use[k]!);
      for (const e of fn.blocks[k]!.successors)
        if ('block' in e.to) for (const f of live[e.to.block]!) if (!summaries[k]!.def.has(f)) inn.add(f);
      if (inn.size !== live[k]!.size) {
        live[k] = inn;
        changed = true;
      }
    }
  }
  return live;
}

export interface LivenessFunction {
  fn: AsmFunction;
  translations: Map<number, BlockTranslation>;
  /** Source registers that carry the result at a return. */
  results: string[];
}

/** Components live on entry to each source block of one function (backward dataflow). */
export function liveRegisters(isa: Isa, tgtIsa: Isa, program: AsmProgram, f: LivenessFunction, callees?: CalleeLiveness): Set<string>[] {
  const summaries = f.fn.blocks.map((b) => summarise(isa, tgtIsa, program, f.fn, b.id, f.translations.get(b.id), f.results));
  return solve(f.fn, summaries, callees);
}

/**
 * What each translated function reads before writing it, across calls
 * between them: the least fixpoint, starting from nothing, so a recursive
 * function reads only what some path through it really reads.
 */
export function entryLiveness(isa: Isa, tgtIsa: Isa, program: AsmProgram, fns: LivenessFunction[]): Map<string, Set<string>> {
  const summaries = fns.map((f) => f.fn.blocks.map((b) => summarise(isa, tgtIsa, program, f.fn, b.id, f.translations.get(b.id), f.results)));
  const out = new Map<string, Set<string>>(fns.map((f) => [f.fn.name, new Set<string>()]));
  for (let changed = true; changed; ) {
    changed = false;
    fns.forEach((f, k) => {
      const entry = solve(f.fn, summaries[k]!, out)[0] ?? new Set<string>();
      const old = out.get(f.fn.name)!;
      if ([...entry].some((x) => !old.has(x))) {
        out.set(f.fn.name, new Set([...old, ...entry]));
        changed = true;
      }
    });
  }
  return out;
}
