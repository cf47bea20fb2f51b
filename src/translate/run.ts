// The translate command's pipeline: guess (rules, or replayed candidates),
// parse each block's target text back into statements, verify every block
// through the block verifier, and emit the output with marks on blocks that
// are not proven.
import fs from 'node:fs';
import type { InstructionStatement } from '../asm/ast.js';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printStatement } from '../asm/printer.js';
import { repairBlock } from '../sketch/repair.js';
import type { Prototype } from '../cfront/ctypes.js';
import type { AsmProgram } from '../program/model.js';
import type { BlockStatus } from './contract.js';
import type { FunctionResult, TranslatedBlock } from './function.js';
import { formatLocation } from './location.js';
import { translateProgram } from './program.js';
import { PRIVATE_AREA } from './regmap.js';
import { verifyBlock } from '../verify/block.js';
import type { FunctionLift } from '../verify/block-lift.js';
import { liftFunctions } from './function-status.js';

export type ReportedStatus = BlockStatus | { status: 'unverified'; why: string };

export interface BlockRun {
  block: TranslatedBlock;
  label: string;
  location: string;
  status: ReportedStatus;
  ms: number;
  /** Set when the guess was refuted and CEGIS repaired it: the refutation and what changed. */
  repaired?: { counterexample: string; changed: { index: number; before?: string; after: string }[] };
}

export interface FunctionRun {
  result: FunctionResult;
  blocks: BlockRun[];
  /** The function status lifted from its block results (translate/function-status.ts); absent without verification. */
  lift?: FunctionLift;
}

export interface TranslateRun {
  functions: FunctionRun[];
  assembly: string;
  allowUnverified: boolean;
  verificationSkipped: boolean;
}

export interface RunOptions {
  prototypes: Map<string, Prototype>;
  guesser: 'rules' | 'replay';
  replayFile?: string;
  noProof: boolean;
  runs: number;
  seed: number;
  timeoutMs: number;
  jobs: number;
  allowUnverified: boolean;
  /** Skip verification entirely (e2e runs of the translator alone). */
  skipVerify?: boolean;
  /** Time limit for repairing one refuted block by sketch completion; 0 turns repair off. */
  repairMs?: number;
  progress?: ((done: number, total: number) => void) | undefined;
}

/** Target text of a block back to statements; a line the RISC-V parser rejects is an internal error. */
export function parseTargetLines(lines: string[], where: string): InstructionStatement[] {
  const parsed = parseAsm(lines.join('\n') + '\n', where, 'riscv64');
  const bad = parsed.diagnostics.find((d) => d.severity === 'error');
  if (bad) throw new Error(`internal: the translator emitted RISC-V the parser rejects (${where}): ${bad.message}`);
  return parsed.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
}

/**
 * Replay file: JSON `{ "functions": { "<name>": { "<block label or #id>": ["addi a0, a0, 1", ...] } } }`.
 * A replayed block replaces the rules' target for that block and keeps the
 * rules' state mappings, which the candidate must honour.
 */
function applyReplay(results: FunctionResult[], file: string): void {
  let data: { functions?: Record<string, Record<string, string[]>> };
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ReplayError(`${file}: cannot read replay file: ${(e as Error).message}`);
  }
  for (const r of results) {
    if (r.kind !== 'translated') continue;
    const blocks = data.functions?.[r.name];
    if (!blocks) continue;
    for (const b of r.blocks) {
      const key = [`#${b.translation.blockId}`, ...b.translation.labels].find((k) => blocks[k]);
      if (!key) continue;
      const lines = blocks[key]!;
      if (!Array.isArray(lines) || lines.some((l) => typeof l !== 'string')) throw new ReplayError(`${file}: ${r.name} ${key}: expected an array of lines`);
      b.lines = lines.map((l) => l.trim());
      b.translation.rules = ['replay'];
      delete b.translation.sourceSteps;
      delete b.translation.localLabels; // the rules' local labels belong to the rules' target, not to the replayed lines
    }
  }
}

export class ReplayError extends Error {}

/**
 * A refuted guess becomes a sketch: the counterexample's differing outputs,
 * sliced backwards, name suspect instructions whose operands or opcodes turn
 * into holes, and CEGIS fills them (src/sketch/repair.ts). The repaired block
 * replaces the guess only when the block verifier proves it again, here, on
 * its own; otherwise the refutation stands.
 */
