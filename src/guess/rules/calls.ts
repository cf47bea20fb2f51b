// Calls to functions outside the output (libc, libgcc): the AArch64 caller
// placed the arguments by AAPCS64; the RISC-V callee expects LP64D. With the
// callee's prototype this moves variadic floating-point arguments into
// integer registers (in the order the format string gives), and extends
// narrow integer arguments the way LP64D requires. A call whose arguments
// cannot be placed soundly (stack arguments that differ, aggregates)
// refuses its function; a `va_list` handed to the C library and a printf
// whose format is only known at run time go through the variadic runtime
// (src/runtime/va.c) when the caller asks for it, and are refused otherwise.
import type { CType, Prototype } from '../../cfront/ctypes.js';
import { CALLBACK_PARAMS, FORMAT_PARAM, VA_LIST_PARAM, runtimeWrapperFor } from '../../abi/libc.js';
import type { BlockLowerer, CallArguments } from '../context.js';
import type { CallPromise } from '../../translate/contract.js';

/** The argument list of a variadic call, for the verifier to place itself (CallPromise.variadic). */
export type ArgumentList = NonNullable<CallPromise['variadic']>;
/** A call routed through the variadic runtime (CallPromise.runtime). */
export type RuntimeRoute = NonNullable<CallPromise['runtime']>;
type ListedArguments = CallArguments & { variadic?: ArgumentList; runtime?: RuntimeRoute };

/** The argument list adaptExternalCall recorded for a variadic call, if any. */
export function argumentListOf(args: CallArguments): ArgumentList | undefined {
  return (args as ListedArguments).variadic;
}

/** The runtime wrapper adaptExternalCall routed the call through, if any (the call promise's `runtime`). */
export function runtimeRouteOf(args: CallArguments | undefined): RuntimeRoute | undefined {
  return args ? (args as ListedArguments).runtime : undefined;
}

/** The symbol the target calls for an external call adaptExternalCall prepared: its runtime wrapper, or the callee itself. */
export function externalCallTarget(callee: string, args: CallArguments | undefined): string {
  return runtimeRouteOf(args)?.wrapper ?? callee;
}

/** How the caller of adaptExternalCall emits the call. */
export interface ExternalCallOptions {
  /**
   * The caller emits `call externalCallTarget(...)` and passes
   * runtimeRouteOf(...) on as the call promise's `runtime`: then calls the
   * static lowering cannot place (a `va_list` function, a printf whose
   * format is not a constant) go through the variadic runtime instead of
   * refusing the function. Tail calls leave it off.
   */
  runtime?: boolean;
}

/** RISC-V canonical names of a0.. and fa0.. by argument position. */
const aReg = (k: number): string => `x${10 + k}`;
const faReg = (k: number): string => `f${10 + k}`;

/** `src[bits-1:0]` is passed in `to[bits-1:0]`. */
function passes(args: CallArguments, src: string, to: string, bits: number): void {
  const range = { hi: bits - 1, lo: 0 };
  args.facts.push(bits === 64 && /^x/.test(src) ? { src, to: { kind: 'reg', name: to } } : { src, bits: range, to: { kind: 'reg', name: to, bits: range } });
}

/** What a printf conversion consumes: an integer of some width, a double, or a pointer. */
type VarArg = { kind: 'int'; bits: 32 | 64 } | { kind: 'double' };

/** The variadic arguments a printf format consumes, in order; undefined for formats this reader refuses. */
export function formatArguments(format: string): VarArg[] | undefined {
  const out: VarArg[] = [];
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    i++;
    if (format[i] === '%') continue;
    while (i < format.length && '-+ #0\''.includes(format[i]!)) i++;
    if (format[i] === '*') {
      out.push({ kind: 'int', bits: 32 });
      i++;
    } else while (i < format.length && /[0-9]/.test(format[i]!)) i++;
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        out.push({ kind: 'int', bits: 32 });
        i++;
      } else while (i < format.length && /[0-9]/.test(format[i]!)) i++;
    }
    let len = '';
    while (i < format.length && 'hlLqjzt'.includes(format[i]!)) len += format[i++];
    const conv = format[i];
    if (conv === undefined) return undefined;
    if ('diouxXc'.includes(conv)) out.push({ kind: 'int', bits: len === '' || len === 'h' || len === 'hh' ? 32 : 64 });
    else if ('sp'.includes(conv)) out.push({ kind: 'int', bits: 64 });
    else if ('fFeEgGaA'.includes(conv)) {
      if (len === 'L') return undefined; // long double: quad precision, not lowered
      out.push({ kind: 'double' });
    } else if (conv === 'n') out.push({ kind: 'int', bits: 64 });
    else return undefined;
  }
  return out;
}

