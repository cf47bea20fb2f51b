// A test-side LowerContext and a checker for lowering rules on one-instruction
// blocks. The context maps registers as the translator core does (x0..x7 to
// a0..a7, x19..x28 to s1..s10, v0..v7 to fa0..fa7, v8..v15 to fs0..fs7, each v
// register's 16-byte slot at `vslots + 16 n`) and hands out the same scratch
// registers (t0..t2, ft8..ft11), so a rule that needs more fails here first.
//
// The checker runs the AArch64 instruction and the RISC-V lowering (with its
// internal forward branches, path by path) through symexec from states that
// satisfy the mapping by construction: a RISC-V register mapped from an
// AArch64 register starts as that register's bits (a single-precision view
// NaN-boxed), a vector slot starts holding the vector. Then, per path, it
// states what must hold at the end: every destination equals the AArch64
// result under the mapping (single views NaN-boxed, the upper bits of a
// scalar-written v register zero), no mapped register other than a
// destination is changed, and memory equals the AArch64 memory with the
// slots of the written vectors stored. The interpreter checks this on edge
// values; Z3 proves it for all values.
import { expect } from 'vitest';
import type { InstructionStatement, Statement } from '../../src/asm/ast.js';
import { parseAsm } from '../../src/asm/index.js';
import { add, and, c, concat, eq, extract, ite, not, or, TRUE } from '../../src/ir/build.js';
import type { BV, Mem } from '../../src/ir/expr.js';
import { load, store } from '../../src/ir/build.js';
import { execute } from '../../src/ir/symexec.js';
import { Evaluator } from '../../src/interp/eval.js';
import { aarch64Semantics } from '../../src/isa/aarch64/semantics/index.js';
import { conditionHolds } from '../../src/isa/aarch64/semantics/operands.js';
import { riscvSemantics } from '../../src/isa/riscv64/semantics/index.js';
import { registerRoot } from '../../src/program/regflow.js';
import { proveHolds, type EqualityProof } from '../../src/smt/prove.js';
import type { FlagsDef, FpView, LowerContext, LowerRule } from '../../src/guess/rules/types.js';

export class Refused extends Error {}

const GPR_HOME: Record<number, string> = {};
for (let i = 0; i <= 7; i++) GPR_HOME[i] = `a${i}`;
for (let i = 19; i <= 28; i++) GPR_HOME[i] = `s${i - 18}`;
const FPR_HOME: Record<number, string> = {};
for (let i = 0; i <= 7; i++) FPR_HOME[i] = `fa${i}`;
for (let i = 8; i <= 15; i++) FPR_HOME[i] = `fs${i - 8}`;

export const SLOT_SYMBOL = 'vslots';
const INT_SCRATCH = ['t0', 't1', 't2'];
const FP_SCRATCH = ['ft8', 'ft9', 'ft10', 'ft11'];

function regNumber(src: string, kinds: RegExp): number {
  const m = kinds.exec(src);
  if (!m) throw new Refused(`not a register of the expected kind: ${src}`);
  return Number(m[1]);
}

/** What one lowering did, for the checker. */
export interface Lowering {
  sources: InstructionStatement[];
  /** The context, to lower more (a flags consumer) into the same block. */
  ctx: TestLowerContext;
  lines: string[];
  rules: string[];
  /** AArch64 x register number -> written. */
  gprWrites: Set<number>;
  /** AArch64 v register number -> view of the scalar write. */
  fprWrites: Map<number, FpView>;
  /** v register number -> view it was read in (decides the initial NaN-box). */
  fprReads: Map<number, FpView>;
  /** v registers whose slots were used. */
  slots: Set<number>;
  flags?: FlagsDef;
}

export class TestLowerContext implements LowerContext {
  readonly lines: string[] = [];
  readonly rules: string[] = [];
  readonly gprWrites = new Set<number>();
  readonly fprWrites = new Map<number, FpView>();
  readonly fprReads = new Map<number, FpView>();
  readonly slots = new Set<number>();
  private freeInt = [...INT_SCRATCH];
  private freeFp = [...FP_SCRATCH];
  private labels = 0;
  private flagsDef: FlagsDef | undefined;

  /**
   * `vectorRegs`: v registers used as whole vectors in the block; as in the
   * core's register map, they live in their slots only, and scalar reads
   * and writes of them go through the slot (a scalar write zeroes the rest).
   */
  constructor(flags?: FlagsDef, private readonly vectorRegs = new Set<number>()) {
    this.flagsDef = flags;
  }

