// Visiting every distinct node of expression DAGs once. Expressions share
// subterms heavily (a block's state is built from the same few values), so
// a walk keeps a seen-set by identity and an explicit stack (deep chains of
// stores would overflow recursion).
import type { BV, Mem } from './expr.js';

/** The direct subterms of a node. */
export function childrenOf(e: BV | Mem): readonly (BV | Mem)[] {
  switch (e.op) {
    case 'const': case 'var': case 'mem0': return [];
    case 'store': return [e.mem, e.addr, e.value];
    case 'load': return [e.mem, e.addr];
    case 'ite': return [e.c, e.t, e.e];
    case 'fp': case 'uf': return e.args;
    case 'not': case 'neg': case 'extract': case 'zext': case 'sext': return [e.a];
    default: return [e.a, e.b];
  }
}

/** Calls `visit` on each distinct node reachable from `roots`; stops early when it returns true. Returns whether it stopped. */
export function walkDag(roots: readonly (BV | Mem)[], visit: (e: BV | Mem) => boolean | void): boolean {
  const seen = new Set<object>();
  const stack = [...roots];
  while (stack.length) {
    const e = stack.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    if (visit(e) === true) return true;
    stack.push(...childrenOf(e));
  }
  return false;
}
