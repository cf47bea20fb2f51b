// What a satisfiability check answers. Shared by the backends, the cache
// and the proof API.
import type { MemModel, UfPoint } from './model.js';

export type BackendName = 'native' | 'wasm';

export interface SolveInfo {
  readonly backend: BackendName;
  /** Wall time of the check (0 for a cache hit). */
  readonly ms: number;
  readonly cached: boolean;
}

export type SolverAnswer =
  | { readonly status: 'unsat' }
  | {
      readonly status: 'sat';
      /** Every free variable of the query, by IR name. */
      readonly model: Map<string, bigint>;
      /** Every initial memory: default byte and explicit bytes (the bytes loads read are always explicit). */
      readonly memModel: Map<string, MemModel>;
      /** Values of uninterpreted function applications, by function name. */
      readonly ufModel: Map<string, UfPoint[]>;
      /** Values of the query's observed expressions, in order. */
      readonly observed: bigint[];
    }
  | { readonly status: 'unknown'; readonly reason: string }
  | { readonly status: 'timeout' }
  | { readonly status: 'error'; readonly message: string };

export type SolverResult = SolverAnswer & { readonly info?: SolveInfo };

export type SatResult = Extract<SolverResult, { status: 'sat' }>;