  private releaseInt(r: string): void {
    if (INT_SCRATCH.includes(r) && !this.freeInt.includes(r)) this.freeInt.unshift(r);
  }

  /** A new instruction: the scratch registers are free again. */
  nextInstruction(): void {
    this.freeInt = [...INT_SCRATCH];
    this.freeFp = [...FP_SCRATCH];
  }

  private gpr(src: string): number | 'zr' {
    if (src === 'xzr' || src === 'wzr') return 'zr';
    const n = regNumber(src, /^[xw]([0-9]+)$/);
    if (GPR_HOME[n] === undefined) throw new Refused(`x${n} has no home in the test map`);
    return n;
  }
  private fpr(src: string): number {
    const n = regNumber(src, /^[vqdsbh]([0-9]+)$/);
    if (FPR_HOME[n] === undefined) throw new Refused(`v${n} has no home in the test map`);
    return n;
  }

  readGpr(src: string): string {
    const n = this.gpr(src);
    return n === 'zr' ? 'zero' : GPR_HOME[n]!;
  }
  writeGpr(src: string): { reg: string; commit(): void } {
    const n = this.gpr(src);
    if (n === 'zr') return { reg: this.scratch(), commit: () => undefined };
    this.gprWrites.add(n);
    return { reg: GPR_HOME[n]!, commit: () => undefined };
  }
  readFpr(src: string, view: FpView): string {
    const n = this.fpr(src);
    if (this.vectorRegs.has(n)) {
      this.slots.add(n);
      const [f, a] = [this.fscratch(), this.scratch()];
      this.emit(`lla ${a}, ${SLOT_SYMBOL}`);
      this.emit(`${view === 'd' ? 'fld' : 'flw'} ${f}, ${16 * n}(${a})`);
      this.releaseInt(a);
      return f;
    }
    if (!this.fprReads.has(n)) this.fprReads.set(n, view);
    return FPR_HOME[n]!;
  }
  writeFpr(src: string, view: FpView): { reg: string; commit(): void } {
    const n = this.fpr(src);
    if (this.vectorRegs.has(n)) {
      this.slots.add(n);
      const f = this.fscratch();
      return {
        reg: f,
        commit: () => {
          const a = this.scratch();
          this.emit(`lla ${a}, ${SLOT_SYMBOL}`);
          this.emit(`sd zero, ${16 * n + 8}(${a})`);
          if (view === 's') this.emit(`sw zero, ${16 * n + 4}(${a})`);
          this.emit(`${view === 'd' ? 'fsd' : 'fsw'} ${f}, ${16 * n}(${a})`);
          this.releaseInt(a);
        },
      };
    }
    this.fprWrites.set(n, view);
    return { reg: FPR_HOME[n]!, commit: () => undefined };
  }
  vectorSlot(src: string): { symbol: string; offset: number } {
    const n = this.fpr(src);
    this.slots.add(n);
    return { symbol: SLOT_SYMBOL, offset: 16 * n };
  }
  scratch(): string {
    const r = this.freeInt.shift();
    if (!r) throw new Refused('out of integer scratch registers');
    return r;
  }
  fscratch(): string {
    const r = this.freeFp.shift();
    if (!r) throw new Refused('out of FP scratch registers');
    return r;
  }
  emit(line: string): void {
    this.lines.push(line);
  }
  freshLabel(hint: string): string {
    return `.Ltest_${hint}_${++this.labels}`;
  }
  setFlags(def: FlagsDef): void {
    this.flagsDef = def;
  }
  flags(): FlagsDef | undefined {
    return this.flagsDef;
  }
  flagsLive(): boolean {
    return true;
  }
  rule(name: string): void {
    this.rules.push(name);
  }
  refuse(reason: string): never {
    throw new Refused(reason);
  }
}

/** v registers written with an arrangement or lane (`v3.4s`, `v1.s[2]`) or in a register list. */
export function vectorRegisters(text: string): Set<number> {
  return new Set([...text.matchAll(/\bv([0-9]+)\./g)].map((m) => Number(m[1])));
}

export function parseOne(isa: 'aarch64' | 'riscv64', text: string): Statement[] {
  const r = parseAsm(text + '\n', 't.s', isa);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.file.statements.filter((s) => s.kind !== 'directive');
}

/**
 * Lowers AArch64 instructions (one per line) in order with a rule table;
 * every mnemonic's rule must accept its form. The lowering describes the
 * last instruction's writes, plus those of the earlier ones.
 */
