// The single place that knows how to find and invoke the GNU toolchain and qemu.
//
// Cross tools use the Debian triplet prefixes (`aarch64-linux-gnu-gcc`, ...);
// x86_64 is the host ISA and uses the plain native names. Guest programs for
// aarch64/riscv64 are statically linked and run under user-mode qemu, invoked
// explicitly (binfmt_misc is not assumed). Every run has a timeout, because the
// programs we execute are not trusted to terminate.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Isa = 'aarch64' | 'riscv64' | 'x86_64';

export type GnuTool = 'gcc' | 'as' | 'objdump' | 'readelf' | 'objcopy' | 'nm';

export const ALL_ISAS: readonly Isa[] = ['aarch64', 'riscv64', 'x86_64'];

/** Default timeout for any spawned tool or guest program. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** GNU target triplet for an ISA (Debian multiarch naming). */
export function tripleFor(isa: Isa): string {
  switch (isa) {
    case 'aarch64':
      return 'aarch64-linux-gnu';
    case 'riscv64':
      return 'riscv64-linux-gnu';
    case 'x86_64':
      return 'x86_64-linux-gnu';
  }
}

/** Command name of a GNU tool for `isa` (native names for x86_64, the host). */
export function toolFor(isa: Isa, tool: GnuTool): string {
  return isa === 'x86_64' ? tool : `${tripleFor(isa)}-${tool}`;
}

/** qemu user-mode emulator for `isa`, or null when it runs natively (x86_64). */
export function qemuFor(isa: Isa): string | null {
  switch (isa) {
    case 'aarch64':
      return 'qemu-aarch64';
    case 'riscv64':
      return 'qemu-riscv64';
    case 'x86_64':
      return null;
  }
}

const toolCache = new Map<string, boolean>();

/**
 * True when `cmd` is an executable file: either a path containing '/', or a
 * name found in one of the PATH directories. Cached per command name; no shell
 * is spawned.
 */
export function hasTool(cmd: string): boolean {
  const cached = toolCache.get(cmd);
  if (cached !== undefined) return cached;
  const candidates = cmd.includes('/')
    ? [cmd]
    : (process.env['PATH'] ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, cmd));
  const found = candidates.some(isExecutableFile);
  toolCache.set(cmd, found);
  return found;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every external command needed to compile, inspect and run code for `isa`. */
export function toolsFor(isa: Isa): string[] {
  const tools: GnuTool[] = ['gcc', 'as', 'objdump', 'readelf', 'objcopy', 'nm'];
  const cmds = tools.map((t) => toolFor(isa, t));
  const qemu = qemuFor(isa);
  if (qemu !== null) cmds.push(qemu);
  return cmds;
}

/** The commands from `toolsFor` that are not on PATH, over all given ISAs. */
export function missingTools(isas: readonly Isa[]): string[] {
  const missing = new Set<string>();
  for (const isa of isas) {
    for (const cmd of toolsFor(isa)) {
      if (!hasTool(cmd)) missing.add(cmd);
    }
  }
  return [...missing];
}

export interface RunOptions {
  /** Bytes or text fed to stdin (stdin is empty otherwise). */
  input?: string | Buffer;
  /** Kill the process after this long (default DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
  cwd?: string;
}

export interface RunResult {
  /** Exit status; null when killed by a signal (including on timeout). */
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Run `cmd args...` synchronously, without a shell, and capture its output. */
export function runTool(cmd: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  const res = spawnSync(cmd, args, {
    input: opts.input ?? '',
    timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    cwd: opts.cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: 'pipe',
  });
  const err = res.error as NodeJS.ErrnoException | undefined;
  const timedOut = err?.code === 'ETIMEDOUT';
  let stderr = res.stderr ?? '';
  if (err !== undefined && !timedOut) stderr += `${stderr === '' ? '' : '\n'}${cmd}: ${err.message}`;
  return {
    status: res.status,
    stdout: res.stdout ?? '',
    stderr,
    timedOut,
  };
}

/**
 * Run a (statically linked) executable built for `isa`: under qemu for the
 * foreign ISAs, natively for x86_64. Always bounded by a timeout.
 */
export function runProgram(
  isa: Isa,
  exePath: string,
  opts: { timeoutMs?: number; input?: string | Buffer; args?: readonly string[]; cwd?: string } = {},
): RunResult {
  const qemu = qemuFor(isa);
  const args = opts.args ?? [];
  const runOpts: RunOptions = { timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  if (opts.input !== undefined) runOpts.input = opts.input;
  if (opts.cwd !== undefined) runOpts.cwd = opts.cwd;
  return qemu === null ? runTool(exePath, args, runOpts) : runTool(qemu, [exePath, ...args], runOpts);
}
