// What must hold for a block translation to keep its promises, as a list of
// obligations over the shared symbolic inputs: "whenever `guard` holds,
// `lhs` equals `rhs`" (or: the two memories agree outside the private
// areas). Testing evaluates them on concrete inputs, the prover asks Z3.
import type { Isa } from '../asm/ast.js';
import { add, and, c, eq, extract, not, or, sub, ult } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { symbolAddress } from '../ir/asmexpr.js';
import type { BlockTranslation, ExitPromise, StateMapping } from '../translate/contract.js';
import type { CallSite, ExitDesc, SidePath } from './block-exec.js';
import { checkMapping, describeFact, describePlace, placeValue, sourceBits, type StateView } from './block-state.js';

export type Obligation =
  | { kind: 'eq'; what: string; guard: BV; lhs: BV; rhs: BV }
  /** Memories equal at every address outside the private areas. */
  | { kind: 'mem'; what: string; guard: BV; src: Mem; tgt: Mem };

const ONE = c(1, 1);
const ZERO = c(1, 0);

/** The successor keys a source path answers to: its own, and its promise's label for a fall-through. */
function sourceKeys(exit: ExitDesc, promise: ExitPromise): string[] {
  switch (exit.kind) {
    case 'label':
      return [`label:${exit.name}`];
    case 'fall':
      return promise.label ? ['fall', `label:${promise.label}`] : ['fall'];
    case 'return':
      return ['return'];
    case 'computed':
      return ['computed'];
    case 'trap':
      return ['trap'];
  }
}

function targetKey(exit: ExitDesc): string {
  return exit.kind === 'label' ? `label:${exit.name}` : exit.kind;
}

function describeExit(exit: ExitDesc): string {
  switch (exit.kind) {
    case 'label':
      return `to ${exit.name}`;
    case 'fall':
      return 'falls through';
    case 'return':
      return 'returns';
    case 'computed':
      return 'jumps through a register';
    case 'trap':
      return 'traps';
  }
}

/** The exit promise a source path keeps. */
export function promiseFor(exit: ExitDesc, isBranchFall: boolean, exits: readonly ExitPromise[]): ExitPromise | undefined {
  switch (exit.kind) {
    case 'label':
      return exits.find((e) => (e.kind === 'taken' || e.kind === 'jump' || e.kind === 'tail-call') && e.label === exit.name);
    case 'fall':
      return exits.find((e) => (isBranchFall ? e.kind === 'not-taken' || e.kind === 'fallthrough' : e.kind === 'fallthrough' || e.kind === 'not-taken'));
    case 'return':
      return exits.find((e) => e.kind === 'return');
    case 'computed':
      // Only a tail call through a register: a jump table's dispatch is not verifiable at block level yet.
      return exits.find((e) => e.kind === 'tail-call' && e.indirect === true);
    case 'trap':
      return exits.find((e) => e.kind === 'trap');
  }
}

function mappingObligations(
  tgtIsa: Isa,
  m: StateMapping,
  s: StateView,
  t: StateView,
  guard: BV,
  where: string,
  out: Obligation[],
): void {
  for (const f of m.facts) {
    const w = widthOf(f);
    const lhs = sourceBits(s, f, f.bits ?? { hi: s.get(f.src).w - 1, lo: 0 });
    out.push({ kind: 'eq', what: `${where}: ${describeFact(f)}`, guard, lhs, rhs: placeValue(tgtIsa, t, f.to, w ?? lhs.w) });
  }
  for (const x of m.targetOnly ?? []) {
    const rhs = placeValue(tgtIsa, t, x.place, 0);
    out.push({ kind: 'eq', what: `${where}: target ${describePlace(x.place)} = 0x${x.value.toString(16)}`, guard, lhs: c(rhs.w, x.value), rhs });
  }
}

function widthOf(f: { bits?: { hi: number; lo: number } }): number | undefined {
  return f.bits ? f.bits.hi - f.bits.lo + 1 : undefined;
}

export interface ObligationSet {
  obligations: Obligation[];
  /** Facts about the inputs (1-bit, assumed 1): private areas are apart from program memory. */
  assumptions: BV[];
}

/** Is a byte address inside one of the private areas? */
export function inPrivate(addr: BV, areas: ReadonlyMap<string, number>): BV {
  let r: BV = ZERO;
  for (const [sym, bytes] of areas) r = or(r, ult(sub(addr, symbolAddress(sym)), c(64, bytes)));
  return r;
}

function disjoint(a: BV, an: number, b: BV, bn: number): BV {
  return and(not(ult(sub(a, b), c(64, bn))), not(ult(sub(b, a), c(64, an))));
}

