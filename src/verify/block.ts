// verifyBlock: does a translated block keep the translator's promises?
// Both sides run symbolically from the entry mapping (block-state.ts), with
// calls modelled identically on both sides (block-calls.ts); the promises
// become obligations (block-obligations.ts), which are tested on the
// interpreter first (block-testing.ts) and then proved one by one with Z3
// (block-prove.ts). `proven` only when every obligation is proved.
import { walkDag } from '../ir/walk.js';
import type { InstructionStatement } from '../asm/ast.js';
import type { BV, Mem } from '../ir/expr.js';
import { UnsupportedInstruction } from '../ir/semantics.js';
import { FpNotImplemented } from '../ir/fp.js';
import type { Env } from '../interp/eval.js';
import { defaultSolver, type BackendChoice, type Solver } from '../smt/solver.js';
import type { BlockStatus, BlockVerifyRequest } from '../translate/contract.js';
import { callModels, checkCallPromise } from './block-calls.js';
import { cutsApply, proveWithCuts } from './block-cuts.js';
import { memoryAccesses, runSide, type SidePath } from './block-exec.js';
import { buildObligations, MissingPromise, type Obligation } from './block-obligations.js';
import { DivisionAbstraction, hasDivision, proveBatch, proveObligation } from './block-prove.js';
import { BadRequest, entryState } from './block-state.js';
import { layoutFacts } from './block-assume.js';
import { MemorySimplifier } from './block-simplify.js';
import { conventionFor } from '../abi/conventions.js';
import { testObligations } from './block-testing.js';
import { semanticsFor } from './semantics.js';
import { execute } from '../ir/symexec.js';
import { isaDescription } from '../isa/index.js';
import { atomicCallEffect, outlineAtomic } from './block-call-atomics.js';
import type { CallModel } from './block-exec.js';
import type { CallPromise } from '../translate/contract.js';
import { calleeWrites } from './block-callee-writes.js';

/**
 * Target paths allowed per block: the FP rules' short slow paths (NaN
 * propagation, conversions) branch, and a block with eight FP operations
 * has 2^8 of them; each is checked against one source path.
 */
const TARGET_MAX_PATHS = 512;

/** Matching target addresses with source ones (block-simplify.ts): all queries of a block, and each one. */
const ADDRESS_BUDGET_MS = 2000;
const ADDRESS_QUERY_MS = 1000;

/** The all-in-one query gets this long before the obligations are proved one by one. */
const BATCH_TIMEOUT_MS = 1000;

export interface BlockVerifyOptions {
  solver?: Solver;
  backend?: BackendChoice;
  /** Prove structurally identical sides without Z3 (default true; benchmarks turn it off to measure the solver). */
  syntactic?: boolean;
  /** Resolve loads under the layout preconditions before the solver (default true; benchmarks turn it off to measure it). */
  layoutSimplify?: boolean;
  /** Label renaming per side (function-level proofs give both programs' blocks one set of names). */
  labels?: LabelNames;
}

export interface LabelNames {
  source: (name: string, ins: InstructionStatement) => string;
  target: (name: string, ins: InstructionStatement) => string;
}

/** Statistics of the last verification, for benchmarks and reports. */
export interface BlockVerifyDetail {
  obligations: number;
  proved: number;
  viaDivisionLemmas: number;
  viaSyntax: number;
  /** Whether one query proved every obligation at once. */
  batched: boolean;
  /** Intermediate equalities cut at sourceSteps boundaries. */
  cuts: number;
  /** Target addresses proved equal to source access addresses and rewritten to them. */
  addressesUnified: number;
}

export async function verifyBlock(req: BlockVerifyRequest, opts: BlockVerifyOptions = {}): Promise<BlockStatus> {
  return (await verifyBlockDetailed(req, opts)).status;
}