/** Extension an LP64D callee expects of a named integer argument held in `reg` (in place). */
function extendArgument(ctx: BlockLowerer, reg: string, t: CType): void {
  if (t.kind !== 'int' || t.bits >= 64) return;
  const signed = t.signed === true; // plain char is unsigned on both targets
  if (t.bits === 32) {
    ctx.emit(`sext.w ${reg}, ${reg}`);
    return;
  }
  ctx.emit(`slli ${reg}, ${reg}, ${64 - t.bits}`);
  ctx.emit(`${signed ? 'srai' : 'srli'} ${reg}, ${reg}, ${64 - t.bits}`);
}

/**
 * Rewrites the argument registers for an LP64D callee. Both conventions put the
 * first eight integer and FP named arguments in x0-x7/a0-a7 and d0-d7/fa0-fa7 in
 * the same order, so only narrow integers, 128-bit integers' alignment and
 * variadic arguments need work.
 */
export function adaptExternalCall(callee: string, proto: Prototype | undefined, ctx: BlockLowerer, opts: ExternalCallOptions = {}): string[] {
  if (VA_LIST_PARAM.has(callee)) {
    if (!opts.runtime) ctx.refuse(`call to '${callee}': its va_list is AArch64's structure, which the RISC-V C library cannot read (only a call, not a tail call, goes through the runtime)`);
    return routeThroughRuntime(callee, ctx);
  }
  if (opts.runtime && FORMAT_PARAM.has(callee) && proto?.variadic && !staticFormatKnown(callee, ctx)) return routeThroughRuntime(callee, ctx);
  if (!proto) ctx.refuse(`call to '${callee}': no prototype is known (add it with --headers)`);
  const args: CallArguments = { facts: [], targetOnly: [] };
  ctx.callArguments = args;
  // The argument list in call order (source register and class), kept for the verifier of variadic calls.
  const list: ArgumentList['args'] = [];
  let ngrn = 0;
  let nsrn = 0;
  let rvInt = 0;
  for (const [k, p] of proto.params.entries()) {
    if (p.kind === 'aggregate') ctx.refuse(`call to '${callee}': aggregate argument ${k + 1} by value is not lowered`);
    if (p.kind === 'float') {
      if (p.bits === 128) ctx.refuse(`call to '${callee}': long double arguments are not lowered`);
      if (nsrn >= 8) ctx.refuse(`call to '${callee}': floating-point arguments on the stack are not lowered`);
      passes(args, `v${nsrn}`, faReg(nsrn), p.bits);
      list.push({ src: `v${nsrn}`, class: 'fp' });
      // LP64D: a float argument is NaN-boxed (beforeCall loads it with flw when it sits in a slot).
      if (p.bits === 32) args.targetOnly.push({ place: { kind: 'reg', name: faReg(nsrn), bits: { hi: 63, lo: 32 } }, value: 0xffffffffn });
      nsrn++;
      continue;
    }
    if (p.kind === 'int' && p.bits === 128) {
      if (ngrn % 2) ngrn++;
      if (ngrn !== rvInt) ctx.refuse(`call to '${callee}': 128-bit argument placement differs`);
      passes(args, `x${ngrn}`, aReg(ngrn), 64);
      passes(args, `x${ngrn + 1}`, aReg(ngrn + 1), 64);
      list.push({ src: `x${ngrn}`, class: 'int' }, { src: `x${ngrn + 1}`, class: 'int' });
      ngrn += 2;
      rvInt += 2;
      continue;
    }
    if (ngrn >= 8) ctx.refuse(`call to '${callee}': stack arguments are not lowered`);
    if (CALLBACK_PARAMS.get(callee) === k) wrapCallback(callee, `a${ngrn}`, ctx);
    if (p.kind === 'int') extendArgument(ctx, `a${ngrn}`, p);
    // The AArch64 callee reads only the low bits of a narrow integer; the RISC-V one gets them extended.
    passes(args, `x${ngrn}`, aReg(ngrn), p.kind === 'int' ? p.bits : 64);
    list.push({ src: `x${ngrn}`, class: 'int' });
    ngrn++;
    rvInt++;
  }
  if (ngrn > 8) ctx.refuse(`call to '${callee}': stack arguments are not lowered`);
  if (!proto.variadic) return [];
  const fmtIndex = FORMAT_PARAM.get(callee);
  if (fmtIndex === undefined) ctx.refuse(`variadic call to '${callee}': only printf-style formats are understood`);
  // The format: one constant string, or one of several whose conversions all place arguments alike.
  const formats = possibleFormats(fmtIndex, ctx);
  if (!formats) ctx.refuse(`variadic call to '${callee}': the format is not a constant string here`);
  const placements = formats.map((f) => formatArguments(f));
  const bad = placements.findIndex((p) => p === undefined);
  if (bad >= 0) ctx.refuse(`variadic call to '${callee}': format ${JSON.stringify(formats[bad])} has a conversion that is not lowered`);
  if (placements.some((p) => JSON.stringify(p) !== JSON.stringify(placements[0]))) {
    ctx.refuse(`variadic call to '${callee}': the possible formats here take different arguments`);
  }
  const after = placeVariadic(callee, placements[0]!, ngrn, nsrn, rvInt, ctx, args);
  (args as ListedArguments).variadic = { fixed: list.length, args: [...list, ...variadicSources(placements[0]!, ngrn, nsrn)] };
  return after;
}