export function lower(rules: Record<string, LowerRule>, text: string, flags?: FlagsDef, ctx = new TestLowerContext(flags, vectorRegisters(text))): Lowering {
  const sources = parseOne('aarch64', text).filter((s): s is InstructionStatement => s.kind === 'instruction');
  for (const source of sources) {
    const rule = rules[source.mnemonic];
    if (!rule) throw new Refused(`no rule for '${source.mnemonic}'`);
    ctx.nextInstruction();
    if (rule(source, ctx) === false) throw new Refused(`the rule for '${source.mnemonic}' does not take this form`);
  }
  return {
    sources, lines: [...ctx.lines], rules: [...ctx.rules], gprWrites: ctx.gprWrites, fprWrites: ctx.fprWrites, fprReads: ctx.fprReads,
    slots: ctx.slots, flags: ctx.flags(), ctx,
  };
}

// ---------------------------------------------------------------- execution

const ONES32 = c(32, 0xffffffffn);

export function slotAddress(n: number): BV {
  return add({ op: 'var', w: 64, name: `&${SLOT_SYMBOL}` }, c(64, 16 * n));
}

/** The initial RISC-V state under the mapping, built from the AArch64 initial variables. */
function targetInitial(l: Lowering): (name: string) => BV {
  const mapped = new Map<string, BV>();
  for (const [n, home] of Object.entries(GPR_HOME)) mapped.set(registerRoot('riscv64', home), { op: 'var', w: 64, name: `x${n}` });
  for (const [k, home] of Object.entries(FPR_HOME)) {
    const n = Number(k);
    const vreg: BV = { op: 'var', w: 128, name: `v${n}` };
    const view = l.fprReads.get(n) ?? 'd';
    mapped.set(registerRoot('riscv64', home), view === 'd' ? extract(63, 0, vreg) : concat(ONES32, extract(31, 0, vreg)));
  }
  return (name) => mapped.get(name) ?? { op: 'var', w: name === 'fflags' ? 5 : name === 'frm' ? 3 : 64, name: `rv:${name}` };
}

export interface TargetPath {
  cond: BV;
  state: Map<string, BV>;
  mem: Mem;
}

/**
 * Symbolic execution of target code with forward branches to its own
 * labels, in one pass: the states arriving at a label are merged (with ite
 * on the path conditions) when they share their memory, so a diamond per
 * lane does not multiply paths. Usually one path comes out.
 */
export function targetPaths(lines: string[], initial: (name: string) => BV, mem: Mem, merging = true): TargetPath[] {
  const stmts = parseOne('riscv64', lines.join('\n'));
  const labelAt = new Map<string, number>();
  stmts.forEach((s, k) => s.kind === 'label' && labelAt.set(s.name, k));
  const pending = new Map<number, TargetPath[]>();
  let active: TargetPath[] = [{ cond: TRUE, state: new Map(), mem }];
  const arrive = (k: number, p: TargetPath) => pending.set(k, [...(pending.get(k) ?? []), p]);
  for (const [pc, s] of stmts.entries()) {
    if (s.kind === 'label') {
      const arriving = [...active, ...(pending.get(pc) ?? [])];
      active = merging ? merge(arriving, initial) : arriving;
      pending.delete(pc);
      continue;
    }
    if (s.kind !== 'instruction') continue;
    const next: TargetPath[] = [];
    for (const p of active) {
      const st = p.state;
      const r = execute([s], { isa: 'riscv64', semantics: riscvSemantics, initial: (n) => st.get(n) ?? initial(n), mem: p.mem });
      const state = new Map(st);
      for (const [k, v] of r.written) state.set(k, v);
      const to = (target: { kind: string; name?: string }): number => {
        const k = target.kind === 'symbol' ? labelAt.get(target.name!) : undefined;
        if (k === undefined || k <= pc) throw new Error(`lowering branches to ${target.name ?? 'a computed address'}, not a later label`);
        return k;
      };
      if (r.exit.kind === 'fall') next.push({ cond: p.cond, state, mem: r.mem });
      else if (r.exit.kind === 'jump') arrive(to(r.exit.target as { kind: string; name?: string }), { cond: p.cond, state, mem: r.mem });
      else if (r.exit.kind === 'branch') {
        arrive(to(r.exit.target as { kind: string; name?: string }), { cond: and(p.cond, r.exit.cond), state, mem: r.mem });
        next.push({ cond: and(p.cond, not(r.exit.cond)), state, mem: r.mem });
      } else throw new Error(`lowering leaves the block: ${r.exit.kind}`);
    }
    active = next;
  }
  if (pending.size) throw new Error('a branch goes past the end of the lowering');
  return active;
}