export async function verifyBlockDetailed(
  req: BlockVerifyRequest,
  opts: BlockVerifyOptions = {},
): Promise<{ status: BlockStatus; detail: BlockVerifyDetail }> {
  const first = await verifyUnder(req, opts, 'shared');
  // A second, equally sound model of calls to local functions: kept
  // registers lose their shared pairing with a target register the target
  // does not read after the call (the source keeps the old value, that
  // target register is unknown). A block that relies on the value surviving
  // on the source side (a spilled vector register reloaded from its slot, a
  // page address kept in x3) proves under it; one that reads the target
  // register proves under the first. Either proof is a proof; the first
  // model's verdict stands otherwise.
  if (first.status.status === 'proven' || !hasKeptPairs(req)) return first;
  const second = await verifyUnder(req, opts, 'unpaired');
  return second.status.status === 'proven' ? second : first;
}

/** How kept registers meet the `after` mapping's pairs with caller-saved target registers (see keptAcrossCalls). */
type PairModel = 'shared' | 'unpaired';

async function verifyUnder(
  req: BlockVerifyRequest,
  opts: BlockVerifyOptions,
  pairs: PairModel,
): Promise<{ status: BlockStatus; detail: BlockVerifyDetail }> {
  const detail: BlockVerifyDetail = { obligations: 0, proved: 0, viaDivisionLemmas: 0, viaSyntax: 0, batched: false, cuts: 0, addressesUnified: 0 };
  const done = (status: BlockStatus) => ({ status, detail });
  const prepared = prepare(req, opts.labels, pairs);
  if ('status' in prepared) return done(prepared);
  const { assumptions, privateAreas } = prepared;
  detail.obligations = prepared.obligations.length;
  // Structurally identical sides hold for every input: neither tested nor sent to Z3.
  const syntactic = opts.syntactic ?? true;
  let obligations = syntactic ? prepared.obligations.filter((ob) => !identicalSides(ob)) : prepared.obligations;
  detail.viaSyntax = prepared.obligations.length - obligations.length;
  detail.proved = detail.viaSyntax;

  let tested;
  try {
    tested = testObligations(obligations, assumptions, privateAreas, Math.max(1, req.runs), req.seed);
  } catch (e) {
    if (e instanceof FpNotImplemented) return done({ status: 'refused', reason: `not verifiable yet: ${e.message}` });
    throw e;
  }
  if (tested.failure) return done({ status: 'refuted', counterexample: describeFailure(tested.failure.obligation, tested.failure.env, tested.failure.detail, 'testing') });
  // Inputs that satisfy the assumptions witness that they are consistent; without one a proof could be vacuous.
  if (tested.runs === 0) return done({ status: 'refused', reason: `no test input satisfied the block's assumptions (${tested.skipped} tried): they may contradict each other` });
  if (req.noProof) return done({ status: 'tested', runs: tested.runs, why: 'proofs were not requested' });

  const solver = opts.solver ?? defaultSolver(opts.backend);
  // Testing ran on the obligations as built; the solver gets them with loads
  // resolved under the assumptions it is given (equal whenever they hold).
  const tested0 = obligations;
  if (opts.layoutSimplify ?? true) {
    const s = await prepared.simplifier.withSourceAddresses(tested0, assumptions, solver, {
      seed: req.seed, budgetMs: Math.min(req.timeoutMs, ADDRESS_BUDGET_MS), queryMs: ADDRESS_QUERY_MS,
    });
    obligations = s.obligations;
    detail.addressesUnified = s.unified;
  }
  if (syntactic) {
    const open = obligations.filter((ob) => !identicalSides(ob));
    detail.viaSyntax += obligations.length - open.length;
    detail.proved = detail.viaSyntax;
    obligations = open;
  }
  // One query for everything first: most blocks are decided by it. Division
  // chains are not (they need the lemmas and case splits of proveObligation).
  const dividing = hasDivision(obligations.flatMap((ob): (BV | Mem)[] => (ob.kind === 'eq' ? [ob.lhs, ob.rhs] : [ob.src, ob.tgt])));
  const batch = dividing ? { status: 'undecided' as const } : await proveBatch(obligations, assumptions, privateAreas, solver, Math.min(req.timeoutMs, BATCH_TIMEOUT_MS));
  if (batch.status === 'proven') {
    detail.proved = detail.obligations;
    detail.batched = true;
    return done({ status: 'proven' });
  }
  if (batch.status === 'refuted')
    return done({ status: 'refuted', counterexample: describeFailure(batch.obligation, batch.env, batch.detail, 'Z3, replayed on the interpreter') });
  // Cut points at the translator's instruction boundaries, when the shape allows.
  if (!opts.labels && cutsApply(req) === undefined) {
    const cut = await proveWithCuts(req, privateAreas, assumptions, solver);
    detail.cuts = cut.cuts;
    if (cut.proven) {
      detail.proved = detail.obligations;
      return done({ status: 'proven' });
    }
  }
  const unproven: string[] = [];
  // The one-by-one proofs of a block share its timeout: later obligations are not tried after that.
  const deadline = Date.now() + req.timeoutMs;
  for (const ob of obligations) {
    const left = deadline - Date.now();
    if (left <= 0) {
      unproven.push(`${ob.what}: not tried (the block's proof time ran out)`);
      continue;
    }
    const r = await proveObligation(ob, assumptions, privateAreas, solver, Math.min(req.timeoutMs, left), syntactic);
    if (r.status === 'proven') {
      detail.proved++;
      if (r.how === 'division-lemmas') detail.viaDivisionLemmas++;
      if (r.how === 'syntactic') detail.viaSyntax++;
    } else if (r.status === 'refuted') {
      return done({ status: 'refuted', counterexample: describeFailure(ob, r.env, r.detail, 'Z3, replayed on the interpreter') });
    } else unproven.push(`${ob.what}: ${r.reason}`);
  }
  if (unproven.length) return done({ status: 'tested', runs: tested.runs, why: `${unproven.length} of ${obligations.length} obligations not proved (${unproven[0]})` });
  return done({ status: 'proven' });
}

