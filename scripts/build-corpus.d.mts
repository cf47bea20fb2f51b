// Type declarations for scripts/build-corpus.mjs (the plain-JS corpus builder).
// Consumers should import through src/toolchain/corpus.ts.

export type CorpusIsa = 'aarch64' | 'riscv64' | 'x86_64';
export type OptLevel = 'O0' | 'O1' | 'O2' | 'O3' | 'Os';

export const ISAS: readonly CorpusIsa[];
export const OPT_LEVELS: readonly OptLevel[];
export const ROOT: string;
export const CORPUS_DIR: string;
export const ASM_CACHE_DIR: string;
export const BIN_CACHE_DIR: string;

export interface BuildOptions {
  /** ISAs to build (default: all three). */
  isas?: readonly CorpusIsa[];
  /** Optimisation levels (default: O0 O1 O2 O3 Os). */
  opts?: readonly OptLevel[];
  /** Parallel compiler processes (default: os.availableParallelism()). */
  jobs?: number;
  /** Restrict to these program names (file names without .c). */
  names?: readonly string[];
}

export interface CorpusEntry {
  isa: CorpusIsa;
  opt: OptLevel;
  /** Program name: the .c file name without extension. */
  name: string;
  cPath: string;
  asmPath: string;
  /** Compilation succeeded (or the up-to-date output was reused). */
  ok: boolean;
  /** Output was up to date and nothing ran. */
  cached: boolean;
  /** Compiler diagnostics ('' when cached). */
  stderr: string;
}

export interface CorpusBinary extends CorpusEntry {
  exePath: string;
}

export function gccFor(isa: CorpusIsa): string;
export function corpusCFiles(): string[];
export function asmPathFor(isa: CorpusIsa, opt: OptLevel, name: string): string;
export function binPathFor(isa: CorpusIsa, opt: OptLevel, name: string): string;
export function corpusAsm(isa: CorpusIsa, opt: OptLevel): { name: string; asmPath: string }[];
export function compileArgs(opt: OptLevel, cPath: string, sPath: string): string[];
export function linkArgs(sPath: string, exePath: string): string[];
export function buildCorpus(options?: BuildOptions): Promise<CorpusEntry[]>;
export function buildCorpusBinaries(options?: BuildOptions): Promise<CorpusBinary[]>;
