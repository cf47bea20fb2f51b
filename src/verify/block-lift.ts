// From block statuses to a function status. Block proofs compose when the
// mappings agree along every CFG edge (the predecessor's exit mapping
// contains every claim of the successor's entry mapping), the function's
// entry mapping is the calling convention's (what a caller outside the
// translation puts where), and every return hands back the result, the
// stack pointer and the callee-saved registers where a caller expects them.
// Flag liveness is computed here from the source CFG rather than taken from
// the translator: flags live into a block must be mapped at its entry.
import { walkDag } from '../ir/walk.js';
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { conventionFor } from '../abi/conventions.js';
import { v } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { execute } from '../ir/symexec.js';
import type { AsmFunction, AsmProgram } from '../program/model.js';
import type { BlockStatus, BlockTranslation, ExitPromise, MappedBits, StateMapping, TargetPlace } from '../translate/contract.js';
import { counterpart } from './block-calls.js';
import { calleeWrites } from './block-callee-writes.js';
import { describeFact, widthOf } from './block-state.js';
import { semanticsFor } from './semantics.js';
import { isaDescription } from '../isa/index.js';
import { addressTakenLabels } from '../program/regflow.js';
import { entryLiveness, isLive, liveRegisters, type CalleeLiveness } from './block-lift-liveness.js';

export interface LiftInput {
  srcIsa: Isa;
  tgtIsa: Isa;
  program: AsmProgram;
  fn: AsmFunction;
  blocks: { translation: BlockTranslation; status: BlockStatus }[];
  /** Source registers that carry the result at a return (default x0; the translator passes what the prototype says). */
  resultRegisters?: MappedBits[];
  /**
   * What each translated function of the program reads before writing it
   * (entryLiveness over the source). With it, a call to one of them reads
   * what that function reads, and its `before` mapping must pass those
   * arguments. Computed from the source when absent (then only this
   * function's call claims are known).
   */
  callees?: CalleeLiveness;
  /**
   * The mappings at every return of each translated function, and of the
   * translated functions it tail-calls (function-status.ts). A call to one of
   * them may claim a result register after the call only where every such
   * return hands it back (the call model pairs the result registers).
   */
  calleeReturns?: ReadonlyMap<string, StateMapping[]>;
}

export interface FunctionLift {
  status: 'proven' | 'tested' | 'refuted' | 'refused';
  /** Why the function is not proven (block statuses, then composition problems). */
  problems: string[];
  /** The composition problems alone: what keeps the block results from composing, whatever the blocks' statuses. */
  composition: string[];
  counts: { proven: number; tested: number; refuted: number; refused: number };
}

const FLAGS = ['n', 'z', 'c', 'v'];

function fullBits(isa: Isa, f: MappedBits): string {
  const w = widthOf(isa, f.src) ?? 0;
  const b = f.bits ?? { hi: w - 1, lo: 0 };
  return `${f.src}[${b.hi}:${b.lo}]`;
}

function placeKey(isa: Isa, p: TargetPlace): string {
  if (p.kind === 'reg') {
    const w = widthOf(isa, p.name) ?? 0;
    const b = p.bits ?? { hi: w - 1, lo: 0 };
    return `reg:${p.name}[${b.hi}:${b.lo}]`;
  }
  if (p.kind === 'mem') {
    // The bit range is part of the place: n in bit 3 is not n in bit 2.
    const b = p.bits ?? { hi: p.bytes * 8 - 1, lo: 0 };
    return `mem:${p.symbol}+${p.offset}:${p.bytes}[${b.hi}:${b.lo}]`;
  }
  return `const:${p.value}`;
}

function factKey(srcIsa: Isa, tgtIsa: Isa, f: MappedBits): string {
  return `${fullBits(srcIsa, f)}=${placeKey(tgtIsa, f.to)}`;
}

/** Claims of `entry` that `exit` does not make (syntactic inclusion). */
export function missingClaims(srcIsa: Isa, tgtIsa: Isa, exit: StateMapping, entry: StateMapping): string[] {
  const have = new Set(exit.facts.map((f) => factKey(srcIsa, tgtIsa, f)));
  const haveT = new Set((exit.targetOnly ?? []).map((t) => `${placeKey(tgtIsa, t.place)}=${t.value}`));
  const out = entry.facts.filter((f) => !have.has(factKey(srcIsa, tgtIsa, f))).map(describeFact);
  for (const t of entry.targetOnly ?? []) if (!haveT.has(`${placeKey(tgtIsa, t.place)}=${t.value}`)) out.push(`target-only ${placeKey(tgtIsa, t.place)}`);
  return out;
}

