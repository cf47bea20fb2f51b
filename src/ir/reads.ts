// Which initial values a symbolically executed piece of code really uses.
// Shared by the translator's liveness and the verifier's lift, which must
// agree on it without the verifier trusting the translator's result.
import type { BV, Mem } from './expr.js';
import type { ExecResult } from './symexec.js';
import { walkDag } from './walk.js';

/** Everything executed code produces: written values, memory, exit and call operands. */
export function outputsOf(r: ExecResult): (BV | Mem)[] {
  const roots: (BV | Mem)[] = [...r.written.values(), r.mem];
  const exit = r.exit;
  if (exit.kind === 'branch') roots.push(exit.cond);
  if (exit.kind === 'return') roots.push(exit.via);
  if ((exit.kind === 'branch' || exit.kind === 'jump') && exit.target.kind === 'address') roots.push(exit.target.value);
  for (const call of r.calls) {
    roots.push(...call.before.values(), call.memBefore);
    if (call.target.kind === 'address') roots.push(call.target.value);
  }
  return roots;
}

/**
 * Whether the initial value of component `name` reaches anything the code
 * produces. Lane-wise vector semantics read the destination to rebuild it
 * even when every lane is overwritten (`ushr v2.4s, v0.4s, #1`); such a read
 * is no use: a value that appears in no output cannot matter.
 */
export function readsInitial(r: ExecResult, name: string): boolean {
  return walkDag(outputsOf(r), (e) => e.op === 'var' && e.name === name);
}