function identicalSides(ob: Obligation): boolean {
  const ids = new DivisionAbstraction();
  return ob.kind === 'eq' ? ids.id(ob.lhs) === ids.id(ob.rhs) : ids.id(ob.src) === ids.id(ob.tgt);
}

interface Prepared {
  obligations: Obligation[];
  assumptions: BV[];
  privateAreas: Map<string, number>;
  source: SidePath[];
  target: SidePath[];
  /** Resolves loads under the layout assumptions, for the solver's queries. */
  simplifier: MemorySimplifier;
}

/** Runs both sides and builds the obligations, or says why the request cannot be verified. */
export function prepare(req: BlockVerifyRequest, labels?: LabelNames, pairs: PairModel = 'shared'): Prepared | BlockStatus {
  const { srcIsa, tgtIsa, block } = req;
  try {
    if (!Number.isFinite(req.timeoutMs) || req.timeoutMs <= 0) throw new BadRequest(`timeout ${req.timeoutMs} ms`);
    if (block.source.length === 0) throw new BadRequest('the source block is empty');
    const privateAreas = new Map<string, number>();
    for (const a of req.privateAreas) {
      if (privateAreas.has(a.symbol)) throw new BadRequest(`private area ${a.symbol} declared twice`);
      if (!Number.isInteger(a.bytes) || a.bytes < 1 || a.bytes > 4096) throw new BadRequest(`private area ${a.symbol} of ${a.bytes} bytes`);
      privateAreas.set(a.symbol, a.bytes);
    }
    if (block.sourceSteps) {
      const sum = block.sourceSteps.reduce((x, y) => x + y, 0);
      if (block.sourceSteps.length !== block.source.length || sum !== block.target.length)
        throw new BadRequest(`sourceSteps (${block.sourceSteps.length} entries, sum ${sum}) do not match ${block.source.length} source and ${block.target.length} target instructions`);
    }
    const localLabels = new Map<string, number>();
    for (const l of block.localLabels ?? []) {
      if (!Number.isInteger(l.before) || l.before < 0 || l.before > block.target.length) throw new BadRequest(`local label ${l.name} at ${l.before}, outside the target`);
      if (localLabels.has(l.name)) throw new BadRequest(`local label ${l.name} defined twice`);
      localLabels.set(l.name, l.before);
    }
    // Source calls to libgcc's outline atomics run as the atomic operation
    // itself (block-call-atomics.ts); the target inlines them, so only the
    // other calls are calls on both sides and carry promises from here on.
    const inlined = inlinedAtomics(req, block.calls);
    const promised = block.calls.filter((_, k) => !inlined.has(k));
    promised.forEach((p, k) => checkCallPromise(k, p, srcIsa, tgtIsa));
    // Registers calls to the program's own functions leave alone (-fipa-ra).
    const kept = keptAcrossCalls(req, promised, pairs);
    const calls = promised.map((p, j) => withoutKeptPairs(p, kept.get(j), req, pairs));
    const entry = entryState(srcIsa, tgtIsa, block.entry, privateAreas);
    const models = callModels(srcIsa, tgtIsa, calls, privateAreas);
    const sourceCall = withInlinedAtomics(srcIsa, block.calls, inlined, keeping(kept, models.source));
    const source = runSide({
      isa: srcIsa, instructions: block.source, semantics: semanticsFor(srcIsa), localLabels: new Map(),
      initial: entry.srcInitial, mem: entry.srcMem, call: sourceCall,
      ...(labels ? { resolveLabel: labels.source } : {}),
    });
    const target = runSide({
      isa: tgtIsa, instructions: block.target, semantics: semanticsFor(tgtIsa), localLabels,
      initial: entry.tgtInitial, mem: entry.tgtMem, call: models.target, maxPaths: TARGET_MAX_PATHS,
      ...(labels ? { resolveLabel: labels.target } : {}),
    });
    if (source.length > 2) throw new BadRequest(`the source is not one basic block (${source.length} paths)`);
    const allCalls = source[0]!.calls;
    if (allCalls.length !== block.calls.length) throw new BadRequest(`the source makes ${allCalls.length} calls, the translation promises ${block.calls.length}`);
    allCalls.forEach((cs, k) => {
      const callee = block.calls[k]!.callee;
      if (cs.target.kind === 'symbol' && cs.target.name !== callee) throw new BadRequest(`call ${k + 1} calls ${cs.target.name}, the promise says ${callee}`);
      // The atomic model was chosen by the promise's name: the source must really call that helper.
      if (inlined.has(k) && (cs.target.kind !== 'symbol' || cs.target.name !== callee)) throw new BadRequest(`call ${k + 1} is not a direct call to ${callee}`);
    });
    for (const p of source) p.calls = p.calls.filter((cs) => !inlined.has(cs.index));
    // Registers were kept across these calls for the promised callee: the source must call exactly it.
    for (const j of kept.keys()) {
      const cs = source[0]!.calls[j];
      if (!cs || cs.target.kind !== 'symbol' || cs.target.name !== calls[j]!.callee) throw new BadRequest(`call to ${calls[j]!.callee} is not a direct call to it`);
    }
    const accesses = memoryAccesses(
      source.flatMap((p) => [
        p.cond, p.final.mem, ...p.written.values(), ...(p.exit.kind === 'return' ? [p.exit.via] : []),
        ...p.calls.map((cs) => cs.before.mem),
        // A value loaded only to be passed to a call (`ldr w0, [x19]; bl f`)
        // is a source access too: without it Z3 could put the loaded bytes
        // inside a private area, which the target's memory does not mirror.
        ...p.calls.flatMap((cs, j) => (calls[j]?.before.facts ?? []).map((f) => cs.before.get(f.src))),
      ]),
    );
    const set = buildObligations({ ...req, block: { ...block, calls } }, source, target, privateAreas, accesses);
    const targetAccesses = memoryAccesses(
      target.flatMap((p) => [p.cond, p.final.mem, ...p.written.values(), ...(p.exit.kind === 'return' ? [p.exit.via] : []), ...p.calls.map((cs) => cs.before.mem)]),
    );
    const stackPointers = [entry.srcInitial(conventionFor(srcIsa).stackPointer), entry.tgtInitial(conventionFor(tgtIsa).stackPointer)];
    const layout = layoutFacts({
      stackPointers,
      accesses: [...accesses, ...targetAccesses],
      roots: set.obligations.flatMap((ob) => (ob.kind === 'eq' ? [ob.guard, ob.lhs, ob.rhs] : [ob.guard])),
      privateAreas,
    });
    return {
      obligations: set.obligations,
      assumptions: [...new Set([...set.assumptions, ...layout.assumptions])],
      privateAreas, source, target,
      simplifier: new MemorySimplifier({ privateAreas, extents: layout.extents, stackPointers, sourceAccesses: accesses }),
    };
  } catch (e) {
    if (e instanceof BadRequest || e instanceof MissingPromise) return { status: 'refused', reason: e.message };
    if (e instanceof UnsupportedInstruction) return { status: 'refused', reason: `not verifiable: line ${e.ins.span.line}: ${e.message}` };
    throw e;
  }
}

