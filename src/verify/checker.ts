// The verifier's question to the solver, through src/smt: can `formula` be
// true under the assumptions? A model comes back as values the interpreter
// can replay.
import { and } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { checkSat } from '../smt/prove.js';
import type { BackendChoice } from '../smt/solver.js';
import type { SatAnswer, SatChecker } from './prove.js';

export function smtChecker(timeoutMs: number, backend: BackendChoice = 'auto'): SatChecker {
  return async (formula: BV, assumptions: BV[]): Promise<SatAnswer> => {
    const query = assumptions.reduce((acc, a) => and(acc, a), formula);
    const r = await checkSat(query, { timeoutMs, backend });
    switch (r.status) {
      case 'unsat':
        return { status: 'unsat' };
      case 'sat': {
        const mem = r.memModel.get('mem');
        return {
          status: 'sat',
          value: (name, w) => (r.model.get(name) ?? 0n) & ((1n << BigInt(w)) - 1n),
          memByte: (addr) => mem?.bytes.get(addr) ?? mem?.default ?? 0,
        };
      }
      case 'timeout':
        return { status: 'unknown', reason: `the solver timed out after ${timeoutMs} ms` };
      case 'unknown':
        return { status: 'unknown', reason: `the solver answered unknown: ${r.reason}` };
      case 'error':
        return { status: 'unknown', reason: `solver error: ${r.message}` };
    }
  };
}