async function repairRefuted(
  block: TranslatedBlock,
  counterexample: string,
  privateBytes: number,
  program: AsmProgram,
  options: RunOptions,
  verifier: typeof verifyBlock,
): Promise<{ status: BlockStatus; repaired: NonNullable<BlockRun['repaired']> } | undefined> {
  const privateAreas = [{ symbol: PRIVATE_AREA, bytes: privateBytes }];
  const r = await repairBlock({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: block.translation, timeoutMs: options.repairMs!, seed: options.seed, privateAreas });
  if (r.status !== 'repaired' || !r.target) return undefined;
  const candidate = { ...block.translation, target: r.target, ...(r.localLabels ? { localLabels: r.localLabels } : {}) };
  // An inserted or deleted instruction shifts the per-source-instruction boundaries; a replaced one
  // keeps them, and the verifier needs them as cut points for long blocks (divisions).
  if (r.target.length !== block.translation.target.length) delete candidate.sourceSteps;
  const again = await verifier({ srcIsa: 'aarch64', tgtIsa: 'riscv64', block: candidate, privateAreas, sourceProgram: program, runs: options.runs, seed: options.seed, timeoutMs: options.timeoutMs });
  if (again.status !== 'proven') return undefined;
  block.translation = candidate;
  block.lines = targetLines(candidate.target, candidate.localLabels ?? []);
  return { status: again, repaired: { counterexample, changed: r.changed ?? [] } };
}

/** Labels inside a block's target lines (`name:`), each before the instruction that follows it. */
function localLabelsOf(lines: string[]): { name: string; before: number }[] {
  const out: { name: string; before: number }[] = [];
  let at = 0;
  for (const l of lines) {
    if (l.endsWith(':')) out.push({ name: l.slice(0, -1).trim(), before: at });
    else at++;
  }
  return out;
}

/** Target statements back to assembly lines, with translator-local labels before their instruction. */
function targetLines(target: InstructionStatement[], labels: { name: string; before: number }[]): string[] {
  const rv = dialectFor('riscv64');
  const lines: string[] = [];
  target.forEach((ins, i) => {
    for (const l of labels) if (l.before === i) lines.push(`${l.name}:`);
    lines.push(printStatement(ins, rv).trim());
  });
  for (const l of labels) if (l.before >= target.length) lines.push(`${l.name}:`);
  return lines;
}

export async function translateAndVerify(program: AsmProgram, options: RunOptions): Promise<TranslateRun> {
  const translation = translateProgram(program, { prototypes: options.prototypes });
  if (options.guesser === 'replay' && options.replayFile) applyReplay(translation.results, options.replayFile);
  const functions: FunctionRun[] = translation.results.map((result) => ({ result, blocks: [] }));
  const verifier = options.skipVerify ? undefined : verifyBlock;
  const all: { f: FunctionRun; block: TranslatedBlock }[] = [];
  for (const f of functions) {
    if (f.result.kind !== 'translated') continue;
    for (const block of f.result.blocks) all.push({ f, block });
  }
  let done = 0;
  for (const { f, block } of all) {
    const t0 = Date.now();
    const fn = f.result as Extract<FunctionResult, { kind: 'translated' }>;
    const first = block.translation.source[0];
    const location = first ? formatLocation(program.file.fileName, first.span) : program.file.fileName;
    const label = block.translation.labels[0] ?? `#${block.translation.blockId}`;
    let status: ReportedStatus;
    try {
      block.translation.target = parseTargetLines(block.lines.filter((l) => !l.endsWith(':')), `${fn.name} ${label}`);
      const local = localLabelsOf(block.lines);
      if (local.length) block.translation.localLabels = local;
    } catch (e) {
      status = { status: 'refused', reason: (e as Error).message };
      f.blocks.push({ block, label, location, status, ms: Date.now() - t0 });
      continue;
    }
    if (!verifier) {
      status = { status: 'unverified', why: 'verification skipped' };
    } else {
      try {
        status = await verifier({
          srcIsa: 'aarch64',
          tgtIsa: 'riscv64',
          block: block.translation,
          privateAreas: [{ symbol: PRIVATE_AREA, bytes: translation.privateBytes }],
          sourceProgram: program,
          runs: options.runs,
          seed: options.seed,
          timeoutMs: options.timeoutMs,
          ...(options.noProof ? { noProof: true } : {}),
        });
      } catch (e) {
        status = { status: 'unverified', why: `verifier error: ${(e as Error).message}` };
      }
    }
    let repaired: BlockRun['repaired'];
    if (status.status === 'refuted' && verifier && !options.noProof && (options.repairMs ?? 0) > 0) {
      const fix = await repairRefuted(block, status.counterexample, translation.privateBytes, program, options, verifier);
      if (fix) ({ status, repaired } = fix);
    }
    f.blocks.push({ block, label, location, status, ms: Date.now() - t0, ...(repaired ? { repaired } : {}) });
    options.progress?.(++done, all.length);
  }
  if (verifier) for (const [f, lift] of liftFunctions(program, functions)) f.lift = lift;
  const statusOf = new Map<TranslatedBlock, ReportedStatus>();
  for (const f of functions) for (const b of f.blocks) statusOf.set(b.block, b.status);
  const assembly = translation.emit((_fn, block) => {
    const s = statusOf.get(block);
    if (!s) return undefined;
    if (s.status === 'refuted') return `transpile: REFUTED block (emitted because of --allow-unverified): ${s.counterexample.replace(/\n/g, ' ')}`;
    if (s.status === 'refused') return `transpile: block not verified: ${s.reason}`;
    return undefined;
  });
  return {
    functions,
    assembly,
    allowUnverified: options.allowUnverified,
    verificationSkipped: options.skipVerify ?? false,
  };
}
