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
import { and, not } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { execute } from '../ir/symexec.js';
import { UnsupportedInstruction } from '../ir/semantics.js';
import { RISCV_ABI_NAME, RISCV_REGISTER_NUMBERS } from '../isa/riscv64/registers.js';
import { checkSat } from '../smt/prove.js';
import type { BackendChoice } from '../smt/solver.js';
import type { BlockStatus, BlockTranslation } from '../translate/contract.js';
import { verifyBlock } from '../verify/block.js';
import { semanticsFor } from '../verify/semantics.js';
import { backgroundByte, Rng } from '../verify/random.js';
import { DEFAULT_PROTOTYPE } from '../verify/testing.js';
import { blockQuestion, BlockQuestionError } from './block-question.js';
import { sketchSemantics, type EncodedSite } from './encode.js';
import { instantiate, patternMemory, type ConcreteInput } from './instantiate.js';
import { cegisLoop, type CheckAnswer, type LoopStats } from './loop.js';
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
  /** Target instruction indices the slice names, nearest to the differing outputs first. */
  suspects: number[];
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

const GROUPS: Record<'riscv64' | 'aarch64', string[][]> = {
  riscv64: [
    ['add', 'sub', 'xor', 'or', 'and', 'sll', 'srl', 'sra', 'slt', 'sltu', 'addw', 'subw', 'sllw', 'srlw', 'sraw'],
    ['addi', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai', 'slti', 'sltiu', 'addiw', 'slliw', 'srliw', 'sraiw'],
    ['mul', 'mulh', 'mulhu', 'mulhsu', 'mulw'],
    ['div', 'divu', 'rem', 'remu', 'divw', 'divuw', 'remw', 'remuw'],
    ['lb', 'lbu', 'lh', 'lhu', 'lw', 'lwu', 'ld'],
    ['sb', 'sh', 'sw', 'sd'],
    ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'bgt', 'ble', 'bgtu', 'bleu'],
    ['beqz', 'bnez', 'blez', 'bgez', 'bltz', 'bgtz'],
    ['mv', 'sext.w', 'zext.w', 'zext.b', 'zext.h', 'sext.b', 'sext.h', 'neg', 'negw', 'not', 'seqz', 'snez', 'sltz', 'sgtz'],
  ],
  aarch64: [
    ['add', 'sub', 'adds', 'subs', 'and', 'orr', 'eor', 'bic', 'orn', 'eon', 'ands'],
    ['lsl', 'lsr', 'asr', 'ror'],
    ['mul', 'mneg', 'smulh', 'umulh', 'udiv', 'sdiv'],
    ['madd', 'msub'],
    ['ldr', 'ldrb', 'ldrh', 'ldrsb', 'ldrsh', 'ldrsw', 'ldur'],
    ['str', 'strb', 'strh', 'stur'],
    ['sxtw', 'sxtb', 'sxth', 'uxtb', 'uxth', 'mov', 'neg', 'mvn'],
    ['csel', 'csinc', 'csinv', 'csneg'],
    ['cmp', 'cmn', 'tst'],
  ],
};

/** Does the instruction write (or read) which components, store to memory, branch? From its own semantics. */
function effects(isa: Isa, ins: InstructionStatement): { defs: Set<string>; uses: Set<string>; stores: boolean; branches: boolean } | undefined {
  try {
    const r = execute([ins], { isa, semantics: semanticsFor(isa), onCall: () => undefined });
    return { defs: new Set(r.written.keys()), uses: r.liveIn, stores: r.mem.op === 'store', branches: r.exit.kind === 'branch' };
  } catch (e) {
    if (e instanceof UnsupportedInstruction) return undefined;
    throw e;
  }
}