function has(srcIsa: Isa, tgtIsa: Isa, m: StateMapping, f: MappedBits): boolean {
  const k = factKey(srcIsa, tgtIsa, f);
  return m.facts.some((g) => factKey(srcIsa, tgtIsa, g) === k);
}

const reg = (src: string, name: string, hi?: number): MappedBits =>
  hi === undefined ? { src, to: { kind: 'reg', name } } : { src, bits: { hi, lo: 0 }, to: { kind: 'reg', name, bits: { hi, lo: 0 } } };

/** Components one instruction writes. */
function writes(isa: Isa, ins: InstructionStatement): string[] {
  try {
    const r = execute([ins], { isa, semantics: semanticsFor(isa), onCall: () => {} });
    return [...r.written.keys()];
  } catch {
    return [];
  }
}

function variablesIn(roots: (BV | Mem)[]): Set<string> {
  const out = new Set<string>();
  walkDag(roots, (e) => void (e.op === 'var' && out.add(e.name)));
  return out;
}

/** Flags each source block reads before writing, and writes (calls clobber them). */
function flagUse(isa: Isa, program: AsmProgram, fn: AsmFunction): { use: Set<string>; def: Set<string> }[] {
  return fn.blocks.map((b) => {
    const ins = b.instructions.map((i) => program.file.statements[i] as InstructionStatement);
    try {
      const r = execute(ins, {
        isa,
        semantics: semanticsFor(isa),
        onCall: (_e, state) => FLAGS.forEach((f) => state.set(f, v(1, `call.${f}`))),
        resolveLabel: (name, at) => program.labels.resolve(name, program.file.statements.indexOf(at)) ?? name,
      });
      // Read means: some output depends on it (semantics may read all four flags to test one condition).
      const roots: (BV | Mem)[] = [...r.written.values(), r.mem, ...r.calls.flatMap((c) => [...c.before.values()])];
      if (r.exit.kind === 'branch') roots.push(r.exit.cond);
      if (r.exit.kind === 'return') roots.push(r.exit.via);
      if (r.exit.kind === 'jump' && r.exit.target.kind === 'address') roots.push(r.exit.target.value);
      const used = variablesIn(roots);
      return { use: new Set(FLAGS.filter((f) => used.has(f))), def: new Set(FLAGS.filter((f) => r.written.has(f))) };
    } catch {
      // A block without semantics: assume it reads every flag (the conservative answer).
      return { use: new Set(FLAGS), def: new Set<string>() };
    }
  });
}

/** Flags live on entry to each block (backward dataflow over the source CFG). */
export function liveFlags(isa: Isa, program: AsmProgram, fn: AsmFunction): Set<string>[] {
  const ud = flagUse(isa, program, fn);
  const live = fn.blocks.map(() => new Set<string>());
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = fn.blocks.length - 1; k >= 0; k--) {
      const out = new Set<string>();
      for (const e of fn.blocks[k]!.successors) if ('block' in e.to) for (const f of live[e.to.block]!) out.add(f);
      const inn = new Set([...ud[k]!.use, ...[...out].filter((f) => !ud[k]!.def.has(f))]);
      if (inn.size !== live[k]!.size) {
        live[k] = inn;
        changed = true;
      }
    }
  }
  return live;
}

/**
 * A fact a caller makes true at a function entry: an argument register in
 * its counterpart (the same bits on both sides; FP values travel in the low
 * 64 bits), the stack pointer and the return address in theirs, a
 * callee-saved register in a callee-saved target register (which one is
 * checked with the other callee-saved rules).
 */
function guaranteedAtEntry(srcIsa: Isa, tgtIsa: Isa, f: MappedBits): boolean {
  const src = conventionFor(srcIsa);
  const tgt = conventionFor(tgtIsa);
  if (f.to.kind !== 'reg') return false;
  const sw = widthOf(srcIsa, f.src) ?? 0;
  const tw = widthOf(tgtIsa, f.to.name) ?? 0;
  const sr = f.bits ?? { hi: sw - 1, lo: 0 };
  const tr = f.to.bits ?? { hi: tw - 1, lo: 0 };
  if (sr.hi !== tr.hi || sr.lo !== tr.lo) return false;
  if (src.calleeSaved.some((s) => s.name === f.src)) return tgt.calleeSaved.some((s) => s.name === (f.to as { name: string }).name) && sr.hi < 64;
  const place = counterpart(src, tgt, f.src);
  if (place === undefined || place !== f.to.name) return false;
  return sr.hi < 64;
}

