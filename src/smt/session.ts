// One running solver that takes SMT-LIB commands and prints answers, and the
// conversation that turns an encoded query into a result over it. Both
// backends (native z3 over a pipe, z3-solver WASM in a child process) speak
// the same text, so the conversation, the output checks and the model
// reading are written once, here.
import type { EncodedQuery } from './encode.js';
import { decodeModel, ModelError, valuePairs } from './model.js';
import type { BackendName, SolverAnswer } from './result.js';
import { parseSExprs, SExprError, stringValue } from './sexpr.js';

/** No answer within the deadline; the solver process was killed and restarts on next use. */
export class SessionTimeout extends Error {}
/** The solver process died (or never started), or could not be reached. It restarts on next use. */
export class SessionCrash extends Error {
  constructor(
    message: string,
    /** The process died while working on the request: the request itself may be what kills it. */
    readonly diedOnRequest = false,
  ) {
    super(message);
  }
}

/** Error answers caused by a request that killed its solver process; others are worth one retry. */
const killedBy = new WeakSet<object>();

/**
 * Whether an error answer may be transient (a z3-solver exception, an
 * unreadable answer) rather than the query killing its solver, which a
 * retry would only repeat.
 */
export function retryable(a: SolverAnswer): boolean {
  return a.status === 'error' && !killedBy.has(a);
}

export interface SmtSession {
  readonly kind: BackendName;
  /**
   * Runs SMT-LIB commands and returns what they printed. Calls are
   * serialised. Rejects with SessionTimeout when no answer comes within
   * `deadlineMs`, SessionCrash when the process dies. `newQuery` marks the
   * start of a query: the session then makes sure the solver holds no
   * earlier state (renewing it or prefixing a (reset) as needed).
   */
  exec(commands: string, deadlineMs: number, opts?: { newQuery?: boolean }): Promise<string>;
  /** Starts the solver now (otherwise it starts on first use). */
  start(): Promise<void>;
  close(): Promise<void>;
  /** Process id of the running solver, if any (tests kill it). */
  pid(): number | undefined;
  /** How many times the process was (re)started. */
  readonly launches: number;
}

/**
 * Z3's soft timeout is usually on time, but some phases (preprocessing a
 * huge term, bit-blasting) do not poll it; past this grace the process is
 * killed and the answer is `timeout` all the same.
 */
export function hardDeadline(timeoutMs: number): number {
  return timeoutMs + Math.max(300, Math.min(timeoutMs, 5000));
}

/**
 * Error lines Z3 prints; it carries on after them, so they must be looked
 * for. `unsupported` (a command Z3 skipped) counts too: an answer to a
 * script that was not read whole is not an answer.
 */
function errorsIn(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('(error') || l === 'unsupported');
}

const VERDICTS = new Set(['sat', 'unsat', 'unknown', 'timeout']);

/**
 * Runs one query in a single round trip: check-sat, then the model terms
 * and the reason for unknown (harmless errors when there is no model), then
 * (reset). One round trip matters on WASM, where each costs about 1.6 ms
 * (an IPC message and a Z3 thread). The final (reset) releases the query's
 * state at once, and the session puts a (reset) in front when the solver
 * is not known to be clean: queries stay independent (the cache relies on
 * answers not depending on earlier queries).
 */
export async function runQuery(session: SmtSession, q: EncodedQuery, timeoutMs: number): Promise<SolverAnswer> {
  const script = [
    '(set-option :produce-models true)',
    `(set-option :timeout ${Math.max(1, Math.round(timeoutMs))})`,
    `(set-logic ${q.logic})`,
    q.body,
    '(check-sat)',
    ...(q.valueTerms.length > 0 ? [`(get-value (${q.valueTerms.join(' ')}))`] : []),
    '(get-info :reason-unknown)',
    '(reset)',
  ].join('\n');
  let out: string;
  try {
    out = await session.exec(script, hardDeadline(timeoutMs), { newQuery: true });
  } catch (e) {
    if (e instanceof SessionTimeout) return { status: 'timeout' };
    if (e instanceof SessionCrash) {
      const answer: SolverAnswer = { status: 'error', message: e.message };
      if (e.diedOnRequest) killedBy.add(answer);
      return answer;
    }
    throw e;
  }
  return readAnswer(session.kind, q, out);
}

/** Reads the output of runQuery's script. Exported for tests. */
export function readAnswer(kind: BackendName, q: EncodedQuery, out: string): SolverAnswer {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => VERDICTS.has(l.trim()));
  // Everything before the verdict answers the declarations and assertions: any error there voids the answer.
  const errors = errorsIn(lines.slice(0, at < 0 ? lines.length : at).join('\n'));
  if (errors.length > 0) return { status: 'error', message: `${kind} z3: ${errors.slice(0, 3).join(' ')}` };
  if (at < 0) return { status: 'error', message: `${kind} z3 gave no verdict: ${out.slice(0, 300)}` };
  const verdict = lines[at]!.trim();
  const rest = lines.slice(at + 1).join('\n');
  if (verdict === 'unsat') return { status: 'unsat' };
  if (verdict === 'sat') return readModel(kind, q, rest);
  const reason = verdict === 'timeout' ? 'timeout' : reasonUnknown(rest);
  return /timeout|canceled|cancelled|resource limits/i.test(reason) ? { status: 'timeout' } : { status: 'unknown', reason };
}

function readModel(kind: BackendName, q: EncodedQuery, rest: string): SolverAnswer {
  if (q.valueTerms.length === 0) return { status: 'sat', model: new Map(), memModel: new Map(), ufModel: new Map(), observed: [] };
  const errors = errorsIn(rest);
  if (errors.length > 0) return { status: 'error', message: `${kind} z3 model: ${errors.slice(0, 3).join(' ')}` };
  try {
    const m = decodeModel(q, valuePairs(parseSExprs(rest), q.valueTerms.length));
    return { status: 'sat', model: m.vars, memModel: m.mems, ufModel: m.ufs, observed: m.observed };
  } catch (e) {
    if (e instanceof ModelError || e instanceof SExprError) return { status: 'error', message: `unreadable model: ${e.message}` };
    throw e;
  }
}

function reasonUnknown(rest: string): string {
  try {
    for (const e of parseSExprs(rest)) {
      if (Array.isArray(e) && e[0] === ':reason-unknown' && typeof e[1] === 'string') return stringValue(e[1]) || 'unknown';
    }
  } catch {
    // fall through: report the raw text
  }
  return rest.trim().slice(0, 300) || 'unknown';
}
