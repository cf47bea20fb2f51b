// Repair of a refuted block translation (issue 5, item 5). The counterexample
// says which mapped outputs differ; slicing the target block backwards from
// them names the suspect instructions; each suspect in turn becomes a sketch
// (first its operands are holes, then its opcode, then a missing extension
// after it), and CEGIS fills the holes against the source block as the
// specification. A repaired block is proven by Z3 before it is returned.
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { parseSketch } from '../asm/holes.js';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printStatement } from '../asm/printer.js';
import { and, not, TRUE } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { UnsupportedInstruction } from '../ir/semantics.js';
import { checkSat } from '../smt/prove.js';
import type { BackendChoice } from '../smt/solver.js';
import type { BlockStatus, BlockTranslation } from '../translate/contract.js';
import { verifyBlock } from '../verify/block.js';
import { semanticsFor } from '../verify/semantics.js';
import { testEnv } from '../verify/block-testing.js';
import { backgroundByte, Rng } from '../verify/random.js';
import { DEFAULT_PROTOTYPE } from '../verify/testing.js';
import { blockQuestion, BlockQuestionError, PROBE, type BlockQuestion } from './block-question.js';
import { sketchSemantics, type EncodedSite } from './encode.js';
import { instantiate, patternMemory, type ConcreteInput } from './instantiate.js';
import { effects, firstFaultyStep, sliceSuspects, type FaultyStep } from './localise.js';
import { cegisLoop, type CheckAnswer, type LoopStats } from './loop.js';
import { canonicalToName, extensionSketch, isGpr, opcodeSketch, operandSketch, registerPool, singleOperandSketches } from './repair-sketches.js';
import { buildSpace, SketchError } from './space.js';

export interface RepairOptions {
  srcIsa: Isa;
  tgtIsa: Isa;
  /** The refuted translation: source and target instructions, entry mapping, and the exit mapping (exits[0]). */
  block: BlockTranslation;
  /** Values of source components (canonical names) on which the outputs differ; found with Z3 when absent. */
  counterexample?: { registers: Map<string, bigint>; memByte?: (addr: bigint) => number };
  /** Overall time limit (default 30 s). */
  timeoutMs?: number;
  seed?: number;
  backend?: BackendChoice;
  /** The translator's private memory areas (spill slots), as the block verifier is told. */
  privateAreas?: { symbol: string; bytes: number }[];
  /** Called after each sketch tried (for benchmarks and diagnosis). */
  onAttempt?: (a: { stage: RepairStage; index: number; ms: number; rounds: number; outcome: string }) => void;
}

export type RepairStage = 'operands' | 'opcode' | 'extension';

export interface RepairResult {
  status: 'repaired' | 'not repaired' | 'already correct' | 'refused';
  /** The repaired target block (status `repaired`). */
  target?: InstructionStatement[];
  /** Target instruction indices in the order they were tried: the faulty step's, then the slice's, nearest to the differing outputs first. */
  suspects: number[];
  /** The first source step after which the mapping broke on the counterexample (with the translator's `sourceSteps`). */
  step?: FaultyStep;
  stage?: RepairStage;
  /** Target instructions before and after the repair (an inserted one has no `before`). */
  changed?: { index: number; before?: string; after: string }[];
  /** The target's local labels when an inserted instruction moved them (status `repaired`). */
  localLabels?: { name: string; before: number }[];
  /** The label of the returned block: `proven` only from a Z3 unsat answer. */
  label?: BlockStatus;
  how: string;
  stats: { ms: number; attempts: number; rounds: number };
}

function garbage(seed: number, name: string, w: number): bigint {
  let h = BigInt(seed) * 7919n;
  for (const ch of name) h = (h * 131n + BigInt(ch.charCodeAt(0))) & ((1n << 64n) - 1n);
  const rng = new Rng(h);
  let x = rng.next64();
  if (w > 64) x = (x << 64n) | rng.next64();
  return x & ((1n << BigInt(w)) - 1n);
}

function inputFromModel(model: Map<string, bigint>, mem: { default: number; bytes: Map<bigint, number> } | undefined, seed: number): ConcreteInput {
  return {
    vars: model,
    fallback: (n, w) => garbage(seed, n, w),
    memByte: (a) => mem?.bytes.get(a) ?? mem?.default ?? backgroundByte(seed, a),
  };
}

