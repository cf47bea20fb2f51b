// Argument claims at a call to a variadic external function (printf). The
// two conventions place such an argument list differently: AAPCS64 (and
// x86-64 SysV) put every argument, named or not, in the next register of its
// class and then on the stack, while RISC-V LP64D passes variadic arguments,
// floating-point ones included, in the next integer register a0-a7. The
// translator moves the values and says so in the call's `before` mapping
// (`v0[63:0] -> x11`); this module does not trust that: it places the
// argument list on both sides itself and accepts only claims that carry
// each argument from where the source callee reads it to where the target
// callee reads it. The argument list's classes (from the prototype and the
// format string) are trusted, like a call's arity is for other calls.
import type { Isa } from '../asm/ast.js';
import { conventionFor, type CallingConvention } from '../abi/conventions.js';
import type { CallPromise } from '../translate/contract.js';
import { runtimeWrapperFor } from '../abi/libc.js';
import { BadRequest, describeFact, widthOf } from './block-state.js';

/** Where one argument is passed: a register by canonical name, or the k-th 8-byte stack slot. */
export type ArgumentPlace = { reg: string } | { stack: number };

type ArgumentClass = 'int' | 'fp';

interface PlacementRules {
  /** A named FP argument goes to the next integer register when the FP ones are used up (LP64D). */
  namedFpFallsBackToInt: boolean;
  /** Variadic arguments of every class go to integer registers (LP64D). */
  variadicInInt: boolean;
}

/** How each ISA's C convention places an argument list (Linux). */
function rulesFor(isa: Isa): PlacementRules {
  return isa === 'riscv64' ? { namedFpFallsBackToInt: true, variadicInInt: true } : { namedFpFallsBackToInt: false, variadicInInt: false };
}

/** The place of every argument of a list whose first `fixed` arguments are named, under one convention. */
export function placeArguments(isa: Isa, classes: readonly ArgumentClass[], fixed: number): ArgumentPlace[] {
  const cc: CallingConvention = conventionFor(isa);
  const rules = rulesFor(isa);
  let int = 0;
  let fp = 0;
  let stack = 0;
  const nextInt = (): ArgumentPlace => (int < cc.intArgs.length ? { reg: cc.intArgs[int++]! } : { stack: stack++ });
  return classes.map((c, k) => {
    const named = k < fixed;
    if (c === 'int' || (!named && rules.variadicInInt)) return nextInt();
    if (fp < cc.fpArgs.length) return { reg: cc.fpArgs[fp++]! };
    if (named && rules.namedFpFallsBackToInt && int < cc.intArgs.length) return nextInt();
    return { stack: stack++ };
  });
}

const describe = (p: ArgumentPlace): string => ('reg' in p ? p.reg : `stack slot ${p.stack}`);

/**
 * Checks the argument facts of the `before` mapping of a call that carries
 * its argument list. Every fact about a listed argument register must put
 * exactly those bits in the register the target callee reads that argument
 * from, every register-passed argument must be claimed, and an argument on
 * the stack must sit in the same slot on both sides (memory and sp are
 * identical across the two sides). Facts about argument registers outside
 * the list are held to `otherFact` (the rule for non-variadic calls).
 */
export function checkVariadicArguments(
  k: number,
  p: CallPromise & { variadic: NonNullable<CallPromise['variadic']> },
  srcIsa: Isa,
  tgtIsa: Isa,
  otherFact: (f: CallPromise['before']['facts'][number]) => void,
): void {
  const where = `call ${k + 1} (${p.callee})`;
  const { fixed, args } = p.variadic;
  if (!Number.isInteger(fixed) || fixed < 0 || fixed > args.length) throw new BadRequest(`${where}: the argument list's fixed count ${fixed} is not within its ${args.length} arguments`);
  const classes = args.map((a) => a.class);
  const srcPlaces = placeArguments(srcIsa, classes, fixed);
  const tgtPlaces = placeArguments(tgtIsa, classes, fixed);
  const bySource = new Map<string, { index: number; to: string }>();
  args.forEach((a, i) => {
    const s = srcPlaces[i]!;
    const t = tgtPlaces[i]!;
    const srcName = 'reg' in s ? s.reg : 'stack';
    if (a.src !== srcName) throw new BadRequest(`${where}: argument ${i + 1} (${a.class}) is passed in ${describe(s)} on the source, not ${a.src}`);
    if ('stack' in s || 'stack' in t) {
      if (!('stack' in s && 'stack' in t && s.stack === t.stack))
        throw new BadRequest(`${where}: argument ${i + 1} is passed in ${describe(s)} on the source but ${describe(t)} on the target; only equal stack slots are modelled`);
      return;
    }
    bySource.set(s.reg, { index: i, to: t.reg });
  });
  const src = conventionFor(srcIsa);
  const claimed = new Set<string>();
  for (const f of p.before.facts) {
    if (![...src.intArgs, ...src.fpArgs].includes(f.src)) continue;
    const arg = bySource.get(f.src);
    if (!arg) {
      otherFact(f);
      continue;
    }
    const refuse = (why: string): never => {
      throw new BadRequest(`${where}: argument fact ${describeFact(f)} does not pass argument ${arg.index + 1} where the callee reads it (${arg.to}): ${why}`);
    };
    if (f.to.kind !== 'reg' || f.to.name !== arg.to) refuse(`wrong place`);
    const to = f.to as { name: string; bits?: { hi: number; lo: number } };
    const sw = widthOf(srcIsa, f.src)!;
    const tw = widthOf(tgtIsa, to.name)!;
    const sr = f.bits ?? { hi: sw - 1, lo: 0 };
    const tr = to.bits ?? { hi: tw - 1, lo: 0 };
    // The callee reads the argument's low bits; at most 64 of them travel (a v register is wider than any target register).
    if (sr.hi !== tr.hi || sr.lo !== tr.lo) refuse('the bit ranges differ');
    if (sr.lo !== 0 || sr.hi >= Math.min(64, sw, tw)) refuse('only low bits, at most 64, travel');
    claimed.add(f.src);
  }
  for (const [reg, arg] of bySource)
    if (!claimed.has(reg)) throw new BadRequest(`${where}: argument ${arg.index + 1} (${reg}, read from ${arg.to} on the target) is not claimed`);
}

