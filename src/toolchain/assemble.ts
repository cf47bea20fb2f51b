// Assembles text with GNU as and compares object files: the ground truth for
// "the printer reproduces the input exactly".
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { toolFor, type Isa } from './gnu.js';

const execFileAsync = promisify(execFile);

export interface AssembleResult {
  ok: boolean;
  object?: Buffer;
  stderr: string;
}

/**
 * Assembles `text` in a fresh temporary directory as `<baseName>.s`. The base
 * name matters: without `.file`, gas records the input file name in the
 * object's symbol table, so two texts compare equal only under the same name.
 */
export async function assembleText(isa: Isa, text: string, baseName = 'input', timeoutMs = 60_000): Promise<AssembleResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transpile-as-'));
  try {
    const src = path.join(dir, `${baseName}.s`);
    const obj = path.join(dir, `${baseName}.o`);
    fs.writeFileSync(src, text);
    try {
      await execFileAsync(toolFor(isa, 'as'), [`${baseName}.s`, '-o', `${baseName}.o`], { cwd: dir, timeout: timeoutMs, maxBuffer: 16 << 20 });
    } catch (e) {
      return { ok: false, stderr: (e as { stderr?: string }).stderr ?? String(e) };
    }
    return { ok: true, object: fs.readFileSync(obj), stderr: '' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface ObjectComparison {
  same: boolean;
  /** Why not, when they differ: an assembler error or the first differing byte. */
  detail?: string;
}

/** Assembles both texts under the same file name and compares the objects byte for byte. */
export async function compareAssembled(isa: Isa, original: string, printed: string, baseName = 'input'): Promise<ObjectComparison> {
  const [a, b] = await Promise.all([assembleText(isa, original, baseName), assembleText(isa, printed, baseName)]);
  if (!a.ok) return { same: false, detail: `the original does not assemble: ${a.stderr.trim()}` };
  if (!b.ok) return { same: false, detail: `the printed text does not assemble: ${b.stderr.trim()}` };
  if (a.object!.equals(b.object!)) return { same: true };
  let k = 0;
  while (k < a.object!.length && a.object![k] === b.object![k]) k++;
  return { same: false, detail: `objects differ (sizes ${a.object!.length} and ${b.object!.length}, first difference at byte ${k})` };
}

/** Runs async jobs with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}