/** A candidate may change the instruction count: the translator's per-source-instruction counts no longer apply. */
function withoutSteps(block: BlockTranslation): BlockTranslation {
  const { sourceSteps: _steps, ...rest } = block;
  return rest;
}

/** Suspects whose every repair stage is tried before the next group's. */
const SUSPECT_GROUP = 8;
/** Synthesis time of one sketch: a single wrong operand or opcode takes a few CEGIS rounds. */
const ATTEMPT_MS = 4000;
/** One hole (an opcode, one operand) needs less. */
const SMALL_ATTEMPT_MS = 2500;
/** Block verifier time for a tried alternative that passed every learned input. */
const PROOF_MS = 8000;
/** Inputs kept as tests across sketches: the first ones, then the newest counterexamples. */
const FIRST_INPUTS = 6;
/** Learned inputs a synthesis query starts from: the counterexample (twice), then the newest. */
const SYNTHESIS_TESTS = 8;
const MAX_LEARNED = 20;

/** Test runs tried for a counterexample before Z3 is asked (a long block's question can take Z3 many seconds). */
const TEST_RUNS = 48;
/** Failing inputs whose first broken step is looked for. */
const LOCALISING_INPUTS = 4;

/**
 * Inputs (at most `max`) on which the block visibly breaks a promise, from
 * the verifier's test inputs. A memory promise is compared at one address
 * (the probe): each address either side stored to is tried as the probe.
 */
function testedCounterexamples(q: BlockQuestion, seed: number, privateAreas: ReadonlyMap<string, number>, max: number): ConcreteInput[] {
  const out: ConcreteInput[] = [];
  for (let run = 0; run < TEST_RUNS && out.length < max; run++) {
    const env = testEnv(seed, run, privateAreas);
    const input: ConcreteInput = { vars: new Map(), fallback: (n, w) => env.variable(n, w), memByte: (a) => env.memByte('mem', a) };
    if (breaks(q.differs, input, `t${run}`)) {
      out.push(input);
      continue;
    }
    const addresses = new Set<bigint>();
    for (const o of q.outputs)
      for (const m of o.mems ? [o.mems.src, o.mems.tgt] : [])
        for (let x = m; x.op === 'store'; x = x.mem) {
          const a = instantiate(x.addr, input, `t${run}`);
          if (a.op === 'const') for (let b = 0n; b < BigInt(x.value.w / 8); b++) addresses.add(BigInt.asUintN(64, a.value + b));
        }
    for (const a of addresses) {
      const probed = { ...input, vars: new Map([[PROBE, a]]) };
      if (breaks(q.differs, probed, `t${run}`)) {
        out.push(probed);
        break;
      }
    }
  }
  return out;
}

/** A single hole line with at most this many alternatives is tried alternative by alternative. */
const MAX_ENUMERATED = 64;