function exitFor(t: BlockTranslation, kind: string, labels: string[] | undefined, external?: string): ExitPromise | undefined {
  return t.exits.find((e) => {
    if (e.kind !== kind) return false;
    if (external !== undefined) return e.label === external;
    return e.label === undefined || (labels ?? []).includes(e.label);
  });
}

/**
 * A tail call through a register is claimed only where the source block ends
 * in a jump through a register that is no jump table, and only when no label
 * of the function has its address taken: otherwise the register could hold
 * one (a computed goto), whose target block expects its own entry mapping,
 * not a function entry's.
 */
function indirectTailCallProblems(input: LiftInput): string[] {
  const { fn, program } = input;
  const out: string[] = [];
  let taken: Set<string> | undefined;
  for (const b of input.blocks) {
    if (!b.translation.exits.some((e) => e.kind === 'tail-call' && e.indirect)) continue;
    const id = b.translation.blockId;
    const blk = fn.blocks[id];
    if (blk?.exit.kind !== 'unknown-indirect' || blk.terminator !== 'indirect-jump') {
      out.push(`block ${id}: a tail call through a register is promised, but the source block does not end in an indirect jump outside a jump table`);
      continue;
    }
    const desc = isaDescription(input.srcIsa);
    taken ??= addressTakenLabels(program.file.statements, (ins) => desc.control(ins), (name, k) => program.labels.resolve(name, k));
    const label = fn.blocks.flatMap((x) => x.labels).find((l) => taken!.has(l));
    if (label !== undefined) out.push(`block ${id}: a tail call through a register, but the address of label '${label}' of the function is taken`);
  }
  // A source jump through a register needs its promise (else the block proof is refused; say why here too).
  for (const blk of fn.blocks) {
    const t = byIdOf(input, blk.id);
    if (blk.exit.kind === 'unknown-indirect' && t && !t.exits.some((e) => e.kind === 'tail-call' && e.indirect))
      out.push(`block ${blk.id}: an indirect jump with no promise (${blk.exit.reason})`);
  }
  return out;
}

/**
 * A call or direct tail call to a translated function passes every argument
 * that function reads before writing it, where the convention puts it: the
 * block verifier trusts the call's argument claims, this checks them.
 */
function calleeArgumentProblems(input: LiftInput, callees: CalleeLiveness, convention: MappedBits[]): string[] {
  const out: string[] = [];
  for (const b of input.blocks) {
    const handoffs = [
      ...b.translation.calls.filter((c) => !c.external).map((c) => ({ what: `call to ${c.callee}`, callee: c.callee, mapping: c.before })),
      ...b.translation.exits.filter((e) => e.kind === 'tail-call' && !e.indirect && e.label !== undefined).map((e) => ({ what: `tail call to ${e.label}`, callee: e.label!, mapping: e.mapping })),
    ];
    for (const h of handoffs) {
      const reads = callees.get(h.callee);
      if (!reads) continue;
      for (const f of convention)
        if (isLive(reads, f.src) && !has(input.srcIsa, input.tgtIsa, h.mapping, f))
          out.push(`block ${b.translation.blockId}: the ${h.what} does not pass ${describeFact(f)}, which ${h.callee} reads before writing it`);
    }
  }
  return out;
}

/**
 * After a call to a translated function, a result register the callee may
 * write (block-callee-writes.ts; one it never writes keeps its value, which
 * the block verifier models) is claimed only where each of its returns
 * hands it back.
 */