/** Backward slice from the differing outputs: the target instructions that can affect them, nearest first. */
export function sliceSuspects(
  isa: Isa,
  target: readonly InstructionStatement[],
  differing: { registers: Set<string>; memory: boolean; branch: boolean },
): number[] {
  const needed = new Set(differing.registers);
  const memory = differing.memory;
  const suspects: number[] = [];
  for (let i = target.length - 1; i >= 0; i--) {
    const e = effects(isa, target[i]!);
    if (!e) {
      suspects.push(i);
      continue;
    }
    const hit = [...e.defs].some((d) => needed.has(d)) || (memory && e.stores) || (differing.branch && e.branches);
    if (!hit) continue;
    suspects.push(i);
    for (const d of e.defs) needed.delete(d);
    for (const u of e.uses) needed.add(u);
  }
  // An output nothing in the block writes may be one a wrong destination
  // register lost: then every other instruction that writes a register is a
  // suspect too, after the ones the slice found.
  if (needed.size)
    for (let i = target.length - 1; i >= 0; i--) {
      if (suspects.includes(i)) continue;
      const e = effects(isa, target[i]!);
      if (!e || e.defs.size) suspects.push(i);
    }
  return suspects;
}

function isGpr(isa: Isa, name: string): boolean {
  if (isa === 'riscv64') {
    const n = RISCV_REGISTER_NUMBERS.get(name);
    return n !== undefined && n < 32;
  }
  return /^[xw]([0-9]|[12][0-9]|30)$/.test(name) || name === 'xzr' || name === 'wzr';
}

/** The general registers a register hole may be: those the block uses and the mapped ones. */
function registerPool(isa: Isa, block: BlockTranslation, target: readonly InstructionStatement[]): string[] {
  const pool = new Set<string>();
  const add = (name: string) => {
    if (isa === 'riscv64') {
      const n = RISCV_REGISTER_NUMBERS.get(name) ?? (/^x\d+$/.test(name) ? Number(name.slice(1)) : undefined);
      if (n !== undefined && n < 32) pool.add(RISCV_ABI_NAME(n));
    } else if (/^[xw]([0-9]|[12][0-9]|30)$/.test(name)) pool.add(`x${name.slice(1)}`);
  };
  for (const ins of target) for (const op of ins.operands) if (op.kind === 'reg' && isGpr(isa, op.name)) add(op.name);
  for (const f of [...block.entry.facts, ...(block.exits[0]?.mapping.facts ?? [])]) if (f.to.kind === 'reg') add(f.to.name);
  return [...pool].slice(0, 10);
}

/** The instruction as text, its operands made holes: registers become alternatives over the pool, immediates `??`. */
function operandSketch(isa: Isa, ins: InstructionStatement, pool: string[], withImmediates: boolean): string | undefined {
  const d = dialectFor(isa);
  const reg = (name: string) => {
    if (!isGpr(isa, name)) return name;
    if (isa === 'aarch64') return `{${pool.map((p) => (name.startsWith('w') ? `w${p.slice(1)}` : p)).join('|')}}`;
    return `{${pool.join('|')}}`;
  };
  let holes = 0;
  const ops = ins.operands.map((op) => {
    switch (op.kind) {
      case 'reg':
        if (!isGpr(isa, op.name)) return d.printOperand(op);
        holes++;
        return reg(op.name);
      case 'imm':
        if (!withImmediates || op.prefix === '=') return d.printOperand(op);
        holes++;
        return `${op.prefix}??`;
      case 'rvmem':
        holes++;
        return `${withImmediates ? '??' : op.offset ? d.printOperand({ ...op, base: 'zero' }).replace('(zero)', '') : ''}(${reg(op.base)})`;
      case 'a64mem': {
        if (op.writeback || op.extend || (op.offset && op.offset.kind !== 'imm')) return d.printOperand(op);
        holes++;
        const off = op.offset ? (withImmediates ? ', #??' : `, ${d.printOperand(op.offset)}`) : '';
        return `[${reg(op.base)}${off}]`;
      }
      default:
        return d.printOperand(op);
    }
  });
  if (holes === 0) return undefined;
  return `${ins.mnemonic} ${ops.join(d.operandSeparator)}`;
}

