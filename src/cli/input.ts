// Reads an assembly input file with the checks a user deserves before parsing:
// it exists, it is a file, it is not binary, not absurdly large, and which
// dialect it is written in.
import fs from 'node:fs';
import { ISAS, type Isa } from '../asm/ast.js';
import { detectIsa } from '../asm/detect.js';
import { UserError } from './errors.js';

export const DEFAULT_MAX_INPUT_MB = 64;

export function parseIsaOption(value: string | undefined, flag: string): Isa | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase().replace('-', '_');
  const alias: Record<string, Isa> = { arm64: 'aarch64', riscv: 'riscv64', rv64: 'riscv64', x86: 'x86_64', amd64: 'x86_64', x64: 'x86_64' };
  const isa = (ISAS as readonly string[]).includes(v) ? (v as Isa) : alias[v];
  if (!isa) throw new UserError(`${flag} must be one of ${ISAS.join(', ')} (got '${value}')`);
  return isa;
}

export interface InputText {
  path: string;
  text: string;
  isa: Isa;
  /** Set when the dialect was detected rather than given, for a note on stderr. */
  detected: boolean;
}

export function readAsmInput(path: string, isa: Isa | undefined, maxMb = DEFAULT_MAX_INPUT_MB, isaFlag = '--isa'): InputText {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new UserError(`${path}: no such file`);
  }
  if (stat.isDirectory()) throw new UserError(`${path}: is a directory, expected an assembly file`);
  if (stat.size > maxMb * 1024 * 1024)
    throw new UserError(
      `${path}: file is ${(stat.size / 1024 / 1024).toFixed(0)} MB, over the ${maxMb} MB input limit; ` +
        `split it, or raise the limit with --max-input-mb`,
    );
  const buf = fs.readFileSync(path);
  if (buf.subarray(0, 65536).includes(0))
    throw new UserError(`${path}: this is a binary file, not assembly text (an object file or executable?)`);
  const text = buf.toString('utf8');
  if (isa) return { path, text, isa, detected: false };
  if (text.trim() === '') throw new UserError(`${path}: file is empty; there is nothing to read`);
  const det = detectIsa(text);
  if (!det.isa)
    throw new UserError(`${path}: cannot tell which assembly dialect this is; pass ${isaFlag} aarch64|riscv64|x86_64`);
  return { path, text, isa: det.isa, detected: true };
}
