// The translate report (docs/translate-json.md), the stderr summary and the
// exit code.
import { printStatement } from '../asm/printer.js';
import { dialectFor } from '../asm/index.js';
import type { TranslateRun } from './run.js';

export const TRANSLATE_JSON_VERSION = 1;

export interface TranslateReport {
  version: number;
  input: string;
  from: 'aarch64';
  to: 'riscv64';
  timeMs: number;
  verifier: 'available' | 'skipped';
  summary: {
    functions: number; translated: number; refused: number; blocks: number; proven: number; tested: number; refuted: number; unverified: number; blockRefused: number; repaired: number;
    /** Function statuses lifted from the block results (absent with --no-verify). */
    lifted?: { proven: number; tested: number; refuted: number; refused: number };
  };
  functions: {
    name: string;
    status: 'translated' | 'refused';
    level?: 'proven' | 'tested' | 'refuted' | 'unverified';
    /** The function status lifted from its block results along the CFG (translated functions, with verification). */
    proof?: 'proven' | 'tested' | 'refuted' | 'refused';
    /** Why `proof` is not `proven`: block statuses, then composition problems. */
    problems?: string[];
    reason?: string;
    location?: string;
    blocks: {
      id: number;
      label: string;
      location: string;
      status: string;
      why?: string;
      counterexample?: string;
      /** The guess was refuted (this counterexample) and repaired by sketch completion; the status is the repaired block's. */
      repaired?: { counterexample: string; changed: { index: number; before?: string; after: string }[] };
      runs?: number;
      ms: number;
      rules: string[];
      source: string[];
      target: string[];
    }[];
  }[];
}

export function buildReport(run: TranslateRun, input: string, timeMs: number): TranslateReport {
  const a64 = dialectFor('aarch64');
  const s = { functions: 0, translated: 0, refused: 0, blocks: 0, proven: 0, tested: 0, refuted: 0, unverified: 0, blockRefused: 0, repaired: 0 };
  const lifted = { proven: 0, tested: 0, refuted: 0, refused: 0 };
  const functions = run.functions.map((f) => {
    s.functions++;
    if (f.result.kind === 'refused') {
      s.refused++;
      return { name: f.result.name, status: 'refused' as const, reason: f.result.reason, location: f.result.location, blocks: [] };
    }
    s.translated++;
    const blocks = f.blocks.map((b) => {
      s.blocks++;
      if (b.repaired) s.repaired++;
      const st = b.status;
      if (st.status === 'proven') s.proven++;
      else if (st.status === 'tested') s.tested++;
      else if (st.status === 'refuted') s.refuted++;
      else if (st.status === 'unverified') s.unverified++;
      else s.blockRefused++;
      return {
        id: b.block.translation.blockId,
        label: b.label,
        location: b.location,
        status: st.status,
        ...(st.status === 'tested' ? { why: st.why, runs: st.runs } : {}),
        ...(st.status === 'unverified' ? { why: st.why } : {}),
        ...(st.status === 'refused' ? { why: st.reason } : {}),
        ...(st.status === 'refuted' ? { counterexample: st.counterexample } : {}),
        ...(b.repaired ? { repaired: b.repaired } : {}),
        ms: b.ms,
        rules: b.block.translation.rules,
        source: b.block.translation.source.map((i) => printStatement(i, a64).trim()),
        target: b.block.lines,
      };
    });
    const statuses = blocks.map((b) => b.status);
    const level = statuses.includes('refuted') ? 'refuted' : statuses.some((x) => x === 'unverified' || x === 'refused') ? 'unverified' : statuses.includes('tested') ? 'tested' : 'proven';
    if (f.lift) lifted[f.lift.status]++;
    const proof = f.lift ? { proof: f.lift.status, problems: f.lift.problems } : {};
    return { name: f.result.name, status: 'translated' as const, level: level as 'proven' | 'tested' | 'refuted' | 'unverified', ...proof, blocks };
  });
  const summary = run.verificationSkipped ? s : { ...s, lifted };
  return { version: TRANSLATE_JSON_VERSION, input, from: 'aarch64', to: 'riscv64', timeMs, verifier: run.verificationSkipped ? 'skipped' : 'available', summary, functions };
}

export function summaryText(r: TranslateReport): string {
  const s = r.summary;
  const parts = [
    `${s.functions} functions (${s.translated} translated, ${s.refused} refused)`,
    `${s.blocks} blocks: ${s.proven} proven, ${s.tested} tested, ${s.refuted} refuted, ${s.unverified + s.blockRefused} unverified${s.repaired ? ` (${s.repaired} repaired after a refutation)` : ''}`,
    ...(s.lifted ? [`functions: ${s.lifted.proven} proven, ${s.lifted.tested} tested, ${s.lifted.refuted} refuted, ${s.lifted.refused} refused by the lift`] : []),
    `${(r.timeMs / 1000).toFixed(2)} s`,
  ];
  const note =
    r.verifier === 'skipped' ? '\ntranspile: note: verification skipped (--no-verify); blocks are reported unverified\n' : '\n';
  return `transpile: ${parts.join('; ')}${note}`;
}

/**
 * 1 when a block is refuted (the command fails unless --allow-unverified), 4 when a function was refused, else 0.
 * A function whose block results do not compose (its lift is `refused`) keeps the exit code: no
 * counterexample shows its code wrong, and the lift's own limits (a function reading x8, which only
 * translated callers pass) would otherwise fail correct programs. It is reported as a warning and in
 * the report (`proof`, `problems`, `summary.lifted`), which a CI gate wanting proofs should check.
 */
export function exitCodeFor(run: TranslateRun): number {
  const refuted = run.functions.some((f) => f.blocks.some((b) => b.status.status === 'refuted'));
  if (refuted) return 1;
  if (run.functions.some((f) => f.result.kind === 'refused')) return 4;
  return 0;
}
