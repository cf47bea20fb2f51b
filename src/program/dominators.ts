// Dominators and natural-loop headers of a function's control-flow graph.
// The verifier cuts loops at their headers: a header is the target of a back
// edge (an edge u -> h where h dominates u). Irreducible cycles have no such
// header; whoever relies on the headers must notice a cycle that none cuts
// (the path enumeration in src/verify/paths.ts refuses it).
import type { AsmFunction } from './model.js';

/** Successor block ids inside the function (edges leaving it are ignored). */
function successorsOf(fn: AsmFunction, id: number): number[] {
  return fn.blocks[id]!.successors.flatMap((e) => ('block' in e.to ? [e.to.block] : []));
}

/**
 * Immediate dominators, by the iterative algorithm of Cooper, Harvey and
 * Kennedy over a reverse postorder from block 0. Unreachable blocks get -1.
 */
export function immediateDominators(fn: AsmFunction): number[] {
  const n = fn.blocks.length;
  const order: number[] = [];
  const seen = new Set<number>();
  // Iterative DFS for the postorder (functions can have thousands of blocks).
  const stack: { id: number; next: number }[] = [];
  if (n > 0) {
    stack.push({ id: 0, next: 0 });
    seen.add(0);
  }
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const succ = successorsOf(fn, top.id);
    if (top.next < succ.length) {
      const s = succ[top.next++]!;
      if (!seen.has(s)) {
        seen.add(s);
        stack.push({ id: s, next: 0 });
      }
    } else {
      order.push(top.id);
      stack.pop();
    }
  }
  const rpo = order.reverse();
  const rank = new Map(rpo.map((id, k) => [id, k]));
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (const id of rpo) for (const s of successorsOf(fn, id)) preds[s]!.push(id);
  const idom = new Array<number>(n).fill(-1);
  if (n === 0) return idom;
  idom[0] = 0;
  const intersect = (x: number, y: number): number => {
    while (x !== y) {
      while (rank.get(x)! > rank.get(y)!) x = idom[x]!;
      while (rank.get(y)! > rank.get(x)!) y = idom[y]!;
    }
    return x;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of rpo.slice(1)) {
      let d = -1;
      for (const p of preds[id]!) if (idom[p] !== -1) d = d === -1 ? p : intersect(p, d);
      if (d !== idom[id]) {
        idom[id] = d;
        changed = true;
      }
    }
  }
  return idom;
}

/** Does block `a` dominate block `b`? */
export function dominates(idom: number[], a: number, b: number): boolean {
  for (let x = b; x !== -1; x = idom[x]!) {
    if (x === a) return true;
    if (x === 0) return a === 0;
  }
  return false;
}

/** Headers of the natural loops: targets of back edges, in block order. */
export function loopHeaders(fn: AsmFunction): number[] {
  const idom = immediateDominators(fn);
  const headers = new Set<number>();
  for (const b of fn.blocks) {
    if (idom[b.id] === -1) continue;
    for (const s of successorsOf(fn, b.id)) if (dominates(idom, s, b.id)) headers.add(s);
  }
  return [...headers].sort((x, y) => x - y);
}

/**
 * Blocks where a loop can be cut instead of at its header: the header, then
 * the blocks of its natural loop that dominate every latch (every iteration
 * passes through them). Cutting a gcc -O0 `for` loop at its body rather than
 * at its condition block counts iterations as a rotated -O2 loop does.
 */
export function loopCutCandidates(fn: AsmFunction): Map<number, number[]> {
  const idom = immediateDominators(fn);
  const out = new Map<number, number[]>();
  for (const h of loopHeaders(fn)) {
    const latches = fn.blocks.filter((b) => idom[b.id] !== -1 && successorsOf(fn, b.id).includes(h) && dominates(idom, h, b.id)).map((b) => b.id);
    // The natural loop: the header and everything that reaches a latch without passing it.
    const body = new Set<number>([h]);
    const work = [...latches];
    while (work.length) {
      const x = work.pop()!;
      if (body.has(x)) continue;
      body.add(x);
      for (const p of fn.blocks[x]!.predecessors) if (!body.has(p)) work.push(p);
    }
    const others = [...body].filter((b) => b !== h && latches.every((l) => dominates(idom, b, l))).sort((x, y) => x - y);
    out.set(h, [h, ...others]);
  }
  return out;
}