/** Merges paths that share their memory into one, values chosen by ite on the path conditions. */
function merge(paths: TargetPath[], initial: (name: string) => BV): TargetPath[] {
  const groups = new Map<Mem, TargetPath[]>();
  for (const p of paths) groups.set(p.mem, [...(groups.get(p.mem) ?? []), p]);
  return [...groups.values()].map((g) => {
    if (g.length === 1) return g[0]!;
    const names = new Set(g.flatMap((p) => [...p.state.keys()]));
    const state = new Map<string, BV>();
    for (const name of names) {
      let v = g[g.length - 1]!.state.get(name) ?? initial(name);
      for (let k = g.length - 2; k >= 0; k--) v = ite(g[k]!.cond, g[k]!.state.get(name) ?? initial(name), v);
      state.set(name, v);
    }
    return { cond: g.map((p) => p.cond).reduce((a, b) => or(a, b)), state, mem: g[0]!.mem };
  });
}

/** One claim of the mapping at the end of a path: a name for messages, the two sides. */
export interface Claim {
  what: string;
  source: BV;
  target: BV;
}

export interface Checked {
  lowering: Lowering;
  paths: { cond: BV; claims: Claim[] }[];
  /** Preconditions (1-bit), e.g. that a load address is not in the private slots. */
  assume: BV[];
}

const mappedTarget = new Set<string>([
  ...Object.values(GPR_HOME).map((r) => registerRoot('riscv64', r)),
  ...Object.values(FPR_HOME).map((r) => registerRoot('riscv64', r)),
]);

/** Symbolic execution of both sides and the claims to check on each target path. */
export interface ClaimOptions {
  /** Preconditions (1-bit). */
  assume?: BV[];
  /** Merge paths at labels (default true): one path per lowering; false keeps them apart (easier for Z3 on scalar FP). */
  merge?: boolean;
}

export function buildClaims(l: Lowering, extraClaims?: (p: TargetPath) => Claim[], options: ClaimOptions = {}): Checked {
  const assume = options.assume ?? [];
  const mem0: Mem = { op: 'mem0', name: 'mem' };
  const src = execute(l.sources, { isa: 'aarch64', semantics: aarch64Semantics, mem: mem0 });
  let tgtMem: Mem = mem0;
  for (const n of l.slots) tgtMem = store(tgtMem, slotAddress(n), { op: 'var', w: 128, name: `v${n}` });
  const initial = targetInitial(l);
  const srcGet = (name: string): BV => src.written.get(name) ?? { op: 'var', w: name.startsWith('v') ? 128 : 64, name };
  const gprDests = new Map([...l.gprWrites].map((n) => [registerRoot('riscv64', GPR_HOME[n]!), n]));
  const fprDests = new Map([...l.fprWrites].map(([n, view]) => [registerRoot('riscv64', FPR_HOME[n]!), { n, view }]));
  const paths = targetPaths(l.lines, initial, tgtMem, options.merge ?? true).map((p) => {
    const claims: Claim[] = [];
    const tget = (name: string) => p.state.get(name) ?? initial(name);
    for (const name of src.written.keys()) {
      if (/^x[0-9]+$/.test(name) && !l.gprWrites.has(Number(name.slice(1)))) throw new Error(`${name} written but not through writeGpr`);
      const m = /^v([0-9]+)$/.exec(name);
      if (m && !l.fprWrites.has(Number(m[1])) && !l.slots.has(Number(m[1]))) throw new Error(`${name} written but not through writeFpr or a slot`);
    }
    for (const [reg, n] of gprDests) claims.push({ what: `x${n}`, source: srcGet(`x${n}`), target: tget(reg) });
    for (const [reg, { n, view }] of fprDests) {
      const v = srcGet(`v${n}`);
      const f = tget(reg);
      if (view === 'd') {
        claims.push({ what: `d${n}`, source: extract(63, 0, v), target: f });
        claims.push({ what: `v${n}[127:64] = 0`, source: extract(127, 64, v), target: c(64, 0) });
      } else {
        claims.push({ what: `s${n}`, source: extract(31, 0, v), target: extract(31, 0, f) });
        claims.push({ what: `NaN-box of ${reg}`, source: ONES32, target: extract(63, 32, f) });
        claims.push({ what: `v${n}[127:32] = 0`, source: extract(127, 32, v), target: c(96, 0) });
      }
    }
    for (const name of p.state.keys()) {
      if (mappedTarget.has(name) && !gprDests.has(name) && !fprDests.has(name)) {
        claims.push({ what: `${name} unchanged`, source: initial(name), target: p.state.get(name)! });
      }
    }
    // Slots: the written vectors, read back from target memory.
    for (const n of l.slots) claims.push({ what: `slot of v${n}`, source: srcGet(`v${n}`), target: load(p.mem, slotAddress(n), 16) });
    // Memory: the AArch64 memory with the written vectors in their slots, at every address (a free probe).
    let expected = src.mem;
    for (const n of l.slots) expected = store(expected, slotAddress(n), srcGet(`v${n}`));
    const probe: BV = { op: 'var', w: 64, name: 'probe' };
    if (expected !== p.mem && !(src.mem === mem0 && storesOnlyInSlots(p.mem, tgtMem, l.slots))) claims.push({ what: 'memory', source: load(expected, probe, 1), target: load(p.mem, probe, 1) });
    if (extraClaims) claims.push(...extraClaims(p));
    return { cond: p.cond, claims };
  });
  return { lowering: l, paths, assume };
}