function opcodeSketch(isa: Isa, ins: InstructionStatement): string | undefined {
  if (isa !== 'riscv64' && isa !== 'aarch64') return undefined;
  const text = printStatement(ins, dialectFor(isa)).trim();
  const rest = text.slice(ins.mnemonic.length);
  const options = [...new Set(GROUPS[isa].filter((g) => g.includes(ins.mnemonic)).flat())].filter((m) => {
    const r = parseAsm(`${m}${rest}`, '<repair>', isa);
    return r.diagnostics.length === 0 && r.file.statements.length === 1;
  });
  return options.length > 1 ? `{${options.join('|')}}${rest}` : undefined;
}

/** An extension hole writing general register `rd` from `rs` (each a register or alternatives). */
function extensionSketch(isa: Isa, rd: string, rs = rd): string | undefined {
  if (isa === 'riscv64') return `{sext.w|zext.w|zext.b|zext.h|sext.b|sext.h|mv} ${rd},${rs}`;
  if (isa === 'aarch64' && rd.startsWith('x')) {
    const w = `w${rd.slice(1)}`;
    return `{mov ${rd}, ${rd}|sxtw ${rd}, ${w}|mov ${w}, ${w}|uxtb ${w}, ${w}|uxth ${w}, ${w}|sxtb ${rd}, ${w}|sxth ${rd}, ${w}}`;
  }
  return undefined;
}