/** The constant strings the format register x<fmtIndex> may point to here (one, or one of several), if all are known. */
function possibleFormats(fmtIndex: number, ctx: BlockLowerer): string[] | undefined {
  const one = ctx.knownAddress.get(fmtIndex);
  const labels = one !== undefined ? [one] : ctx.knownAddressSets.get(fmtIndex);
  const formats = labels?.map((l) => ctx.env.stringAt(l));
  if (!formats?.length || formats.some((f) => f === undefined)) return undefined;
  return formats as string[];
}

/** Whether a printf-style call's format is one constant string here, or several that place their arguments alike (the static lowering). */
function staticFormatKnown(callee: string, ctx: BlockLowerer): boolean {
  const formats = possibleFormats(FORMAT_PARAM.get(callee)!, ctx);
  if (!formats) return false;
  // Formats the static reader refuses keep their refusal (a constant `%Lf` would only trap at run time).
  const placements = formats.map((f) => formatArguments(f));
  if (placements.some((p) => p === undefined)) return true;
  return placements.every((p) => JSON.stringify(p) === JSON.stringify(placements[0]));
}

/**
 * A call the static lowering cannot place goes to the runtime wrapper
 * (src/runtime/va.c) with the local 1:1 convention: nothing moves, and the
 * call's `before` mapping claims exactly the registers the wrapper reads,
 * each in its 1:1 place (x3 in a3, v2's low 64 bits in fa2); sp maps to sp
 * as in every mapping, and the stack arguments are the source's own bytes.
 */
function routeThroughRuntime(callee: string, ctx: BlockLowerer): string[] {
  const w = runtimeWrapperFor(callee)!;
  ctx.rule('call-runtime');
  const args: ListedArguments = { facts: [], targetOnly: [], runtime: { wrapper: w.wrapper } };
  for (let k = 0; k < w.intArgs; k++) passes(args, `x${k}`, aReg(k), 64);
  for (let k = 0; k < w.fpArgs; k++) passes(args, `v${k}`, faReg(k), 64);
  ctx.callArguments = args;
  return [];
}

/** Where AAPCS64 (Linux) passes each variadic argument: the next x or v register of its class, then the stack. */
function variadicSources(args: VarArg[], ngrn: number, nsrn: number): ArgumentList['args'] {
  let xi = ngrn;
  let di = nsrn;
  return args.map((a) =>
    a.kind === 'double'
      ? { src: di < 8 ? `v${di++}` : 'stack', class: 'fp' as const }
      : { src: xi < 8 ? `x${xi++}` : 'stack', class: 'int' as const },
  );
}

type Loc = { reg: number } | { fp: number } | { stack: number };

/**
 * Variadic arguments: AAPCS64 puts integers in the next x register and doubles
 * in the next d register, each spilling to the next 8-byte stack slot when its
 * registers run out; LP64D puts every variadic argument in the next a register,
 * then in the next stack slot. When the two disagree on the stack, the RISC-V
 * stack arguments get a fresh 16-byte-aligned area below sp for the call.
 */