function calleeResultProblems(input: LiftInput): string[] {
  const out: string[] = [];
  const src = conventionFor(input.srcIsa);
  const results = new Set([...src.intResults, ...src.fpResults]);
  const writes = calleeWrites(input.program, input.srcIsa);
  for (const b of input.blocks)
    for (const c of b.translation.calls) {
      const returns = c.external ? undefined : input.calleeReturns?.get(c.callee);
      if (!returns) continue;
      const w = writes.get(c.callee) ?? 'everything';
      for (const f of c.after.facts)
        if (results.has(f.src) && (w === 'everything' || w.has(f.src)) && returns.some((r) => !has(input.srcIsa, input.tgtIsa, r, f)))
          out.push(`block ${b.translation.blockId}: after the call to ${c.callee} the mapping claims ${describeFact(f)}, which a return of ${c.callee} does not hand back`);
    }
  return out;
}

function byIdOf(input: LiftInput, id: number): BlockTranslation | undefined {
  return input.blocks.find((b) => b.translation.blockId === id)?.translation;
}

export function liftFunction(input: LiftInput): FunctionLift {
  const { srcIsa, tgtIsa, fn, program } = input;
  const translations = new Map(input.blocks.map((b) => [b.translation.blockId, b.translation]));
  const results = input.resultRegisters ?? [reg('x0', 'x10')];
  // Without the program's liveness, compute it here: the other functions from their source alone (their calls read every argument register).
  const callees =
    input.callees ??
    entryLiveness(srcIsa, tgtIsa, program, program.functions.map((g) => ({ fn: g, translations: g === fn ? translations : new Map(), results: ['x0'] })));
  const problems: string[] = [];
  const counts = { proven: 0, tested: 0, refuted: 0, refused: 0 };
  const byId = new Map(input.blocks.map((b) => [b.translation.blockId, b]));
  for (const b of input.blocks) {
    counts[b.status.status]++;
    if (b.status.status !== 'proven') {
      const why = b.status.status === 'tested' ? b.status.why : b.status.status === 'refuted' ? b.status.counterexample : b.status.reason;
      problems.push(`block ${b.translation.blockId} ${b.status.status}: ${why}`);
    }
  }
  // From here on: composition problems (counted apart from the block statuses above).
  for (const b of fn.blocks) if (!byId.has(b.id)) problems.push(`block ${b.id} has no translation`);
  const src = conventionFor(srcIsa);
  const tgt = conventionFor(tgtIsa);

  // The entry follows the calling conventions: the arguments the function reads before writing them
  // (source liveness, not the translator's claim) sit where a caller puts them, and every claim the
  // entry mapping makes is one a caller guarantees.
  const entry = byId.get(0)?.translation.entry;
  const imageOf = new Map<string, MappedBits>();
  const required = [
    ...src.intArgs.map((r) => reg(r, counterpart(src, tgt, r)!)),
    ...src.fpArgs.map((r) => reg(r, counterpart(src, tgt, r)!, 63)),
    reg(src.stackPointer, tgt.stackPointer),
    reg(src.linkRegister, tgt.linkRegister),
  ];
  if (entry) {
    const live = liveRegisters(srcIsa, tgtIsa, program, { fn, translations, results: results.map((f) => f.src) }, callees)[0] ?? new Set<string>();
    const always = [src.stackPointer, src.linkRegister];
    for (const f of required) {
      if (!always.includes(f.src) && !isLive(live, f.src)) continue;
      const why = always.includes(f.src) ? '' : live.has(f.src) ? `: the function reads ${f.src} before writing it` : ': a block without semantics may read it';
      if (!has(srcIsa, tgtIsa, entry, f)) problems.push(`the entry mapping lacks ${describeFact(f)} (calling convention${why})`);
    }
    // A claim no caller guarantees is harmless only about a component the function never reads before
    // writing it: the source run could have started with the value the claim names, and behaves the same.
    // That needs one claim per component, in a place (a constant cannot be chosen).
    const claimsOn = new Map<string, number>();
    for (const f of entry.facts) claimsOn.set(f.src, (claimsOn.get(f.src) ?? 0) + 1);
    for (const f of entry.facts) {
      if (guaranteedAtEntry(srcIsa, tgtIsa, f)) continue;
      if (!isLive(live, f.src) && f.to.kind !== 'const' && claimsOn.get(f.src) === 1) continue;
      const why = live.has(f.src) ? ` (the function reads ${f.src} before writing it)` : isLive(live, f.src) ? ' (a block without semantics may read it)' : '';
      problems.push(`the entry mapping claims ${describeFact(f)}, which no caller guarantees${why}`);
    }
    for (const t of entry.targetOnly ?? []) problems.push(`the entry mapping claims target-only ${placeKey(tgtIsa, t.place)} = ${t.value}, which no caller guarantees`);
    // Callee-saved source registers live in distinct callee-saved target registers.
    const tgtSaved = new Set(tgt.calleeSaved.map((s) => s.name));
    const used = new Set<string>();
    for (const s of src.calleeSaved) {
      const f = entry.facts.find((g) => g.src === s.name && g.to.kind === 'reg');
      const ok = f && f.to.kind === 'reg' && tgtSaved.has(f.to.name) && !used.has(f.to.name) && (f.bits ?? { hi: (widthOf(srcIsa, s.name) ?? 64) - 1 }).hi >= s.bits - 1;
      if (!ok || f.to.kind !== 'reg') {
        problems.push(`the entry mapping does not keep callee-saved ${s.name} in a callee-saved target register of its own`);
        continue;
      }
      used.add(f.to.name);
      imageOf.set(s.name, f);
    }
    // Target callee-saved registers that hold no source register must never be written.
    for (const name of tgtSaved) {
      if (used.has(name)) continue;
      for (const b of input.blocks)
        for (const ins of b.translation.target)
          if (writes(tgtIsa, ins).includes(name)) problems.push(`block ${b.translation.blockId} writes callee-saved ${name}, which holds no source register (line ${ins.span.line})`);
    }
  }

  // Returns give back what a caller expects; a tail call hands the callee our caller's return address,
  // stack pointer and callee-saved registers (the return address of a return is compared by the block proof).
  // A tail call through a register enters an unknown translated function: its mapping must also be
  // a function entry's (the arguments where the convention puts them).
  for (const b of input.blocks) {
    for (const e of b.translation.exits) {
      if (e.kind !== 'return' && e.kind !== 'tail-call') continue;
      const need = [...(e.kind === 'return' ? results : []), reg(src.stackPointer, tgt.stackPointer), ...imageOf.values()];
      if (e.kind === 'tail-call') need.push(...(e.indirect ? required : [reg(src.linkRegister, tgt.linkRegister)]));
      for (const f of need) if (!has(srcIsa, tgtIsa, e.mapping, f)) problems.push(`block ${b.translation.blockId}: the ${e.kind} mapping lacks ${describeFact(f)}`);
    }
  }
  problems.push(...indirectTailCallProblems(input));
  problems.push(...calleeResultProblems(input));
  problems.push(...calleeArgumentProblems(input, callees, required.filter((f) => f.src !== src.linkRegister)));

  // Mappings compose along every edge.
  for (const blk of fn.blocks) {
    const t = byId.get(blk.id)?.translation;
    if (!t) continue;
    for (const e of blk.successors) {
      if (!('block' in e.to)) {
        if (!exitFor(t, e.kind, undefined, e.to.external)) problems.push(`block ${blk.id}: no exit promise for the ${e.kind} to ${e.to.external}`);
        continue;
      }
      const succ = fn.blocks[e.to.block]!;
      const promise = exitFor(t, e.kind, succ.labels);
      const succT = byId.get(succ.id)?.translation;
      if (!promise) {
        problems.push(`block ${blk.id}: no exit promise for the ${e.kind} edge to block ${succ.id}`);
        continue;
      }
      if (!succT) continue;
      const missing = missingClaims(srcIsa, tgtIsa, promise.mapping, succT.entry);
      if (missing.length) problems.push(`edge ${blk.id} -> ${succ.id} (${e.kind}): the exit mapping does not imply the entry mapping (${missing.slice(0, 4).join(', ')})`);
    }
  }

  // Flags live into a block are mapped at its entry.
  const live = liveFlags(srcIsa, program, fn);
  for (const blk of fn.blocks) {
    const t = byId.get(blk.id)?.translation;
    if (!t) continue;
    for (const f of live[blk.id]!) if (!t.entry.facts.some((g) => g.src === f)) problems.push(`flag ${f} is live into block ${blk.id} but its entry mapping does not map it`);
  }

  const composition = problems.slice(counts.tested + counts.refuted + counts.refused);
  const structural = composition.length;
  let status: FunctionLift['status'];
  if (counts.refuted) status = 'refuted';
  else if (structural > 0 || counts.refused) status = 'refused';
  else if (counts.tested) status = 'tested';
  else status = 'proven';
  return { status, problems, composition, counts };
}