/** Indices of the calls to outline atomics the source executes as the operation itself (AArch64 sources only). */
function inlinedAtomics(req: BlockVerifyRequest, promises: readonly CallPromise[]): Set<number> {
  const out = new Set<number>();
  if (req.srcIsa !== 'aarch64') return out;
  // A program that defines a function by that name calls its own, not libgcc's.
  const own = new Set(req.sourceProgram?.functions.map((f) => f.name) ?? []);
  promises.forEach((p, k) => {
    if (p.external && !own.has(p.callee) && outlineAtomic(p.callee)) out.add(k);
  });
  return out;
}

/**
 * For each call (by index) to a function of the source program, when the
 * request carries the program: the caller-saved registers the callee can
 * never write (block-callee-writes.ts), which keep their values across it as
 * gcc's -fipa-ra assumes. Never x16/x17 (a linker veneer on the way may use
 * them) nor the link register. Under the 'shared' model not the registers
 * the `after` mapping pairs with a caller-saved target register either (the
 * call model gives both sides one shared value there); under 'unpaired'
 * those too, where the target does not read its copy after the call.
 */
function keptAcrossCalls(req: BlockVerifyRequest, promises: readonly CallPromise[], pairs: PairModel = 'shared'): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const program = req.sourceProgram;
  if (!program) return out;
  const writes = calleeWrites(program, req.srcIsa);
  const src = conventionFor(req.srcIsa);
  promises.forEach((p, j) => {
    const w = writes.get(p.callee);
    if (w === undefined || w === 'everything') return;
    const shared = sharedPairs(p, req);
    // Under 'unpaired', a paired register is kept when the target does not read its copy after the call.
    const pairedUse = (r: string) => pairs === 'shared' || p.after.facts.some((f) => f.src === r && f.to.kind === 'reg' && targetReadsAfterCall(req, promises, j, f.to.name));
    out.set(j, new Set(src.callClobbered.filter((r) => r !== src.linkRegister && !VENEER_SCRATCH.has(r) && !w.has(r) && !(shared.has(r) && pairedUse(r)))));
  });
  return out;
}