function canonicalToName(isa: Isa, canonical: string): string {
  return isa === 'riscv64' && /^x\d+$/.test(canonical) ? RISCV_ABI_NAME(Number(canonical.slice(1))) : canonical;
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
  /** The block with another target: local labels after an inserted instruction move down by one. */
  const blockFor = (insertedAt?: number): BlockTranslation => {
    const b = withoutSteps(block);
    if (insertedAt === undefined || !b.localLabels) return b;
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
  if (opts.counterexample) {
    const vars = new Map<string, bigint>();
    for (const [k, val] of opts.counterexample.registers) vars.set(`s.${k}`, val);
    const memByte = opts.counterexample.memByte ?? ((a: bigint) => backgroundByte(seed, a));
    input = { vars, fallback: (n, w) => garbage(seed, n, w), memByte };
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
  const differing = { registers, memory, branch };
  if (!registers.size && !differing.memory && !differing.branch)
    return finish({ status: 'not repaired', suspects: [], how: 'the counterexample shows no differing output (wrong counterexample?)' });
  const suspects = sliceSuspects(tgtIsa, target, differing);
  const pool = registerPool(tgtIsa, block, target);
  const texts = target.map((ins) => printStatement(ins, dialectFor(tgtIsa)).trim());

  // Attempts, cheapest first within each group of the nearest suspects: the
  // opcode (a choice among a few, ~0.1 s on corpus blocks), an extension
  // after it, then its operands (registers only, then with immediates;
  // ~1-2 s each). Groups keep a far suspect's operands from delaying a near
  // suspect's opcode (real blocks slice to dozens of suspects).
  const attempts: { stage: RepairStage; index: number; lines: string[]; inserted: boolean }[] = [];
  for (let g = 0; g < suspects.length; g += SUSPECT_GROUP)
  for (const stage of ['opcode', 'extension', 'operands'] as RepairStage[])
    for (const i of suspects.slice(g, g + SUSPECT_GROUP)) {
      const ins = target[i]!;
      if (stage === 'operands') {
        for (const imm of [false, true]) {
          const s = operandSketch(tgtIsa, ins, pool, imm);
          if (s) attempts.push({ stage, index: i, lines: texts.map((t, k) => (k === i ? s : t)), inserted: false });
        }
      } else if (stage === 'opcode') {
        const s = opcodeSketch(tgtIsa, ins);
        if (s) attempts.push({ stage, index: i, lines: texts.map((t, k) => (k === i ? s : t)), inserted: false });
      } else {
        const e = effects(tgtIsa, ins);
        const rd = e && [...e.defs].find((d) => isGpr(tgtIsa, canonicalToName(tgtIsa, d)) && registers.has(d));
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
    const sites = new Map<InstructionStatement, EncodedSite>(space.map((s) => [s.site.statement, s.encoded]));
    const attemptBlock = blockFor(a.inserted ? a.index : undefined);
    let sq;
    try {
      sq = blockQuestion(srcIsa, tgtIsa, attemptBlock, statements, srcSem, sketchSemantics(tgtSem, sites), privateAreas);
    } catch (e) {
      if (e instanceof BlockQuestionError || e instanceof UnsupportedInstruction) continue;
      throw e;
    }
    const tests = [not(instantiate(sq.differs, input, 'cex'))];
    // The counterexample again over a patterned memory, then random inputs over patterned memories.
    tests.push(not(instantiate(sq.differs, { ...input, ...patternMemory(seed) }, 'cex.p')));
    for (let k = 0; k < 4; k++) tests.push(not(instantiate(sq.differs, { vars: new Map(), fallback: (n, w) => garbage(seed * 31 + k, n, w), ...patternMemory(seed + k + 1) }, `r${k}`)));
    const loopStats: LoopStats = { iterations: 0, tests: 0, synthesisMs: 0, verificationMs: 0, totalMs: 0 };
    let repaired: InstructionStatement[] | undefined;
    const check = async (chosen: string[]): Promise<CheckAnswer> => {
      const siteAt = new Map(space.map((s, k) => [s.site.statement, chosen[k]!]));
      const lines = statements.map((st) => siteAt.get(st) ?? printStatement(st, dialectFor(tgtIsa)).trim());
      const parsed = parseAsm(lines.join('\n') + '\n', '<repair>', tgtIsa);
      if (parsed.diagnostics.length) return { kind: 'reject' };
      const cand = parsed.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
      let cq;
      try {
        cq = blockQuestion(srcIsa, tgtIsa, attemptBlock, cand, srcSem, tgtSem, privateAreas);
      } catch (e) {
        if (e instanceof BlockQuestionError || e instanceof UnsupportedInstruction) return { kind: 'reject' };
        throw e;
      }
      const r = await checkSat(cq.differs, { timeoutMs: Math.max(1, deadline - Date.now()), ...(opts.backend ? { backend: opts.backend } : {}) });
      if (r.status === 'unsat') {
        // The block verifier has the last word: it knows the whole contract
        // (layout assumptions, calls, private areas) the question may simplify.
        const verdict = await verifyBlock({
          srcIsa, tgtIsa, block: { ...attemptBlock, target: cand }, privateAreas: opts.privateAreas ?? [],
          runs: 20, seed, timeoutMs: Math.max(1000, Math.min(10_000, deadline - Date.now())),
        }, opts.backend ? { backend: opts.backend } : {});
        if (verdict.status !== 'proven') return { kind: 'reject' };
        repaired = cand;
        return { kind: 'accept', how: 'proven by Z3 and the block verifier' };
      }
      if (r.status === 'sat') {
        const m = inputFromModel(r.model, r.memModel.get('mem'), seed);
        const tag = `c${loopStats.iterations}`;
        return { kind: 'counterexample', test: and(not(instantiate(sq.differs, m, tag)), not(instantiate(sq.differs, { ...m, ...patternMemory(loopStats.iterations) }, `${tag}.p`))) };
      }
      return { kind: 'unknown', reason: r.status };
    };
    const outcome = await cegisLoop({
      isa: tgtIsa,
      space,
      tests,
      deadline: Math.min(deadline, Date.now() + ATTEMPT_MS),
      stats: loopStats,
      ...(opts.backend ? { backend: opts.backend } : {}),
      check,
      whyEmpty: () => 'no completion',
    });
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
        stage: a.stage,
        changed,
        ...(attemptBlock.localLabels ? { localLabels: attemptBlock.localLabels } : {}),
        label: { status: 'proven' },
        how: `${a.stage} of target instruction ${a.index + 1} ${a.inserted ? '(inserted)' : ''}: proven equivalent to the source block by Z3`.replace(' :', ':'),
      });
    }
  }
  return finish({ status: 'not repaired', suspects, how: `no single-instruction repair of the ${suspects.length} suspects within the time limit (${stats.attempts} sketches tried)` });
}