export function buildObligations(
  req: { srcIsa: Isa; tgtIsa: Isa; block: BlockTranslation },
  src: SidePath[],
  tgt: SidePath[],
  privateAreas: ReadonlyMap<string, number>,
  sourceAccesses: { addr: BV; bytes: number }[],
): ObligationSet {
  const { srcIsa, tgtIsa, block } = req;
  const out: Obligation[] = [];
  for (const e of block.exits) checkMapping(srcIsa, tgtIsa, e.mapping, privateAreas, `exit ${e.kind}${e.label ? ` ${e.label}` : ''}`);
  block.calls.forEach((p, k) => {
    checkMapping(srcIsa, tgtIsa, p.before, privateAreas, `call ${k + 1} before`);
    checkMapping(srcIsa, tgtIsa, p.after, privateAreas, `call ${k + 1} after`);
  });

  const isBranch = src.length > 1;
  const sources = src.map((s) => {
    const promise = promiseFor(s.exit, isBranch, block.exits);
    if (!promise && s.exit.kind === 'computed') throw new MissingPromise('the source jumps through a register, and the translation promises no tail call through a register (a jump table dispatch is not verifiable at block level yet)');
    if (!promise) throw new MissingPromise(`the source ${describeExit(s.exit)}, but the translation promises no such exit`);
    return { path: s, promise, keys: sourceKeys(s.exit, promise) };
  });

  for (const t of tgt) {
    const key = targetKey(t.exit);
    for (const s of sources) {
      const guard = and(t.cond, s.path.cond);
      if (!s.keys.includes(key)) {
        out.push({ kind: 'eq', what: `the target ${describeExit(t.exit)} where the source ${describeExit(s.path.exit)}`, guard, lhs: ONE, rhs: ZERO });
        continue;
      }
      const where = `exit ${describeExit(s.path.exit)}`;
      if (s.path.exit.kind === 'return' && t.exit.kind === 'return')
        out.push({ kind: 'eq', what: `${where}: return address`, guard, lhs: s.path.exit.via, rhs: t.exit.via });
      if (s.path.exit.kind === 'computed' && t.exit.kind === 'computed')
        out.push({ kind: 'eq', what: `${where}: jump address`, guard: and(guard, codeAligned(srcIsa, s.path.exit.target)), lhs: s.path.exit.target, rhs: t.exit.target });
      callObligations(req, s.path.calls, t.calls, guard, out);
      mappingObligations(tgtIsa, s.promise.mapping, s.path.final, t.final, guard, where, out);
      out.push({ kind: 'mem', what: `${where}: memory outside the private areas`, guard, src: s.path.final.mem, tgt: t.final.mem });
    }
  }

  const assumptions: BV[] = [];
  const areas = [...privateAreas];
  for (const [k, [sym, bytes]] of areas.entries()) {
    const base = symbolAddress(sym);
    // The area does not wrap around the address space.
    assumptions.push(not(ult(add(base, c(64, bytes - 1)), base)));
    for (const [sym2, bytes2] of areas.slice(k + 1)) assumptions.push(disjoint(base, bytes, symbolAddress(sym2), bytes2));
    for (const a of sourceAccesses) assumptions.push(disjoint(base, bytes, a.addr, a.bytes));
  }
  return { obligations: out, assumptions: dedupe(assumptions) };
}

/**
 * A jump or call through a register to an address that is not a multiple of
 * the source's instruction size faults on the source (AArch64: PC alignment
 * fault), like any access the memory model does not cover; RISC-V clears
 * bit 0 of a `jalr` target. So addresses are compared where the source
 * reaches an instruction; elsewhere no exit happens on the source.
 */
function codeAligned(srcIsa: Isa, addr: BV): BV {
  if (srcIsa !== 'aarch64') return ONE;
  return eq(extract(1, 0, addr), c(2, 0));
}

function dedupe(xs: BV[]): BV[] {
  return [...new Set(xs)].filter((x) => !(x.op === 'const' && x.value === 1n));
}

function callObligations(req: { srcIsa: Isa; tgtIsa: Isa; block: BlockTranslation }, sc: CallSite[], tc: CallSite[], guard: BV, out: Obligation[]): void {
  if (sc.length !== tc.length) {
    out.push({ kind: 'eq', what: `the source makes ${sc.length} calls, the target ${tc.length}`, guard, lhs: ONE, rhs: ZERO });
    return;
  }
  for (const [k, s] of sc.entries()) {
    const t = tc[k]!;
    const promise = req.block.calls[k]!;
    const where = `call ${k + 1} (${promise.callee})`;
    const sName = s.target.kind === 'symbol' ? s.target.name : undefined;
    const tName = t.target.kind === 'symbol' ? t.target.name : undefined;
    if (promise.runtime) {
      // Through the variadic runtime (checkRuntimeCall checked the pairing): the target calls the promised wrapper, by name.
      if (sName !== promise.callee || tName !== promise.runtime.wrapper)
        out.push({ kind: 'eq', what: `${where}: the source calls ${sName ?? 'through a register'}, the target ${tName ?? 'through a register'}, not the runtime wrapper ${promise.runtime.wrapper}`, guard, lhs: ONE, rhs: ZERO });
    } else if (sName !== undefined && tName !== undefined) {
      if (sName !== tName) out.push({ kind: 'eq', what: `${where}: the source calls ${sName}, the target ${tName}`, guard, lhs: ONE, rhs: ZERO });
    } else {
      const sa = s.target.kind === 'symbol' ? symbolAddress(s.target.name) : s.target.value;
      const ta = t.target.kind === 'symbol' ? symbolAddress(t.target.name) : t.target.value;
      out.push({ kind: 'eq', what: `${where}: callee address`, guard: and(guard, codeAligned(req.srcIsa, sa)), lhs: sa, rhs: ta });
    }
    mappingObligations(req.tgtIsa, promise.before, s.before, t.before, guard, `${where}, before`, out);
    out.push({ kind: 'mem', what: `${where}: memory at the call`, guard, src: s.before.mem, tgt: t.before.mem });
    mappingObligations(req.tgtIsa, promise.after, s.after, t.after, guard, `${where}, after`, out);
  }
}

/** The source leaves in a way the translation made no promise about. */
export class MissingPromise extends Error {}