/**
 * Whether the target reads register `reg` after its call `j` before writing
 * it: scanned in program order (a heuristic that only chooses between two
 * sound models); a later call reads it when its `before` mapping names it.
 */
function targetReadsAfterCall(req: BlockVerifyRequest, promises: readonly CallPromise[], j: number, reg: string): boolean {
  const desc = isaDescription(req.tgtIsa);
  const semantics = semanticsFor(req.tgtIsa);
  let calls = 0;
  for (const ins of req.block.target) {
    const isCall = desc.control(ins).kind === 'call';
    if (calls <= j) {
      if (isCall) calls++;
      continue;
    }
    if (isCall) return (promises[calls] ?? promises[promises.length - 1])?.before.facts.some((f) => f.to.kind === 'reg' && f.to.name === reg) ?? true;
    try {
      const r = execute([ins], { isa: req.tgtIsa, semantics });
      if (r.liveIn.has(reg)) return true;
      if (r.written.has(reg)) return false;
    } catch {
      return true;
    }
  }
  return false;
}

/** Whether the second call model differs from the first: some register it keeps is paired with a caller-saved target register. */
function hasKeptPairs(req: BlockVerifyRequest): boolean {
  if (!req.sourceProgram || !req.block.calls.length) return false;
  const inlined = inlinedAtomics(req, req.block.calls);
  const promised = req.block.calls.filter((_, k) => !inlined.has(k));
  const unpaired = keptAcrossCalls(req, promised, 'unpaired');
  return promised.some((p, j) => {
    const shared = sharedPairs(p, req);
    return [...(unpaired.get(j) ?? [])].some((r) => shared.has(r));
  });
}