/** Does the question say a promise is broken on this input (a constant 1)? */
function breaks(differs: BV, input: ConcreteInput, tag: string): boolean {
  const k = instantiate(differs, input, tag);
  return k.op === 'const' && k.value === 1n;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

export async function repairBlock(opts: RepairOptions): Promise<RepairResult> {
  const start = Date.now();
  const deadline = start + (opts.timeoutMs ?? 30_000);
  const seed = opts.seed ?? 1;
  const { srcIsa, tgtIsa, block } = opts;
  const srcSem = semanticsFor(srcIsa);
  const tgtSem = semanticsFor(tgtIsa);
  const stats = { ms: 0, attempts: 0, rounds: 0 };
  const finish = (r: Omit<RepairResult, 'stats'>): RepairResult => ({ ...r, stats: { ...stats, ms: Date.now() - start } });
  const target = block.target;
  const privateAreas = new Map((opts.privateAreas ?? []).map((a) => [a.symbol, a.bytes] as const));
  /** The block with another target: an inserted instruction moves the local labels after it and voids the step counts. */
  const blockFor = (insertedAt?: number): BlockTranslation => {
    // A replaced instruction keeps the step counts, and the verifier its cut
    // points (a long block with a division is proven in time only with them).
    if (insertedAt === undefined) return block;
    const b = withoutSteps(block);
    if (!b.localLabels) return b;
    return { ...b, localLabels: b.localLabels.map((l) => (l.before > insertedAt || (l.before === insertedAt && insertedAt > 0) ? { ...l, before: l.before + 1 } : l)) };
  };

  let q;
  try {
    q = blockQuestion(srcIsa, tgtIsa, block, target, srcSem, tgtSem, privateAreas);
  } catch (e) {
    if (e instanceof BlockQuestionError || e instanceof UnsupportedInstruction) return finish({ status: 'refused', suspects: [], how: e.message });
    throw e;
  }
  // The counterexample: given, or asked of Z3.
  let input: ConcreteInput;
  let found: ConcreteInput | undefined;
  const failing = testedCounterexamples(q, seed, privateAreas, LOCALISING_INPUTS);
  if (opts.counterexample) {
    const vars = new Map<string, bigint>();
    for (const [k, val] of opts.counterexample.registers) vars.set(`s.${k}`, val);
    const memByte = opts.counterexample.memByte ?? ((a: bigint) => backgroundByte(seed, a));
    input = { vars, fallback: (n, w) => garbage(seed, n, w), memByte };
  } else if ((found = failing[0])) {
    input = found;
  } else {
    const r = await checkSat(q.differs, { timeoutMs: Math.max(1, deadline - Date.now()), ...(opts.backend ? { backend: opts.backend } : {}) });
    if (r.status === 'unsat') return finish({ status: 'already correct', suspects: [], label: { status: 'proven' }, how: 'the target block is proven to keep the exit mapping (Z3: unsat)' });
    if (r.status !== 'sat') return finish({ status: 'not repaired', suspects: [], how: `no counterexample: ${r.status}` });
    input = inputFromModel(r.model, r.memModel.get('mem'), seed);
  }
  const differsNow = (x: BV) => {
    const k = instantiate(x, input, 'cex');
    return k.op === 'const' && k.value === 1n;
  };
  const registers = new Set<string>();
  let memory = false;
  let branch = false;
  for (const o of q.outputs) {
    if (!differsNow(o.broken)) continue;
    if (o.about.kind === 'reg') registers.add(o.about.name);
    else if (o.about.kind === 'memory') memory = true;
    else branch = true;
  }
  // A solver model that leaves the culprit's inputs out may show no single
  // output broken on its own: then every output is a place to start from.
  if (!registers.size && !memory && !branch)
    for (const o of q.outputs) {
      if (o.about.kind === 'reg') registers.add(o.about.name);
      else if (o.about.kind === 'memory') memory = true;
      else branch = true;
    }
  const differing = { registers, memory, branch };
  // Registers the block may read on entry: the mapped ones, and zero, ra, sp, gp, tp.
  const inputs = new Set<string>(tgtIsa === 'riscv64' ? ['x0', 'x1', 'x2', 'x3', 'x4'] : ['sp', 'xzr', 'x30']);
  for (const f of block.entry.facts) if (f.to.kind === 'reg') inputs.add(f.to.name);
  for (const t of block.entry.targetOnly ?? []) if (t.place.kind === 'reg') inputs.add(t.place.name);
  const sliced = sliceSuspects(tgtIsa, target, differing, inputs);
  // The translator's cut points name the step that broke the mapping first:
  // its instructions go first (in slice order; a short step's others too),
  // then the rest of the slice. A long step (a vector instruction lowered to
  // a hundred scalar ones) is left to the slice's order.
  // Each failing input names a step; a fault shows first at its own step, so the earliest is taken.
  let step: FaultyStep | undefined;
  for (const i of [input, ...failing.slice(1)]) {
    const s = firstFaultyStep(srcIsa, tgtIsa, block, target, i, privateAreas);
    if (s && (!step || s.step < step.step)) step = s;
  }
  const inStep = (i: number) => step !== undefined && i >= step.start && i < step.end;
  const shortStep = step !== undefined && step.end - step.start <= SUSPECT_GROUP;
  const stepFirst = step ? [...sliced.filter(inStep), ...(shortStep ? range(step.start, step.end).reverse() : [])] : [];
  const suspects = [...new Set([...stepFirst, ...sliced])];
  const pool = registerPool(tgtIsa, block, target);
  const widePool = registerPool(tgtIsa, block, target, 32);
  const texts = target.map((ins) => printStatement(ins, dialectFor(tgtIsa)).trim());

  // Attempts, cheapest first, for each group of the nearest suspects (the
  // faulty step's instructions come first): the opcode (a choice among a
  // few), each operand alone (a wrong register or immediate is one operand);
  // then, in a second pass, an extension after it and all its operands at
  // once (registers only, then with immediates; slower). Groups keep a far
  // suspect's sketches from delaying a near suspect's.
  const attempts: { stage: RepairStage; index: number; lines: string[]; inserted: boolean; small?: boolean }[] = [];
  const replaced = (i: number, s: string) => texts.map((t, k) => (k === i ? s : t));
  const groups: number[][] = [];
  for (let g = 0; g < suspects.length; g += SUSPECT_GROUP) groups.push(suspects.slice(g, g + SUSPECT_GROUP));
  // One-hole sketches (~0.1 s each) for every suspect before any sketch of
  // several holes (seconds each): a single fault needs only one hole.
  const passes = [['opcode', 'operand'], ['extension', 'operands']] as const;
  for (const pass of passes)
  for (const group of groups)
  for (const stage of pass)
    for (const i of group) {
      const ins = target[i]!;
      if (stage === 'operands') {
        for (const imm of [false, true]) {
          const s = operandSketch(tgtIsa, ins, pool, imm);
          if (s) attempts.push({ stage, index: i, lines: replaced(i, s), inserted: false });
        }
      } else if (stage === 'operand') {
        for (const s of singleOperandSketches(tgtIsa, ins, widePool)) attempts.push({ stage: 'operands', index: i, lines: replaced(i, s), inserted: false, small: true });
      } else if (stage === 'opcode') {
        const s = opcodeSketch(tgtIsa, ins);
        if (s) attempts.push({ stage, index: i, lines: replaced(i, s), inserted: false, small: true });
      } else {
        const e = effects(tgtIsa, ins);
        const rd = e && [...e.defs].find((d) => isGpr(tgtIsa, canonicalToName(tgtIsa, d)) && (registers.has(d) || (shortStep && inStep(i))));
        const s = rd && extensionSketch(tgtIsa, canonicalToName(tgtIsa, rd));
        if (s) attempts.push({ stage, index: i + 1, lines: [...texts.slice(0, i + 1), s, ...texts.slice(i + 1)], inserted: true });
      }
    }
  // Last, a missing extension anywhere near a suspect, between any two registers.
  if (tgtIsa === 'riscv64') {
    const any = `{${pool.join('|')}}`;
    const s = extensionSketch(tgtIsa, any, any)!;
    for (const i of suspects)
      for (const at of [i, i + 1]) attempts.push({ stage: 'extension', index: at, lines: [...texts.slice(0, at), s, ...texts.slice(at)], inserted: true });
  }

  // The counterexample (also over a patterned memory), random inputs over
  // patterned memories, and each counterexample CEGIS finds later.
  const learned: { input: ConcreteInput; tag: string }[] = [];
  const learn = (i: ConcreteInput, tag: string) => {
    learned.push({ input: i, tag });
    if (learned.length > MAX_LEARNED) learned.splice(FIRST_INPUTS, 1);
  };
  learn(input, 'cex');
  learn({ ...input, ...patternMemory(seed) }, 'cex.p');
  for (let k = 0; k < 4; k++) learn({ vars: new Map(), fallback: (n, w) => garbage(seed * 31 + k, n, w), ...patternMemory(seed + k + 1) }, `r${k}`);
  const tried = new Set<string>();
  for (const a of attempts) {
    if (Date.now() >= deadline) break;
    // An instruction without immediates gives the same sketch twice.
    const key = a.lines.join('\n');
    if (tried.has(key)) continue;
    tried.add(key);
    stats.attempts++;
    const attemptStart = Date.now();
    const sketch = parseSketch(a.lines.join('\n') + '\n', '<repair>', tgtIsa);
    if (sketch.diagnostics.length || sketch.sites.length === 0) continue;
    const statements = sketch.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
    let space;
    try {
      space = buildSpace(sketch, statements, DEFAULT_PROTOTYPE, tgtSem);
    } catch (e) {
      if (e instanceof SketchError) continue;
      throw e;
    }
    const attemptBlock = blockFor(a.inserted ? a.index : undefined);
    const attemptDeadline = Math.min(deadline, Date.now() + (a.small ? SMALL_ATTEMPT_MS : ATTEMPT_MS));
    const loopStats: LoopStats = { iterations: 0, tests: 0, synthesisMs: 0, verificationMs: 0, totalMs: 0 };
    /** The candidate block for the chosen text of each hole line, with its question (undefined: not a block we can ask about). */
    const candidate = (chosen: string[]) => {
      const siteAt = new Map(space.map((s, k) => [s.site.statement, chosen[k]!]));
      const lines = statements.map((st) => siteAt.get(st) ?? printStatement(st, dialectFor(tgtIsa)).trim());
      const parsed = parseAsm(lines.join('\n') + '\n', '<repair>', tgtIsa);
      if (parsed.diagnostics.length) return undefined;
      const cand = parsed.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
      try {
        return { cand, q: blockQuestion(srcIsa, tgtIsa, attemptBlock, cand, srcSem, tgtSem, privateAreas) };
      } catch (e) {
        if (e instanceof BlockQuestionError || e instanceof UnsupportedInstruction) return undefined;
        throw e;
      }
    };
    let repaired: InstructionStatement[] | undefined;
    let provenBy = '';
    /** Z3 on the whole question, then the block verifier; a refutation becomes a learned input (and a test over the holes when `sq` is given). */
    const verify = (cand: InstructionStatement[], ms: number) =>
      verifyBlock({
        srcIsa, tgtIsa, block: { ...attemptBlock, target: cand }, privateAreas: opts.privateAreas ?? [],
        runs: 20, seed, timeoutMs: Math.max(1000, Math.min(ms, deadline - Date.now())),
      }, opts.backend ? { backend: opts.backend } : {});
    const check = async (chosen: string[], sq?: BlockQuestion): Promise<CheckAnswer> => {
      const c = candidate(chosen);
      if (!c) return { kind: 'reject' };
      if (!sq) {
        // A tried alternative that passed every learned input goes straight
        // to the block verifier: its tests refute a wrong one at once, and
        // its cut points prove a long block (with a division) that the
        // whole question leaves Z3 stuck on.
        const verdict = await verify(c.cand, PROOF_MS);
        if (verdict.status === 'refuted') return { kind: 'reject' };
        if (verdict.status !== 'proven') return { kind: 'unknown', reason: verdict.status === 'tested' ? verdict.why : verdict.reason };
        repaired = c.cand;
        provenBy = 'the block verifier';
        return { kind: 'accept', how: 'proven by the block verifier' };
      }
      const r = await checkSat(c.q.differs, { timeoutMs: Math.max(1, attemptDeadline - Date.now()), ...(opts.backend ? { backend: opts.backend } : {}) });
      if (r.status === 'unsat') {
        // The block verifier has the last word: it knows the whole contract
        // (layout assumptions, calls, private areas) the question may simplify.
        const verdict = await verify(c.cand, 10_000);
        if (verdict.status !== 'proven') return { kind: 'reject' };
        repaired = c.cand;
        provenBy = 'Z3 and the block verifier';
        return { kind: 'accept', how: 'proven by Z3 and the block verifier' };
      }
      if (r.status === 'sat') {
        const m = inputFromModel(r.model, r.memModel.get('mem'), seed);
        const patterned = { ...m, ...patternMemory(learned.length) };
        const tag = `c${learned.length}`;
        learn(m, tag);
        learn(patterned, `${tag}.p`);
        return { kind: 'counterexample', test: sq ? and(not(instantiate(sq.differs, m, tag)), not(instantiate(sq.differs, patterned, `${tag}.p`))) : TRUE };
      }
      // Z3 could not decide the whole question in time: the block verifier,
      // with its cut points, may still prove the candidate.
      const verdict = await verify(c.cand, PROOF_MS);
      if (verdict.status === 'proven') {
        repaired = c.cand;
        provenBy = 'the block verifier';
        return { kind: 'accept', how: 'proven by the block verifier' };
      }
      if (verdict.status === 'refuted') return { kind: 'reject' };
      return { kind: 'unknown', reason: r.status };
    };
    let outcome: { status: string };
    const only = space.length === 1 ? space[0]! : undefined;
    if (only && only.variants.length <= MAX_ENUMERATED && only.variants.every((v) => v.holes.length === 0)) {
      // A single line of a few alternatives (an opcode, one register): each
      // candidate runs on the learned inputs, and only one that passes them
      // all reaches Z3. Where a hole decides an address (sp, a base
      // register), the symbolic synthesis query is large and this is not.
      outcome = { status: 'no completion exists' };
      for (const v of only.variants) {
        if (Date.now() >= attemptDeadline) {
          outcome = { status: 'timeout' };
          break;
        }
        loopStats.iterations++;
        const text = printStatement(v.ins, dialectFor(tgtIsa)).trim();
        const c = candidate([text]);
        if (!c || learned.some((l) => breaks(c.q.differs, l.input, l.tag))) continue;
        const answer = await check([text]);
        if (answer.kind === 'accept') {
          outcome = { status: 'completed' };
          break;
        }
        if (answer.kind === 'unknown') outcome = { status: 'timeout' };
      }
    } else {
      const sites = new Map<InstructionStatement, EncodedSite>(space.map((s) => [s.site.statement, s.encoded]));
      let sq: BlockQuestion;
      try {
        sq = blockQuestion(srcIsa, tgtIsa, attemptBlock, statements, srcSem, sketchSemantics(tgtSem, sites), privateAreas);
      } catch (e) {
        if (e instanceof BlockQuestionError || e instanceof UnsupportedInstruction) continue;
        throw e;
      }
      // Every input learned so far, by this sketch or an earlier one, is a test:
      // a counterexample to one candidate usually refutes its neighbours too.
      // (At most a few: on a long block whose addresses a hole decides, each is a large formula.)
      const tests = [...learned.slice(0, 2), ...learned.slice(2).slice(-(SYNTHESIS_TESTS - 2))].map((l) => not(instantiate(sq.differs, l.input, l.tag)));
      outcome = await cegisLoop({
        isa: tgtIsa,
        space,
        tests,
        deadline: attemptDeadline,
        stats: loopStats,
        ...(opts.backend ? { backend: opts.backend } : {}),
        check: (chosen) => check(chosen, sq),
        whyEmpty: () => 'no completion',
      });
    }
    stats.rounds += loopStats.iterations;
    opts.onAttempt?.({ stage: a.stage, index: a.index, ms: Date.now() - attemptStart, rounds: loopStats.iterations, outcome: outcome.status });
    if (outcome.status === 'completed' && repaired) {
      const after = repaired.map((ins) => printStatement(ins, dialectFor(tgtIsa)).trim());
      const changed = a.inserted
        ? [{ index: a.index, after: after[a.index]! }]
        : after.flatMap((t, k) => (t !== texts[k] ? [{ index: k, before: texts[k]!, after: t }] : []));
      for (let k = 0; k < repaired.length; k++) repaired[k]!.span = target[Math.min(k, target.length - 1)]!.span;
      return finish({
        status: 'repaired',
        target: repaired,
        suspects,
        ...(step ? { step } : {}),
        stage: a.stage,
        changed,
        ...(attemptBlock.localLabels ? { localLabels: attemptBlock.localLabels } : {}),
        label: { status: 'proven' },
        how: `${a.stage} of target instruction ${a.index + 1} ${a.inserted ? '(inserted)' : ''}: proven equivalent to the source block by ${provenBy}`.replace(' :', ':'),
      });
    }
  }
  return finish({ status: 'not repaired', suspects, ...(step ? { step } : {}), how: `no single-instruction repair of the ${suspects.length} suspects within the time limit (${stats.attempts} sketches tried)` });
}
