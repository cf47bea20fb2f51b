// Typed entry point to the C corpus builder.
//
// The implementation lives in scripts/build-corpus.mjs (plain JS, so that
// `npm run corpus` needs no build step); this module re-exports it with
// types tied to the toolchain's Isa.
//
//   buildCorpus({isas, opts, jobs})   gcc -S -O<level> every tests/corpus/*.c
//                                     -> .cache/corpus/<isa>/<opt>/<name>.s
//   buildCorpusBinaries(...)          also link each .s -static -lm
//                                     -> .cache/corpus-bin/<isa>/<opt>/<name>
// Both are incremental (stamp = hash of input text + command line) and run
// compilers in parallel.

import * as impl from '../../scripts/build-corpus.mjs';
import type { Isa } from './gnu.js';

export type OptLevel = impl.OptLevel;
export type CorpusEntry = impl.CorpusEntry;
export type CorpusBinary = impl.CorpusBinary;

export interface BuildCorpusOptions {
  isas?: readonly Isa[];
  opts?: readonly OptLevel[];
  jobs?: number;
  names?: readonly string[];
}

export const CORPUS_ISAS: readonly Isa[] = impl.ISAS;
export const OPT_LEVELS: readonly OptLevel[] = impl.OPT_LEVELS;
export const CORPUS_DIR: string = impl.CORPUS_DIR;
export const ASM_CACHE_DIR: string = impl.ASM_CACHE_DIR;
export const BIN_CACHE_DIR: string = impl.BIN_CACHE_DIR;

/** Compile the corpus to assembly; one entry per (isa, opt, program). */
export function buildCorpus(options: BuildCorpusOptions = {}): Promise<CorpusEntry[]> {
  return impl.buildCorpus(options);
}

/** Compile and link the corpus into static executables. */
export function buildCorpusBinaries(options: BuildCorpusOptions = {}): Promise<CorpusBinary[]> {
  return impl.buildCorpusBinaries(options);
}

/** Absolute paths of tests/corpus/*.c, sorted. */
export function corpusCFiles(): string[] {
  return impl.corpusCFiles();
}

/** Already generated assembly files for (isa, opt), sorted by program name. */
export function corpusAsm(isa: Isa, opt: OptLevel): { name: string; asmPath: string }[] {
  return impl.corpusAsm(isa, opt);
}

/** Where the assembly / executable for one program is (or will be) stored. */
export function asmPathFor(isa: Isa, opt: OptLevel, name: string): string {
  return impl.asmPathFor(isa, opt, name);
}
export function binPathFor(isa: Isa, opt: OptLevel, name: string): string {
  return impl.binPathFor(isa, opt, name);
}

/** The gcc driver the builder uses for `isa` (same as toolFor(isa, 'gcc')). */
export function corpusGccFor(isa: Isa): string {
  return impl.gccFor(isa);
}