/** Source registers the `after` mapping pairs with a caller-saved target register (one shared value in the call model). */
function sharedPairs(p: CallPromise, req: BlockVerifyRequest): Set<string> {
  const tgt = conventionFor(req.tgtIsa);
  return new Set(p.after.facts.filter((f) => f.to.kind === 'reg' && tgt.callClobbered.includes(f.to.name)).map((f) => f.src));
}

/**
 * Under the 'unpaired' model, a kept register's `after` facts that name a
 * caller-saved target register are dropped: the call model would give both
 * sides one shared value there, but the source keeps the old value and
 * nothing says the target register survives the translated callee (the
 * target did not read it after the call). Dropping a fact only removes a
 * shared value and a check inside this block: code that reads that target
 * register afterwards sees an unrelated value and fails to prove.
 */
function withoutKeptPairs(p: CallPromise, kept: ReadonlySet<string> | undefined, req: BlockVerifyRequest, pairs: PairModel): CallPromise {
  if (!kept?.size) return p;
  const tgt = conventionFor(req.tgtIsa);
  const dropped = (r: string) => kept.has(r) && pairs === 'unpaired';
  const facts = p.after.facts.filter((f) => !(dropped(f.src) && f.to.kind === 'reg' && tgt.callClobbered.includes(f.to.name)));
  return facts.length === p.after.facts.length ? p : { ...p, after: { ...p.after, facts } };
}

/** The source's call model with the kept registers restored after each call. */
function keeping(kept: ReadonlyMap<number, ReadonlySet<string>>, rest: CallModel): CallModel {
  if (!kept.size) return rest;
  return (index, get, mem) => {
    const effect = rest(index, get, mem);
    for (const r of kept.get(index) ?? []) if (effect.set.has(r)) effect.set.set(r, get(r));
    return effect;
  };
}

/** AAPCS64 IP0/IP1: a linker veneer on the way to any callee may change them. */
const VENEER_SCRATCH = new Set(['x16', 'x17']);

/** The source's call model: outline atomics by their semantics, every other call (renumbered among those) by `rest`. */
function withInlinedAtomics(srcIsa: BlockVerifyRequest['srcIsa'], promises: readonly CallPromise[], inlined: ReadonlySet<number>, rest: CallModel): CallModel {
  if (!inlined.size) return rest;
  return (index, get, mem) => {
    if (inlined.has(index)) return atomicCallEffect(srcIsa, outlineAtomic(promises[index]!.callee)!, index, get, mem);
    let k = 0;
    for (let j = 0; j < index; j++) if (!inlined.has(j)) k++;
    return rest(k, get, mem);
  };
}

/** A counterexample as people read it: what differs, and the inputs it depends on. */
function describeFailure(ob: Obligation, env: Env, detail: string, how: string): string {
  const names = new Set<string>();
  const mems = new Set<string>();
  const roots = ob.kind === 'eq' ? [ob.guard, ob.lhs, ob.rhs] : [ob.guard, ob.src, ob.tgt];
  collect(roots, names, mems);
  const inputs = [...names]
    .filter((n) => !n.startsWith('block.'))
    .sort()
    .slice(0, 24)
    .map((n) => `${n}=0x${env.variable(n, 64).toString(16)}`);
  return `${ob.what}: ${detail} (found by ${how}; inputs ${inputs.join(' ')}${mems.size ? `; memories ${[...mems].join(', ')} as the interpreter's seeded background or the solver's model` : ''})`;
}

function collect(roots: readonly (BV | Mem)[], names: Set<string>, mems: Set<string>): void {
  walkDag(roots, (e) => {
    if (e.op === 'var') names.add(e.name);
    else if (e.op === 'mem0') mems.add(e.name);
  });
}
