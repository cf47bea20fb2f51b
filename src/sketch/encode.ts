// Holes as solver variables. An immediate hole is a 64-bit variable
// `hole.K` (the value the assembler expression would have); a line with
// alternatives (or a whole-instruction hole) is a selector variable `sel.S`
// over its concrete variants. Each variant runs through the ISA's own
// semantics on a forked context; the line's effect is the variant the
// selector picks: every written component, every store and the exit are
// `ite` chains over the selector. Nothing here describes an instruction.
import type { Expr, InstructionStatement } from '../asm/ast.js';
import { HOLE_SYMBOL_PREFIX } from '../asm/holes.js';
import { add, c, concat, eq, extract, FALSE, ite, v } from '../ir/build.js';
import type { BV } from '../ir/expr.js';
import { UnsupportedInstruction, type ControlTarget, type InstructionSemantics, type SemContext } from '../ir/semantics.js';

/** A selector over `count` variants has just enough bits: the variant is a binary tree of `ite`s over them. */
export function selectorBits(count: number): number {
  return Math.max(1, Math.ceil(Math.log2(count)));
}

export function holeVar(id: number): BV {
  return v(64, `hole.${id}`);
}

export function selectorVar(site: number, count: number): BV {
  return v(selectorBits(count), `sel.${site}`);
}

/** `sel == j` for a selector over `count` variants. */
export function selects(site: number, count: number, j: number): BV {
  return eq(selectorVar(site, count), c(selectorBits(count), j));
}

/** One line's encoding: its variants and the ones the semantics refused. */
export interface EncodedSite {
  id: number;
  variants: InstructionStatement[];
  /** Variant indices the semantics refused (filled while encoding): the selector never takes them. */
  invalid: Map<number, string>;
}

type Exit =
  | { kind: 'jump'; target: ControlTarget }
  | { kind: 'branch'; cond: BV; target: ControlTarget }
  | { kind: 'ret'; via: BV }
  | { kind: 'trap'; reason: string };

interface Effect {
  written: Map<string, BV>;
  stores: { addr: BV; value: BV }[];
  exit?: Exit;
}

/** The hole id an expression names (`__hole_3`), if it is exactly an immediate hole. */
export function holeIdOf(e: Expr): number | undefined {
  if (e.kind !== 'sym' || !e.name.startsWith(HOLE_SYMBOL_PREFIX)) return undefined;
  const id = Number(e.name.slice(HOLE_SYMBOL_PREFIX.length));
  return Number.isInteger(id) ? id : undefined;
}

/**
 * Runs one concrete instruction on a fork of `parent`: reads see the parent's
 * state, writes, stores and the exit are collected, immediate holes read as
 * their variables. An instruction never reads back its own stores, so loads
 * go to the parent's memory.
 */
function runFork(sem: InstructionSemantics, ins: InstructionStatement, parent: SemContext): Effect {
  const effect: Effect = { written: new Map(), stores: [] };
  const setExit = (e: Exit) => {
    effect.exit = e;
  };
  const ctx: SemContext = {
    isa: parent.isa,
    get: (name) => effect.written.get(name) ?? parent.get(name),
    set: (name, value) => void effect.written.set(name, value),
    load: (addr, bytes) => parent.load(addr, bytes),
    store: (addr, value) => void effect.stores.push({ addr, value }),
    value: (e) => {
      const id = holeIdOf(e);
      return id !== undefined ? holeVar(id) : parent.value(e);
    },
    target: (e) => parent.target(e),
    jump: (target) => setExit({ kind: 'jump', target }),
    branch: (cond, target) => setExit({ kind: 'branch', cond, target }),
    call: () => {
      throw new UnsupportedInstruction(ins, 'calls are not supported inside holes');
    },
    ret: (via) => setExit({ kind: 'ret', via }),
    trap: (reason) => setExit({ kind: 'trap', reason }),
    unsupported: (message) => {
      throw new UnsupportedInstruction(ins, message);
    },
  };
  sem(ins, ctx);
  return effect;
}

function sameTarget(a: ControlTarget, b: ControlTarget): boolean {
  return a.kind === 'symbol' && b.kind === 'symbol' ? a.name === b.name : a === b;
}

