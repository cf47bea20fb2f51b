// The callee, as both sides of a block translation see it. A call is
// modelled soundly and identically on both sides: afterwards every
// register the convention lets a callee change holds a fresh value (fresh
// per side, except the caller-saved places the call's `after` mapping
// pairs: those get one shared fresh value), memory is one shared fresh
// array (the private-area slots the `after` mapping names excepted: they keep their contents),
// callee-saved registers keep theirs, and the link register holds one opaque
// return token on both sides, not two different addresses. (See
// sharedAfterCall for which caller-saved registers are shared.)
//
// What is trusted, because no block can check it: the call's `before`
// mapping names every argument register the callee reads (its arity), and
// the `after` mapping's result facts give the result's width (its type).
// Both come from prototypes on the translator's side; liftFunction checks
// them against the callee's own entry mapping for internal calls.
import type { Isa } from '../asm/ast.js';
import { conventionFor, type CallingConvention } from '../abi/conventions.js';
import { FORMAT_PARAM, VA_LIST_PARAM } from '../abi/libc.js';
import { concat, extract, v } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import type { CallPromise, MappedBits } from '../translate/contract.js';
import { BadRequest, copySlot, describeFact, widthOf } from './block-state.js';
import type { CallModel } from './block-exec.js';
import { checkRuntimeCall, checkVariadicArguments } from './block-call-variadic.js';

/** The target register that carries what a source register carries at a call (same position in the convention's lists). */
export function counterpart(src: CallingConvention, tgt: CallingConvention, name: string): string | undefined {
  for (const [a, b] of [
    [src.intArgs, tgt.intArgs],
    [src.fpArgs, tgt.fpArgs],
    [src.intResults, tgt.intResults],
    [src.fpResults, tgt.fpResults],
  ] as const) {
    const k = a.indexOf(name);
    if (k >= 0) return b[k];
  }
  if (name === src.stackPointer) return tgt.stackPointer;
  if (name === src.linkRegister) return tgt.linkRegister;
  return undefined;
}

/** Low bits of a FP register that travel between conventions (AArch64 v registers are 128 bits, RISC-V f registers 64). */
const FP_TRAVEL_BITS = 64;

function travels(src: CallingConvention, tgt: CallingConvention, f: MappedBits, srcIsa: Isa, tgtIsa: Isa): boolean {
  const other = counterpart(src, tgt, f.src);
  if (!other || f.to.kind !== 'reg' || f.to.name !== other) return false;
  const sw = widthOf(srcIsa, f.src)!;
  const tw = widthOf(tgtIsa, other)!;
  const sr = f.bits ?? { hi: sw - 1, lo: 0 };
  const tr = f.to.bits ?? { hi: tw - 1, lo: 0 };
  const fp = src.fpArgs.includes(f.src) || src.fpResults.includes(f.src);
  // Within one ISA a register travels whole; across, FP values travel in the low 64 bits.
  const limit = srcIsa === tgtIsa ? sw : fp ? FP_TRAVEL_BITS : 64;
  return sr.hi === tr.hi && sr.lo === tr.lo && sr.hi < limit;
}

/**
 * Checks the argument facts of a call's `before` mapping: every fact about
 * an argument register must put it in the target convention's register at
 * the same position (for a call with a variadic argument list: where the
 * target convention places that argument, see block-call-variadic.ts), and
 * the stack pointer must be mapped to the target's (stack arguments are
 * read through it).
 */
export function checkCallPromise(k: number, p: CallPromise, srcIsa: Isa, tgtIsa: Isa): void {
  const src = conventionFor(srcIsa);
  const tgt = conventionFor(tgtIsa);
  const sameRegister = (f: MappedBits): void => {
    if (!travels(src, tgt, f, srcIsa, tgtIsa))
      throw new BadRequest(`call ${k + 1} (${p.callee}): argument fact ${describeFact(f)} does not pass ${f.src} where the callee reads it (${counterpart(src, tgt, f.src)})`);
  };
  // The C library's variadic and va_list functions read arguments no plain register claim describes:
  // across ISAs, such a call must carry its argument list or go through the runtime.
  if (srcIsa !== tgtIsa && !p.runtime) {
    if (VA_LIST_PARAM.has(p.callee)) throw new BadRequest(`call ${k + 1} (${p.callee}): a va_list crosses ISAs only through the variadic runtime`);
    if (FORMAT_PARAM.has(p.callee) && !p.variadic) throw new BadRequest(`call ${k + 1} (${p.callee}): a variadic call must carry its argument list`);
  }
  // A call through the variadic runtime: the local 1:1 convention to the wrapper (block-call-variadic.ts).
  if (p.runtime) checkRuntimeCall(k, { ...p, runtime: p.runtime }, srcIsa, tgtIsa);
  // A variadic call's arguments may change register class (LP64D): placed from its argument list.
  else if (p.variadic) checkVariadicArguments(k, { ...p, variadic: p.variadic }, srcIsa, tgtIsa, sameRegister);
  else for (const f of p.before.facts) if ([...src.intArgs, ...src.fpArgs].includes(f.src)) sameRegister(f);
  const sp = p.before.facts.find((f) => f.src === src.stackPointer && !f.bits);
  if (!sp || sp.to.kind !== 'reg' || sp.to.name !== tgt.stackPointer || sp.to.bits)
    throw new BadRequest(`call ${k + 1} (${p.callee}): the before mapping must map ${src.stackPointer} to ${tgt.stackPointer}`);
}

