// The questions the verifier asks, in its own terms: are two expressions
// (or two memory states) equal for every input, under assumptions? A
// `proven` comes only from an `unsat` answer of Z3; everything else is a
// counterexample or an honest "don't know".
import { walkDag } from '../ir/walk.js';
import { c, ne } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import type { MemoryEncoding } from './encode.js';
import type { MemModel, UfPoint } from './model.js';
import type { SatResult } from './result.js';
import { defaultSolver, type BackendChoice, type Solver, type SolverResult } from './solver.js';

export interface ProveOptions {
  timeoutMs: number;
  /** 1-bit expressions assumed to be 1 (a claim holds whenever they all do). */
  assumptions?: readonly BV[];
  /** Which backend's default solver to use; ignored when `solver` is given. */
  backend?: BackendChoice;
  solver?: Solver;
  /** How loads through stores are encoded (default read over write). */
  memory?: MemoryEncoding;
}

/** Inputs on which a claim fails: replay them with envFromModel (model.ts) on the interpreter. */
export interface Counterexample {
  /** Every free variable in the query. */
  readonly vars: Map<string, bigint>;
  /** Initial memories: the bytes every load reads are explicit. */
  readonly mems: Map<string, MemModel>;
  readonly ufs: Map<string, UfPoint[]>;
}

export type Undecided =
  | { readonly status: 'unknown'; readonly reason: string }
  | { readonly status: 'timeout'; readonly reason: string };

export type EqualityProof =
  | { readonly status: 'proven' }
  | { readonly status: 'refuted'; readonly counterexample: Counterexample & { readonly left: bigint; readonly right: bigint } }
  | Undecided;

export type MemEqualityProof =
  | { readonly status: 'proven' }
  | {
      readonly status: 'refuted';
      /** An address whose byte differs, and the two bytes. */
      readonly counterexample: Counterexample & { readonly address: bigint; readonly left: number; readonly right: number };
    }
  | Undecided;

function solverOf(opts: ProveOptions): Solver {
  return opts.solver ?? defaultSolver(opts.backend);
}

function checkAssumptions(assumptions: readonly BV[]): void {
  for (const a of assumptions) if (a.w !== 1) throw new Error(`assumptions must be 1-bit, got ${a.w} bits`);
}

function undecided(r: Exclude<SolverResult, { status: 'sat' | 'unsat' }>, opts: ProveOptions, s: Solver): Undecided {
  switch (r.status) {
    case 'timeout':
      return { status: 'timeout', reason: `no answer within ${opts.timeoutMs} ms (${s.backend} z3)` };
    case 'unknown':
      return { status: 'unknown', reason: `z3 (${s.backend}) answered unknown: ${r.reason}` };
    case 'error':
      return { status: 'unknown', reason: `solver error: ${r.message}` };
  }
}

function cex(r: SatResult): Counterexample {
  return { vars: r.model, mems: r.memModel, ufs: r.ufModel };
}

/** Is `a == b` for all inputs satisfying the assumptions? */
export async function proveEqual(a: BV, b: BV, opts: ProveOptions): Promise<EqualityProof> {
  if (a.w !== b.w) throw new Error(`proveEqual: widths differ (${a.w} and ${b.w})`);
  const assumptions = opts.assumptions ?? [];
  checkAssumptions(assumptions);
  const differ = ne(a, b);
  // The builders fold identical and constant sides: nothing for Z3 to do.
  if (differ.op === 'const' && differ.value === 0n) return { status: 'proven' };
  const s = solverOf(opts);
  const r = await s.check({ assertions: [...assumptions, differ], observe: [a, b], memory: opts.memory }, { timeoutMs: opts.timeoutMs });
  if (r.status === 'unsat') return { status: 'proven' };
  if (r.status === 'sat') {
    return { status: 'refuted', counterexample: { ...cex(r), left: r.observed[0]!, right: r.observed[1]! } };
  }
  return undecided(r, opts, s);
}

/** Does `cond` (1 bit) hold for all inputs satisfying the assumptions? A counterexample is where it is 0. */
export async function proveHolds(cond: BV, opts: ProveOptions): Promise<EqualityProof> {
  return proveEqual(cond, c(1, 1), opts);
}

/** Names every variable under some roots (so a fresh name can avoid them). */
function varNames(roots: readonly (BV | Mem)[]): Set<string> {
  const names = new Set<string>();
  walkDag(roots, (e) => void (e.op === 'var' && names.add(e.name)));
  return names;
}

/**
 * Are two memory states equal at every address (extensional equality)? The
 * question is asked as "is there an address whose bytes differ?", with the
 * address a fresh variable, so a counterexample names it.
 */
export async function proveMemEqual(m1: Mem, m2: Mem, opts: ProveOptions): Promise<MemEqualityProof> {
  const assumptions = opts.assumptions ?? [];
  checkAssumptions(assumptions);
  if (m1 === m2) return { status: 'proven' };
  const taken = varNames([m1, m2, ...assumptions]);
  let addrName = 'smt:diff-address';
  for (let k = 2; taken.has(addrName); k++) addrName = `smt:diff-address#${k}`;
  const addr: BV = { op: 'var', w: 64, name: addrName };
  const left: BV = { op: 'load', w: 8, mem: m1, addr };
  const right: BV = { op: 'load', w: 8, mem: m2, addr };
  const s = solverOf(opts);
  const r = await s.check({ assertions: [...assumptions, ne(left, right)], observe: [left, right], memory: opts.memory }, { timeoutMs: opts.timeoutMs });
  if (r.status === 'unsat') return { status: 'proven' };
  if (r.status === 'sat') {
    const vars = new Map(r.model);
    const address = vars.get(addrName)!;
    vars.delete(addrName);
    return {
      status: 'refuted',
      counterexample: { vars, mems: r.memModel, ufs: r.ufModel, address, left: Number(r.observed[0]), right: Number(r.observed[1]) },
    };
  }
  return undecided(r, opts, s);
}

export interface CheckSatOptions {
  timeoutMs: number;
  backend?: BackendChoice;
  solver?: Solver;
  /** Expressions whose values a `sat` answer reports in `observed`. */
  observe?: readonly BV[];
  memory?: MemoryEncoding;
}

/** Is there an input for which `cond` (1 bit) is 1? `sat` carries the input. */
export async function checkSat(cond: BV, opts: CheckSatOptions): Promise<SolverResult> {
  if (cond.w !== 1) throw new Error(`checkSat needs a 1-bit condition, got ${cond.w} bits`);
  const s = opts.solver ?? defaultSolver(opts.backend);
  return s.check({ assertions: [cond], observe: opts.observe ?? [], memory: opts.memory }, { timeoutMs: opts.timeoutMs });
}
