// The WASM backend: z3-solver in a child Node process (see wasm-child.ts
// for why), spoken to in SMT-LIB text over IPC. The child is restarted when
// it dies, when a request outlives its deadline, and when its memory grows
// past a limit (WASM linear memory never shrinks, so a restart is the only
// way to give it back).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { ProcessSession, type RenewPolicy } from './process-session.js';
import { SessionCrash } from './session.js';
import { WASM_CHILD_SOURCE } from './wasm-child.js';

export interface WasmOptions {
  /** Restart the child after a request leaves it above this resident size (MB). */
  maxRssMb?: number;
}

interface ChildMessage {
  type?: string;
  heapCall?: boolean;
  id?: number;
  out?: string;
  error?: string;
  rss?: number;
}

let z3ModulePath: string | undefined;

function z3Module(): string {
  z3ModulePath ??= createRequire(import.meta.url).resolve('z3-solver');
  return z3ModulePath;
}

export class WasmSession extends ProcessSession {
  readonly kind = 'wasm' as const;
  // A fresh Z3 context costs about 1.5 ms.
  protected readonly renewsInPlace = true;
  protected readonly renewPolicy: RenewPolicy = { chars: 100_000, ms: 1_000, queries: 500 };
  private seq = 0;
  private lastRss = 0;
  /** Whether the running child passes query text through the WASM heap (see wasm-child.ts); undefined before it starts. */
  heapCall: boolean | undefined;
  private pending: { id: number; resolve: (out: string) => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly opts: WasmOptions = {}) {
    super();
  }

  protected launch(): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, ['-e', WASM_CHILD_SOURCE], {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        env: { ...process.env, TRANSPILE_Z3_MODULE: z3Module() },
      });
      this.captureStderr(proc);
      const onExit = (code: number | null, signal: string | null) =>
        reject(new SessionCrash(`z3-solver child exited during start (${signal ?? code}): ${this.stderrTail.trim().slice(-500)}`));
      proc.once('error', (e) => reject(new SessionCrash(`cannot start z3-solver child: ${e.message}`)));
      proc.once('exit', onExit);
      proc.on('message', (m: ChildMessage) => {
        if (m.type === 'ready') {
          this.heapCall = m.heapCall === true;
          proc.off('exit', onExit);
          resolve(proc);
          return;
        }
        const p = this.pending;
        if (!p || m.id !== p.id) return;
        this.pending = undefined;
        if (m.rss !== undefined) this.lastRss = m.rss;
        if (m.error !== undefined) p.reject(new SessionCrash(`z3-solver: ${m.error}`));
        else p.resolve(m.out ?? '');
      });
    });
  }

  protected request(proc: ChildProcess, text: string, renew: boolean): Promise<string> {
    const id = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject };
      proc.send({ id, text, renew }, (err) => {
        if (err && this.pending?.id === id) {
          this.pending = undefined;
          reject(new SessionCrash(`cannot reach z3-solver child: ${err.message}`));
        }
      });
    });
  }

  protected abandon(): void {
    this.pending = undefined;
  }

  protected override shouldRetire(): boolean {
    return this.lastRss > (this.opts.maxRssMb ?? 1536) * 1024 * 1024;
  }
}