/**
 * Facts of an `after` mapping the call model makes true by giving both sides
 * one shared fresh value: a caller-saved source register in a caller-saved
 * target register. Results must sit in their counterparts (x0 in a0), so a
 * claim that the result is elsewhere stays a claim and is checked. Other
 * caller-saved registers hold whatever the callee left, the same on both
 * sides (the callee saw identical inputs); code compiled from C never reads
 * them before writing, so the choice only matters for code with undefined
 * behaviour.
 */
function sharedAfterCall(p: CallPromise, srcIsa: Isa, tgtIsa: Isa): MappedBits[] {
  const src = conventionFor(srcIsa);
  const tgt = conventionFor(tgtIsa);
  const srcResults = [...src.intResults, ...src.fpResults];
  const tgtResults = [...tgt.intResults, ...tgt.fpResults];
  return p.after.facts.filter((f) => {
    if (f.to.kind !== 'reg' || f.src === src.linkRegister || f.to.name === tgt.linkRegister) return false;
    if (!src.callClobbered.includes(f.src) || !tgt.callClobbered.includes(f.to.name)) return false;
    if (srcResults.includes(f.src) || tgtResults.includes(f.to.name)) return travels(src, tgt, f, srcIsa, tgtIsa);
    return true;
  });
}

function fresh(isa: Isa, name: string, prefix: string, pieces: { lo: number; hi: number; value: BV }[]): BV {
  const w = widthOf(isa, name)!;
  const base = v(w, `${prefix}.${name}`);
  const sorted = [...pieces].sort((a, b) => a.lo - b.lo);
  let out: BV | undefined;
  let next = 0;
  const push = (x: BV) => void (out = out ? concat(x, out) : x);
  for (const p of sorted) {
    if (p.lo < next) continue; // a repeated claim: the first piece already covers it
    if (p.lo > next) push(extract(p.lo - 1, next, base));
    push(p.value);
    next = p.hi + 1;
  }
  if (next < w) push(extract(w - 1, next, base));
  return out!;
}

export interface CallModels {
  source: CallModel;
  target: CallModel;
}

export function callModels(
  srcIsa: Isa,
  tgtIsa: Isa,
  promises: readonly CallPromise[],
  privateAreas: ReadonlyMap<string, number>,
): CallModels {
  const make = (side: 'src' | 'tgt'): CallModel => (index, get, memBefore) => {
    const isa = side === 'src' ? srcIsa : tgtIsa;
    const cc = conventionFor(isa);
    const promise = promises[index];
    if (!promise) throw new BadRequest(`the ${side === 'src' ? 'source' : 'target'} makes call ${index + 1}, for which the translation has no call promise`);
    const shared = sharedAfterCall(promise, srcIsa, tgtIsa);
    const pieces = new Map<string, { lo: number; hi: number; value: BV }[]>();
    for (const f of shared) {
      const to = f.to as { name: string; bits?: { hi: number; lo: number } };
      const sw = widthOf(srcIsa, f.src)!;
      const sr = f.bits ?? { hi: sw - 1, lo: 0 };
      const r = side === 'src' ? sr : (to.bits ?? { hi: widthOf(tgtIsa, to.name)! - 1, lo: 0 });
      const name = side === 'src' ? f.src : to.name;
      const list = pieces.get(name) ?? [];
      list.push({ ...r, value: v(sr.hi - sr.lo + 1, `call${index}.after.${f.src}.${sr.hi}_${sr.lo}`) });
      pieces.set(name, list);
    }
    const set = new Map<string, BV>();
    for (const name of cc.callClobbered) {
      const w = widthOf(isa, name);
      if (w === undefined) continue;
      const value = fresh(isa, name, `call${index}.${side}`, pieces.get(name) ?? []);
      // AAPCS64 v8-v15: the callee preserves the low 64 bits, clobbers the rest.
      const kept = cc.calleeSaved.find((c) => c.name === name)?.bits;
      set.set(name, kept !== undefined && kept < w ? concat(extract(w - 1, kept, value), extract(kept - 1, 0, get(name))) : value);
    }
    set.set(cc.linkRegister, v(64, `call${index}.return-token`));
    let mem: Mem = { op: 'mem0', name: `call${index}.mem` };
    // The callee leaves the translator's private areas alone. Only the slots
    // the `after` mapping names are carried over (copying whole areas puts a
    // store before every later load, and such queries time out); other
    // private bytes are unknowns after the call.
    if (side === 'tgt')
      for (const f of [...promise.after.facts.map((x) => x.to), ...(promise.after.targetOnly ?? []).map((x) => x.place)])
        if (f.kind === 'mem' && privateAreas.has(f.symbol)) mem = copySlot(mem, memBefore, f.symbol, f.offset, f.bytes);
    return { set, mem };
  };
  return { source: make('src'), target: make('tgt') };
}