function placeVariadic(callee: string, args: VarArg[], ngrn: number, nsrn: number, rvInt: number, ctx: BlockLowerer, placed: CallArguments): string[] {
  let xi = ngrn;
  let di = nsrn;
  let a64Stack = 0;
  let rv = rvInt;
  let rvStack = 0;
  const moves: { from: Loc; to: Loc; bits: 32 | 64 | 'd' }[] = [];
  for (const a of args) {
    let from: Loc;
    if (a.kind === 'double') from = di < 8 ? { fp: di++ } : { stack: a64Stack++ };
    else from = xi < 8 ? { reg: xi++ } : { stack: a64Stack++ };
    const to: Loc = rv < 8 ? { reg: rv++ } : { stack: rvStack++ };
    moves.push({ from, to, bits: a.kind === 'double' ? 'd' : a.bits });
    // Register to register: the claim follows the value (a double's bits move from d to a; an int is sign-extended).
    if ('reg' in to && !('stack' in from)) {
      if ('fp' in from) passes(placed, `v${from.fp}`, aReg(to.reg), 64);
      else passes(placed, `x${from.reg}`, aReg(to.reg), a.kind === 'double' ? 64 : a.bits);
    }
  }
  const sameStack = moves.every((m) => ('stack' in m.from) === ('stack' in m.to) && (!('stack' in m.from) || m.from.stack === (m.to as { stack: number }).stack));
  const area = sameStack ? 0 : ((rvStack * 8 + 15) & ~15);
  const after: string[] = [];
  if (area) {
    ctx.rule('variadic-stack');
    ctx.emit(`addi sp, sp, -${area}`);
    after.push(`addi sp, sp, ${area}`);
    for (const m of moves) {
      if (!('stack' in m.to)) continue;
      const dst = `${m.to.stack * 8}(sp)`;
      if ('fp' in m.from) ctx.emit(`fsd fa${m.from.fp}, ${dst}`);
      else if ('reg' in m.from) {
        if (m.bits === 32) {
          const t = ctx.scratch();
          ctx.emit(`sext.w ${t}, a${m.from.reg}`);
          ctx.emit(`sd ${t}, ${dst}`);
          ctx.releaseInt(t);
        } else ctx.emit(`sd a${m.from.reg}, ${dst}`);
      } else {
        const t = ctx.scratch();
        ctx.emit(`ld ${t}, ${area + m.from.stack * 8}(sp)`);
        ctx.emit(`sd ${t}, ${dst}`);
        ctx.releaseInt(t);
      }
    }
  } else if (moves.some((m) => 'stack' in m.to)) ctx.rule('variadic-same-stack');
  // Register targets: integer sources only move to equal or higher registers, so highest first is safe.
  const regMoves = moves.filter((m) => 'reg' in m.to) as { from: Loc; to: { reg: number }; bits: 32 | 64 | 'd' }[];
  for (const m of regMoves.sort((p, q) => q.to.reg - p.to.reg)) {
    const dst = `a${m.to.reg}`;
    if ('fp' in m.from) ctx.emit(`fmv.x.d ${dst}, fa${m.from.fp}`);
    else if ('reg' in m.from) {
      if (m.from.reg !== m.to.reg) ctx.emit(`mv ${dst}, a${m.from.reg}`);
      if (m.bits === 32) ctx.emit(`sext.w ${dst}, ${dst}`);
    } else {
      ctx.emit(`ld ${dst}, ${area + m.from.stack * 8}(sp)`);
      if (m.bits === 32) ctx.emit(`sext.w ${dst}, ${dst}`);
    }
  }
  void callee;
  return after;
}

/**
 * A library function that calls back (qsort's comparator) calls with LP64D
 * expectations: its int result must be sign-extended. The callback is
 * called through a wrapper that does that; its address must be known here.
 */
function wrapCallback(callee: string, reg: string, ctx: BlockLowerer): void {
  const n = Number(reg.slice(1));
  const fn = ctx.knownAddress.get(n);
  if (fn === undefined || !ctx.env.isLocalFunction(fn)) {
    ctx.refuse(`call to '${callee}': the callback argument is not a known function of this file`);
  }
  const wrapper = ctx.env.callbackWrapper(fn);
  ctx.emit(`lla ${reg}, ${wrapper}`);
}

