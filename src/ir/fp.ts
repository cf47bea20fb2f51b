// Concrete IEEE 754 semantics of the IR's floating-point operations.
// NOT IMPLEMENTED YET: issue 3 assigns it; until then, evaluating a
// floating-point expression is reported as unsupported rather than guessed.
import type { BV } from './expr.js';

export class FpNotImplemented extends Error {}

export function evalFp(e: Extract<BV, { op: 'fp' }>, _args: bigint[]): bigint {
  throw new FpNotImplemented(`floating-point operation '${e.fop}' (${e.fw}-bit) has no concrete semantics yet`);
}
