// libgcc's outline atomics (`__aarch64_ldadd4_acq_rel` and friends), as the
// source side of a block sees them. gcc calls these helpers instead of
// emitting LSE instructions (-moutline-atomics, the default on Linux); the
// translator inlines the operation on the target (amoadd.w, an lr/sc loop),
// so the target makes no call. An opaque call model would then leave the
// two sides with different memories and different call counts and refute
// every such block. The helpers are known functions with a documented
// contract (libgcc/config/aarch64/lse.S): apart from the temporaries x15,
// x16, x17, only the return register x0 and the flags change, and the
// memory effect is exactly the named atomic operation. That contract is what
// the source side executes here, on a single hart (like the RISC-V A
// extension semantics): the load, the operation and the store happen at once.
//
// The helper is recognised by the symbol the source instruction calls (the
// call promise's callee is checked against it in block.ts), never by the
// translator's word alone. 16-byte CAS (x0..x4, a register pair) is not
// modelled: it falls back to the opaque call model and stays a call.
import type { Isa } from '../asm/ast.js';
import { add, and, eq, ite, load, not, or, store, trunc, v, xor, zext } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';

export type AtomicOp = 'cas' | 'swp' | 'ldadd' | 'ldclr' | 'ldeor' | 'ldset';

export interface OutlineAtomic {
  op: AtomicOp;
  /** Bytes of the memory operand: 1, 2, 4 or 8. */
  bytes: number;
}

const HELPER = /^__aarch64_(cas|swp|ldadd|ldclr|ldeor|ldset)(1|2|4|8)_(relax|acq|rel|acq_rel|sync)$/;

/** The helper a callee symbol names, when it is one of libgcc's outline atomics this module models. */
export function outlineAtomic(callee: string): OutlineAtomic | undefined {
  const m = HELPER.exec(callee);
  return m ? { op: m[1] as AtomicOp, bytes: Number(m[2]) } : undefined;
}

/** Registers the helpers may change besides x0 (lse.S: tmp0 = x16, tmp1 = x17, tmp2 = x15; the flags through cmp). */
const CLOBBERED = ['x15', 'x16', 'x17', 'n', 'z', 'c', 'v'] as const;

/** The value the helper leaves in memory, from the old value and its operand (both `bytes` wide). */
function combine(op: Exclude<AtomicOp, 'cas'>, old: BV, operand: BV): BV {
  switch (op) {
    case 'swp':
      return operand;
    case 'ldadd':
      return add(old, operand);
    case 'ldclr':
      return and(old, not(operand));
    case 'ldeor':
      return xor(old, operand);
    case 'ldset':
      return or(old, operand);
  }
}

/**
 * What call `index` to the helper does to the AArch64 state: registers set
 * and the new memory. cas (x0 expected, x1 desired, x2 address) stores the
 * desired value when memory held the expected one (storing the old value back
 * otherwise leaves the same bytes); the others (x0 operand, x1 address) store
 * the combined value. Both return the old value zero-extended in x0 (a `w`
 * or narrower load zero-extends). x30 holds the call's return address, which
 * the target does not have: a fresh value, as are the helper's temporaries
 * and the flags.
 */
export function atomicCallEffect(
  isa: Isa,
  a: OutlineAtomic,
  index: number,
  get: (name: string) => BV,
  mem: Mem,
): { set: Map<string, BV>; mem: Mem } {
  if (isa !== 'aarch64') throw new Error(`outline atomics are AArch64 helpers, not ${isa}`);
  const w = a.bytes * 8;
  const addr = get(a.op === 'cas' ? 'x2' : 'x1');
  const old = load(mem, addr, a.bytes);
  const operand = trunc(w, get(a.op === 'cas' ? 'x1' : 'x0'));
  const value = a.op === 'cas' ? ite(eq(old, trunc(w, get('x0'))), operand, old) : combine(a.op, old, operand);
  const set = new Map<string, BV>();
  set.set('x0', w === 64 ? old : zext(64, old));
  for (const r of CLOBBERED) set.set(r, v(r.startsWith('x') ? 64 : 1, `atomic${index}.${r}`));
  set.set('x30', v(64, `atomic${index}.x30`));
  return { set, mem: store(mem, addr, value) };
}