const OUTLINE_ATOMIC = /^__aarch64_(cas|swp|ldadd|ldclr|ldeor|ldset)(1|2|4|8|16)_(relax|acq|rel|acq_rel|sync)$/;

/** Whether a callee is one of libgcc's outline atomics helpers (they read x0-x2 only and leave v registers alone). */
export function isOutlineAtomic(callee: string): boolean {
  return OUTLINE_ATOMIC.test(callee);
}

/** Outline atomics helpers of libgcc (`__aarch64_ldadd4_acq_rel` and friends), lowered inline to RISC-V AMOs. */
export function lowerOutlineAtomic(callee: string, ctx: BlockLowerer): boolean {
  const m = OUTLINE_ATOMIC.exec(callee);
  if (!m) return false;
  const op = m[1]!;
  const size = Number(m[2]);
  if (size === 1 && op === 'swp') {
    lowerByteSwap(ctx);
    return true;
  }
  if (size !== 4 && size !== 8) ctx.refuse(`'${callee}': ${size}-byte atomics are not lowered`);
  const sfx = size === 4 ? 'w' : 'd';
  ctx.rule(`atomic-${op}`);
  if (op === 'cas') {
    // x0 = expected, x1 = desired, x2 = address; returns the old value in x0.
    const old = ctx.scratch();
    const exp = ctx.scratch();
    const fail = ctx.scratch();
    const loop = ctx.freshLabel('cas');
    const done = ctx.freshLabel('cas_done');
    if (size === 4) ctx.emit(`sext.w ${exp}, a0`);
    else ctx.emit(`mv ${exp}, a0`);
    ctx.emit(`${loop}:`);
    ctx.emit(`lr.${sfx}.aqrl ${old}, (a2)`);
    ctx.emit(`bne ${old}, ${exp}, ${done}`);
    ctx.emit(`sc.${sfx}.rl ${fail}, a1, (a2)`);
    ctx.emit(`bnez ${fail}, ${loop}`);
    ctx.emit(`${done}:`);
    ctx.emit(`mv a0, ${old}`);
  } else {
    // x0 = operand, x1 = address; returns the old value in x0.
    const amo = { swp: 'amoswap', ldadd: 'amoadd', ldclr: 'amoand', ldeor: 'amoxor', ldset: 'amoor' }[op]!;
    let val = 'a0';
    if (op === 'ldclr') {
      val = ctx.scratch();
      ctx.emit(`not ${val}, a0`);
    }
    ctx.emit(`${amo}.${sfx}.aqrl a0, ${val}, (a1)`);
  }
  if (size === 4) {
    ctx.emit('slli a0, a0, 32');
    ctx.emit('srli a0, a0, 32');
  }
  return true;
}

/**
 * `__aarch64_swp1_*`: atomic byte exchange (x0 = new byte, x1 = address; old byte in w0),
 * as an LR/SC loop on the aligned word that contains the byte. The helper may only
 * clobber x16/x17, so x1 is kept and the bit shift is recomputed from it.
 */
function lowerByteSwap(ctx: BlockLowerer): void {
  ctx.rule('atomic-swp1');
  const t = ctx.scratch();
  const word = ctx.scratch();
  const mask = ctx.scratch();
  const val = ctx.scratch();
  const loop = ctx.freshLabel('swp1');
  ctx.emit(`andi ${t}, a1, 3`);
  ctx.emit(`slli ${t}, ${t}, 3`);
  ctx.emit(`andi ${word}, a1, -4`);
  ctx.emit(`li ${mask}, 255`);
  ctx.emit(`sll ${mask}, ${mask}, ${t}`);
  ctx.emit(`andi ${val}, a0, 255`);
  ctx.emit(`sll ${val}, ${val}, ${t}`);
  ctx.emit(`${loop}:`);
  ctx.emit(`lr.w.aqrl a0, (${word})`);
  ctx.emit(`xor ${t}, a0, ${val}`);
  ctx.emit(`and ${t}, ${t}, ${mask}`);
  ctx.emit(`xor ${t}, ${t}, a0`);
  ctx.emit(`sc.w.rl ${t}, ${t}, (${word})`);
  ctx.emit(`bnez ${t}, ${loop}`);
  ctx.emit(`andi ${t}, a1, 3`);
  ctx.emit(`slli ${t}, ${t}, 3`);
  ctx.emit(`srl a0, a0, ${t}`);
  ctx.emit('andi a0, a0, 255');
}
