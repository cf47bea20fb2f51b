// The part of a solver session both backends share: a child process that
// is started on first use, restarted after it dies or is killed, given one
// request at a time, killed when a request outlives its deadline, and kept
// from holding the parent's event loop open while idle.
import type { ChildProcess } from 'node:child_process';
import type { BackendName } from './result.js';
import { SessionCrash, SessionTimeout, type SmtSession } from './session.js';

const STARTUP_LIMIT_MS = 60_000;

/**
 * When a solver is renewed (a fresh Z3 context, or a fresh process). Z3
 * stays slower after a big query even across (reset): measured, 250 small
 * checks after one 10,000-term query took 140 ms each on WASM instead of
 * 30 ms (native: 7 ms instead of 5). A query that big or that slow marks
 * the solver for renewal before the next query.
 */
export interface RenewPolicy {
  /** Characters sent and received during one query. */
  chars: number;
  /** Milliseconds spent in one query. */
  ms: number;
  /** Renew anyway after this many queries. */
  queries: number;
}

interface Refable {
  ref?(): void;
  unref?(): void;
}

export abstract class ProcessSession implements SmtSession {
  abstract readonly kind: BackendName;
  launches = 0;
  private proc: ChildProcess | undefined;
  private starting: Promise<ChildProcess> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The last few KB of the process's stderr, for crash reports. */
  protected stderrTail = '';
  /** Work done in the current query (see RenewPolicy). */
  private usage = { chars: 0, ms: 0, queries: 0, dirty: false };
  /**
   * Whether the solver holds no declarations or assertions: true for a new
   * process or context and after a request ending in (reset). A query that
   * finds it false gets a (reset) in front (on WASM a (reset) costs about
   * 1.5 ms, so it is not sent twice).
   */
  private clean = true;

  /** Spawns the process and resolves once it accepts requests. */
  protected abstract launch(): Promise<ChildProcess>;
  /**
   * Sends one request; resolves with the output. Never called concurrently.
   * `renew`: start from a fresh solver state first (only asked of sessions
   * that set renewsInPlace; the others are restarted instead).
   */
  protected abstract request(proc: ChildProcess, text: string, renew: boolean): Promise<string>;
  /** Whether the process can renew its solver itself (else it is restarted). */
  protected abstract readonly renewsInPlace: boolean;
  protected abstract readonly renewPolicy: RenewPolicy;
  /** Forgets any half-received answer (the process is gone). */
  protected abstract abandon(): void;
  /** A chance to retire a healthy process after a request (memory limits). */
  protected shouldRetire(_proc: ChildProcess): boolean {
    return false;
  }

  exec(text: string, deadlineMs: number, opts: { newQuery?: boolean } = {}): Promise<string> {
    const run = this.chain.then(() => this.execNow(text, deadlineMs, opts.newQuery ?? false));
    this.chain = run.catch(() => undefined);
    return run;
  }

  async start(): Promise<void> {
    await this.ensure();
  }

  pid(): number | undefined {
    return this.proc?.pid;
  }

  async close(): Promise<void> {
    this.closed = true;
    const p = this.proc ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    if (p) await this.stop(p);
  }

  private async execNow(text: string, deadlineMs: number, newQuery: boolean): Promise<string> {
    if (this.closed) throw new SessionCrash(`${this.kind} solver session is closed`);
    let renew = false;
    if (newQuery) {
      const u = this.usage;
      renew = u.dirty || u.queries >= this.renewPolicy.queries;
      if (renew) this.usage = { chars: 0, ms: 0, queries: 0, dirty: false };
      else this.usage = { chars: 0, ms: 0, queries: u.queries + 1, dirty: false };
      if (renew && !this.renewsInPlace && this.proc) await this.stop(this.proc);
    }
    const proc = await this.ensure();
    if (newQuery && !this.clean && !(renew && this.renewsInPlace)) text = `(reset)\n${text}`;
    const t0 = performance.now();
    setRef(proc, true);
    try {
      return await new Promise<string>((resolve, reject) => {
        const cleanup = () => {
          clearTimeout(timer);
          proc.off('exit', onExit);
        };
        const onExit = (code: number | null, signal: string | null) => {
          cleanup();
          this.abandon();
          const tail = this.stderrTail.trim().split('\n').slice(-3).join(' | ');
          reject(new SessionCrash(`${this.kind} z3 process died (${signal ?? `exit code ${code}`})${tail ? `: ${tail}` : ''}`, true));
        };
        const timer = setTimeout(() => {
          cleanup();
          this.abandon();
          this.kill(proc);
          reject(new SessionTimeout(`${this.kind} z3 gave no answer within ${deadlineMs} ms`));
        }, deadlineMs);
        proc.once('exit', onExit);
        this.request(proc, text, renew && this.renewsInPlace).then(
          (out) => {
            cleanup();
            this.account(text.length + out.length, performance.now() - t0);
            this.clean = /\(reset\)\s*$/.test(text);
            resolve(out);
          },
          (err: unknown) => {
            cleanup();
            this.clean = false;
            reject(err instanceof Error ? err : new SessionCrash(String(err)));
          },
        );
      });
    } finally {
      if (this.proc === proc) {
        if (this.shouldRetire(proc)) await this.stop(proc);
        else setRef(proc, false);
      }
    }
  }

  private account(chars: number, ms: number): void {
    const u = this.usage;
    u.chars += chars;
    u.ms += ms;
    if (u.chars > this.renewPolicy.chars || u.ms > this.renewPolicy.ms) u.dirty = true;
  }

  private ensure(): Promise<ChildProcess> {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) return Promise.resolve(this.proc);
    if (this.starting) return this.starting;
    this.stderrTail = '';
    const started = this.launchWithLimit().then(
      (p) => {
        this.launches++;
        this.proc = p;
        this.starting = undefined;
        p.once('exit', () => {
          if (this.proc === p) this.proc = undefined;
        });
        this.usage = { chars: 0, ms: 0, queries: 0, dirty: false };
        this.clean = true;
        setRef(p, false);
        return p;
      },
      (e: unknown) => {
        this.starting = undefined;
        throw e instanceof SessionCrash ? e : new SessionCrash(`${this.kind} z3 did not start: ${String(e)}`);
      },
    );
    this.starting = started;
    return started;
  }

  private launchWithLimit(): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new SessionCrash(`${this.kind} z3 did not start within ${STARTUP_LIMIT_MS} ms`)), STARTUP_LIMIT_MS);
      this.launch().then(
        (p) => {
          clearTimeout(timer);
          resolve(p);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }

  protected captureStderr(proc: ChildProcess): void {
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-4096);
    });
  }

  private kill(proc: ChildProcess): void {
    if (this.proc === proc) this.proc = undefined;
    proc.kill('SIGKILL');
  }

  /** Ends a process and waits for it to be gone. */
  private stop(proc: ChildProcess): Promise<void> {
    if (this.proc === proc) this.proc = undefined;
    if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      // An unref'd process's 'exit' does not keep the event loop alive: awaiting it needs a ref.
      setRef(proc, true);
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }
}

/** Idle solver processes must not keep the parent alive; busy ones must (an awaited answer is pending). */
function setRef(proc: ChildProcess, on: boolean): void {
  // The stdio pipes are net.Sockets at run time (with ref/unref), typed as plain streams.
  const parts = [proc, proc.stdin, proc.stdout, proc.stderr, proc.channel].map((p) => p as unknown as Refable | null | undefined);
  for (const p of parts) {
    if (on) p?.ref?.();
    else p?.unref?.();
  }
}
