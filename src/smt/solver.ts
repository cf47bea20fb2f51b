// The solver interface: one `Solver` owns a small pool of solver processes
// of one backend (native z3 or z3-solver WASM), a query cache, and counts
// what it did. Z3 checks inside one process are serialised (the WASM build
// holds a global lock), so parallelism means several processes.
import { encodeQuery, type EncodedQuery, type QuerySpec } from './encode.js';
import { SmtCache } from './cache.js';
import { NativeSession, nativeAvailable, type NativeOptions } from './native.js';
import type { BackendName, SolverResult } from './result.js';
import { retryable, runQuery, type SmtSession } from './session.js';
import { WasmSession, type WasmOptions } from './wasm.js';

export type { BackendName, SolverResult } from './result.js';
export type BackendChoice = BackendName | 'auto';

export interface SolverOptions {
  backend?: BackendChoice;
  /** Solver processes run side by side; each check uses one (default 1). */
  concurrency?: number;
  /** A cache (possibly shared with other solvers), or false for none. Default: a fresh in-memory cache. */
  cache?: SmtCache | false;
  native?: NativeOptions;
  wasm?: WasmOptions;
}

export interface SolveOptions {
  timeoutMs: number;
  /** Consult and fill the cache (default true). */
  cache?: boolean;
}

export interface SolverStats {
  checks: number;
  cacheHits: number;
  /** Wall time spent in checks that reached the solver. */
  solveMs: number;
  timeouts: number;
  errors: number;
  /** Checks asked again after an error that may have been transient. */
  retries: number;
}

/**
 * `auto` is the native z3 when it is on PATH (it answers small checks
 * several times faster), else WASM. TRANSPILE_SMT_BACKEND=native|wasm
 * overrides `auto`.
 */
export function resolveBackend(choice: BackendChoice = 'auto'): BackendName {
  if (choice !== 'auto') return choice;
  const env = process.env['TRANSPILE_SMT_BACKEND'];
  if (env === 'native' || env === 'wasm') return env;
  return nativeAvailable() ? 'native' : 'wasm';
}

export class Solver {
  readonly backend: BackendName;
  readonly cache: SmtCache | undefined;
  readonly stats: SolverStats = { checks: 0, cacheHits: 0, solveMs: 0, timeouts: 0, errors: 0, retries: 0 };
  private readonly sessions: SmtSession[];
  private readonly idle: SmtSession[];
  private readonly waiting: ((s: SmtSession) => void)[] = [];

  constructor(opts: SolverOptions = {}) {
    this.backend = resolveBackend(opts.backend);
    this.cache = opts.cache === false ? undefined : (opts.cache ?? new SmtCache());
    const n = Math.max(1, opts.concurrency ?? 1);
    this.sessions = Array.from({ length: n }, () =>
      this.backend === 'native' ? new NativeSession(opts.native) : new WasmSession(opts.wasm),
    );
    this.idle = [...this.sessions];
  }

  /** Encodes and checks: is the conjunction of `spec.assertions` satisfiable? */
  check(spec: QuerySpec, opts: SolveOptions): Promise<SolverResult> {
    return this.solve(encodeQuery(spec), opts);
  }

  async solve(q: EncodedQuery, opts: SolveOptions): Promise<SolverResult> {
    this.stats.checks++;
    const useCache = this.cache && opts.cache !== false;
    const key = useCache ? this.cache!.key(q.script) : '';
    if (useCache) {
      const hit = this.cache!.get(key);
      if (hit) {
        this.stats.cacheHits++;
        return { ...hit, info: { backend: this.backend, ms: 0, cached: true } };
      }
    }
    const session = await this.acquire();
    const t0 = performance.now();
    try {
      let answer = await runQuery(session, q, opts.timeoutMs);
      if (retryable(answer)) {
        // Once: a z3-solver exception or a garbled answer need not recur.
        this.stats.retries++;
        answer = await runQuery(session, q, opts.timeoutMs);
      }
      const ms = performance.now() - t0;
      this.stats.solveMs += ms;
      if (answer.status === 'timeout') this.stats.timeouts++;
      if (answer.status === 'error') this.stats.errors++;
      if (useCache) this.cache!.put(key, answer);
      return { ...answer, info: { backend: this.backend, ms, cached: false } };
    } finally {
      this.release(session);
    }
  }

  /** Starts every solver process now, so the first check does not pay for it. */
  async start(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.start()));
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
  }

  /** Process ids of the running solver processes. */
  pids(): number[] {
    return this.sessions.map((s) => s.pid()).filter((p): p is number => p !== undefined);
  }

  /** How many solver processes were started so far (restarts included). */
  launches(): number {
    return this.sessions.reduce((n, s) => n + s.launches, 0);
  }

  private acquire(): Promise<SmtSession> {
    const s = this.idle.pop();
    if (s) return Promise.resolve(s);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(s: SmtSession): void {
    const next = this.waiting.shift();
    if (next) next(s);
    else this.idle.push(s);
  }
}

const shared = new Map<BackendName, Solver>();
let sharedCache: SmtCache | undefined;

/** The process-wide solver of a backend (created on first use, sharing one in-memory cache). */
export function defaultSolver(choice: BackendChoice = 'auto'): Solver {
  const backend = resolveBackend(choice);
  let s = shared.get(backend);
  if (!s) {
    sharedCache ??= new SmtCache();
    s = new Solver({ backend, cache: sharedCache });
    shared.set(backend, s);
  }
  return s;
}

/** Ends the default solvers' processes (they never keep the process alive while idle, but tests tidy up). */
export async function closeDefaultSolvers(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((s) => s.close()));
}