/**
 * Whether every store between `initial` and `mem` writes inside the slot of
 * a register in `slots` (address &vslots + constant). Then memory outside
 * those slots is the initial memory on the target, and the slot claims cover
 * the slots, so the (expensive) memory claim is implied when the AArch64
 * side stores nothing.
 */
function storesOnlyInSlots(mem: Mem, initial: Mem, slots: Set<number>): boolean {
  for (let m = mem; m !== initial; m = m.mem) {
    if (m.op !== 'store') return false;
    const a = m.addr;
    const isBase = (x: BV) => x.op === 'var' && x.name === `&${SLOT_SYMBOL}`;
    let offset: bigint | undefined;
    if (isBase(a)) offset = 0n;
    else if (a.op === 'add' && isBase(a.a) && a.b.op === 'const') offset = a.b.value;
    else if (a.op === 'add' && isBase(a.b) && a.a.op === 'const') offset = a.a.value;
    if (offset === undefined) return false;
    const n = Number(offset / 16n);
    if (!slots.has(n) || offset + BigInt(m.value.w / 8) > BigInt(16 * n + 16)) return false;
  }
  return true;
}

/** The AArch64 flags after the instruction, and a claim builder for a condition GPR computed on the target. */
export function sourceFlags(l: Lowering): { n: BV; z: BV; c: BV; v: BV } {
  const src = execute(l.sources, { isa: 'aarch64', semantics: aarch64Semantics });
  const f = (k: string) => src.written.get(k) ?? { op: 'var' as const, w: 1, name: k };
  return { n: f('n'), z: f('z'), c: f('c'), v: f('v') };
}

export function conditionClaim(l: Lowering, cond: string, reg: string): (p: TargetPath) => Claim[] {
  const holds = conditionHolds(cond, sourceFlags(l));
  const root = registerRoot('riscv64', reg);
  return (p) => [{ what: `condition ${cond}`, source: holds, target: extract(0, 0, p.state.get(root)!) },
    { what: `condition ${cond} is 0/1`, source: c(63, 0), target: extract(63, 1, p.state.get(root)!) }];
}

// ---------------------------------------------------------------- checking

/** Evaluates every claim on one concrete input; returns the failures (empty when all hold). */
export function evaluateClaims(checked: Checked, inputs: Record<string, bigint>): string[] {
  const ev = new Evaluator({
    variable: (name) => inputs[name] ?? (name.startsWith('&') ? 0x10000n : 0n),
    memByte: (_m, addr) => Number((addr * 37n + 11n) & 0xffn),
  });
  const taken = checked.paths.filter((p) => ev.value(p.cond) === 1n);
  if (taken.length !== 1) return [`${taken.length} target paths taken`];
  const fails: string[] = [];
  for (const cl of taken[0]!.claims) {
    const [a, b] = [ev.value(cl.source), ev.value(cl.target)];
    if (a !== b) fails.push(`${cl.what}: AArch64 0x${a.toString(16)}, RISC-V 0x${b.toString(16)}`);
  }
  return fails;
}

/**
 * Proves every claim on every path, as one query (each path's claims under
 * its path condition): the FP operation the paths share is encoded once.
 */
export async function proveClaims(checked: Checked, timeoutMs = 120_000): Promise<EqualityProof> {
  const perPath = checked.paths.map((p) => or(not(p.cond), p.claims.map((cl) => eq(cl.source, cl.target)).reduce((x, y) => and(x, y), TRUE)));
  return proveHolds(perPath.reduce((x, y) => and(x, y), TRUE), { timeoutMs, assumptions: checked.assume });
}