/**
 * Checks a call the translator routed through transpile's variadic runtime
 * (`CallPromise.runtime`): the source calls a C library function whose
 * arguments the static lowering cannot place (a `va_list`, a printf format
 * known only at run time), the target calls the runtime wrapper that stands
 * for it, with the local 1:1 convention. Accepted only in that exact form:
 * the callee has a wrapper (abi/libc.ts), the promise names that wrapper,
 * the call is external and carries no static argument list, and every
 * register the wrapper reads is claimed whole in its 1:1 place (x3 in a3,
 * v2's low 64 bits in fa2), with no other argument-register fact placed
 * elsewhere. (That the target really calls the wrapper is an obligation,
 * block-obligations.ts; sp -> sp is checked with every call.)
 *
 * Trusted, as a callee's arity is for every call: the wrapper's own code,
 * compiled from src/runtime/va.c and tested under qemu against the
 * AArch64 C library (tests/runtime-va.test.ts).
 */
export function checkRuntimeCall(k: number, p: CallPromise & { runtime: NonNullable<CallPromise['runtime']> }, srcIsa: Isa, tgtIsa: Isa): void {
  const where = `call ${k + 1} (${p.callee})`;
  if (srcIsa !== 'aarch64' || tgtIsa !== 'riscv64') throw new BadRequest(`${where}: the variadic runtime exists for AArch64 to RISC-V64 only`);
  const w = runtimeWrapperFor(p.callee);
  if (!w) throw new BadRequest(`${where}: no runtime wrapper stands for '${p.callee}'`);
  if (p.runtime.wrapper !== w.wrapper) throw new BadRequest(`${where}: the runtime wrapper for '${p.callee}' is ${w.wrapper}, not ${p.runtime.wrapper}`);
  if (!p.external) throw new BadRequest(`${where}: only a call to an external function goes through the runtime`);
  if (p.variadic) throw new BadRequest(`${where}: a call through the runtime carries no static argument list`);
  const src = conventionFor(srcIsa);
  const tgt = conventionFor(tgtIsa);
  const reads = new Set([...src.intArgs.slice(0, w.intArgs), ...src.fpArgs.slice(0, w.fpArgs)]);
  const claimed = new Set<string>();
  for (const f of p.before.facts) {
    const intAt = src.intArgs.indexOf(f.src);
    const fpAt = src.fpArgs.indexOf(f.src);
    if (intAt < 0 && fpAt < 0) continue;
    const to = intAt >= 0 ? tgt.intArgs[intAt]! : tgt.fpArgs[fpAt]!;
    const refuse = (why: string): never => {
      throw new BadRequest(`${where}: argument fact ${describeFact(f)} does not pass ${f.src} to the runtime wrapper in ${to}: ${why}`);
    };
    if (f.to.kind !== 'reg' || f.to.name !== to) refuse('wrong place');
    const place = f.to as { name: string; bits?: { hi: number; lo: number } };
    const sw = widthOf(srcIsa, f.src)!;
    const tw = widthOf(tgtIsa, to)!;
    const sr = f.bits ?? { hi: sw - 1, lo: 0 };
    const tr = place.bits ?? { hi: tw - 1, lo: 0 };
    if (sr.hi !== tr.hi || sr.lo !== tr.lo) refuse('the bit ranges differ');
    // The wrapper reads whole x registers and the low 64 bits of v registers (d0-d7).
    const whole = sr.lo === 0 && sr.hi === Math.min(sw, 64) - 1;
    if (reads.has(f.src) && whole) claimed.add(f.src);
  }
  for (const r of reads) if (!claimed.has(r)) throw new BadRequest(`${where}: the runtime wrapper reads ${r}, which the before mapping does not claim whole in its 1:1 place`);
}