/** Applies the variant the selector picks to `ctx`. */
function runSite(site: EncodedSite, semantics: (m: string) => InstructionSemantics | undefined, ctx: SemContext): void {
  const effects: (Effect | undefined)[] = site.variants.map((ins, j) => {
    if (site.invalid.has(j)) return undefined;
    const sem = semantics(ins.mnemonic);
    if (!sem) {
      site.invalid.set(j, `no semantics for '${ins.mnemonic}'`);
      return undefined;
    }
    try {
      return runFork(sem, ins, ctx);
    } catch (e) {
      if (!(e instanceof UnsupportedInstruction)) throw e;
      site.invalid.set(j, e.message);
      return undefined;
    }
  });
  const live = effects.flatMap((e, j) => (e ? [j] : []));
  if (live.length === 0) {
    const [, why] = [...site.invalid.entries()][0] ?? [0, 'no variant'];
    ctx.unsupported(`no alternative of this hole has semantics here: ${why}`);
  }
  const n = site.variants.length;
  const bits = selectorBits(n);
  const sel = selectorVar(site.id, n);
  // A balanced tree on the selector's bits, not a chain of n comparisons: Z3
  // (4.8) bit-blasts long ite chains of wide values very slowly. Indices with
  // no valid variant take the first valid one (the domain constraint excludes them);
  // equal subtrees collapse, so components most variants leave alone stay small.
  const pick = (f: (e: Effect) => BV): BV => {
    if (live.length === 1) return f(effects[live[0]!]!);
    const leaf = new Map<number, BV>();
    const fallback = f(effects[live[0]!]!);
    for (const j of live) leaf.set(j, f(effects[j]!));
    const node = (prefix: number, level: number): BV => {
      if (level < 0) return leaf.get(prefix) ?? fallback;
      if (prefix >= n) return fallback;
      const zero = node(prefix, level - 1);
      const one = prefix + (1 << level) < n ? node(prefix + (1 << level), level - 1) : fallback;
      return zero === one ? zero : ite(eq(extract(level, level, sel), c(1, 1)), one, zero);
    };
    return node(0, bits - 1);
  };
  // Registers and flags: each written component takes the picked variant's value (or keeps its own).
  const names = new Set(live.flatMap((j) => [...effects[j]!.written.keys()]));
  const values = new Map<string, BV>();
  for (const name of names) values.set(name, pick((e) => e.written.get(name) ?? ctx.get(name)));
  // Stores, in order: a variant that stores fewer times writes back what is
  // there (a no-op), and a narrower store is widened with the bytes already
  // above it, so every variant becomes one store of the widest width.
  const maxStores = Math.max(...live.map((j) => effects[j]!.stores.length));
  for (let s = 0; s < maxStores; s++) {
    const storing = live.filter((j) => effects[j]!.stores.length > s).map((j) => effects[j]!.stores[s]!);
    const width = Math.max(...storing.map((st) => st.value.w));
    const first = storing[0]!.addr;
    const addr = pick((e) => e.stores[s]?.addr ?? first);
    const value = pick((e) => {
      const st = e.stores[s];
      if (!st) return ctx.load(first, width / 8);
      if (st.value.w === width) return st.value;
      return concat(ctx.load(add(st.addr, c(64, st.value.w / 8)), (width - st.value.w) / 8), st.value);
    });
    ctx.store(addr, value);
  }
  for (const [name, value] of values) ctx.set(name, value);
  // The exit: alternatives share their control flow (the parser checked), so only conditions differ.
  const exits = live.map((j) => effects[j]!.exit);
  const first = exits.find((e) => e !== undefined);
  if (!first) return;
  if (first.kind === 'branch' || first.kind === 'jump') {
    for (const e of exits)
      if (e && (e.kind === 'ret' || e.kind === 'trap' || !sameTarget(e.target, first.target)))
        ctx.unsupported('the alternatives of this hole leave the block differently');
    const cond = pick((e) => (e.exit === undefined ? FALSE : e.exit.kind === 'branch' ? e.exit.cond : e.exit.kind === 'jump' ? c(1, 1) : FALSE));
    if (exits.every((e) => e?.kind === 'jump')) ctx.jump(first.target);
    else ctx.branch(cond, first.target);
  } else if (first.kind === 'ret') {
    if (exits.some((e) => e?.kind !== 'ret')) ctx.unsupported('the alternatives of this hole leave the block differently');
    ctx.ret(pick((e) => (e.exit as { via: BV }).via));
  } else {
    if (exits.some((e) => e?.kind !== 'trap')) ctx.unsupported('the alternatives of this hole leave the block differently');
    ctx.trap(first.reason);
  }
}

/**
 * The semantics of a sketch: ordinary instructions as the ISA says; the
 * statements standing for hole lines (keys of `sites`) as their encoding.
 */
export function sketchSemantics(
  base: (mnemonic: string) => InstructionSemantics | undefined,
  sites: ReadonlyMap<InstructionStatement, EncodedSite>,
): (mnemonic: string) => InstructionSemantics | undefined {
  return (mnemonic) => {
    const plain = base(mnemonic);
    return (ins, ctx) => {
      const site = sites.get(ins);
      if (site) return runSite(site, base, ctx);
      if (!plain) return ctx.unsupported(`no semantics for '${mnemonic}' on ${ctx.isa} yet`);
      return plain(ins, ctx);
    };
  };
}
