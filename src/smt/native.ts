// The native backend: one long-lived `z3 -in -smt2` process per session,
// fed SMT-LIB text on stdin. Each request ends with `(echo "<marker>")`, so
// the answer is everything printed before the marker line. A long-lived
// process answers small checks in about a millisecond where spawning z3 per
// query costs several; `(reset)` between queries keeps them independent.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hasTool } from '../toolchain/gnu.js';
import { ProcessSession, type RenewPolicy } from './process-session.js';
import { SessionCrash } from './session.js';

export interface NativeOptions {
  /** The z3 command (default `z3` on PATH). */
  command?: string;
  /** Z3's own memory cap in MB (memory_max_size); it answers unknown past it. */
  memoryMb?: number;
}

export function nativeAvailable(command = 'z3'): boolean {
  return hasTool(command);
}

export class NativeSession extends ProcessSession {
  readonly kind = 'native' as const;
  // A restart costs about 20 ms, so only after big queries.
  protected readonly renewsInPlace = false;
  protected readonly renewPolicy: RenewPolicy = { chars: 1_000_000, ms: 5_000, queries: 5_000 };
  private readonly nonce = randomBytes(6).toString('hex');
  private seq = 0;
  private buffer = '';
  private pending: { marker: string; resolve: (out: string) => void } | undefined;

  constructor(private readonly opts: NativeOptions = {}) {
    super();
  }

  protected launch(): Promise<ChildProcess> {
    const command = this.opts.command ?? 'z3';
    const args = ['-in', '-smt2', `memory_max_size=${this.opts.memoryMb ?? 4096}`];
    return new Promise((resolve, reject) => {
      const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
      this.buffer = '';
      this.captureStderr(proc);
      proc.stdout.setEncoding('utf8');
      proc.stdout.on('data', (d: string) => this.onData(d));
      // EPIPE after the process died is reported through 'exit'; do not let it throw.
      proc.stdin.on('error', () => undefined);
      proc.once('error', (e) => reject(new SessionCrash(`cannot run ${command}: ${e.message}`)));
      proc.once('spawn', () => resolve(proc));
    });
  }

  protected request(proc: ChildProcess, text: string, _renew: boolean): Promise<string> {
    const marker = `@@transpile-${this.nonce}-${this.seq++}`;
    return new Promise((resolve) => {
      this.pending = { marker, resolve };
      proc.stdin!.write(`${text}\n(echo "${marker}")\n`);
    });
  }

  protected abandon(): void {
    this.pending = undefined;
    this.buffer = '';
  }

  private onData(d: string): void {
    this.buffer += d;
    const p = this.pending;
    if (!p) return;
    const at = this.buffer.indexOf(p.marker + '\n');
    if (at < 0) return;
    const out = this.buffer.slice(0, at);
    this.buffer = this.buffer.slice(at + p.marker.length + 1);
    this.pending = undefined;
    p.resolve(out);
  }
}
