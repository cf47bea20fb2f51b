// Symbolic execution of one side of a block translation: every path
// through its instructions (the target may branch forward to
// translator-local labels), with its condition, final state, exit, and the
// state at each call. Calls are modelled by a CallModel that both sides
// share, so a callee behaves identically on both sides by construction.
import { walkDag } from '../ir/walk.js';
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { and, not, TRUE } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import type { ControlTarget, InstructionSemantics } from '../ir/semantics.js';
import { execute } from '../ir/symexec.js';
import { isaDescription } from '../isa/index.js';
import { BadRequest, type StateView } from './block-state.js';

export type ExitDesc =
  | { kind: 'label'; name: string }
  | { kind: 'fall' }
  | { kind: 'return'; via: BV }
  /** An unconditional jump through a register (`br x16`, `jr t0`): to `target`, outside the block. */
  | { kind: 'computed'; target: BV }
  | { kind: 'trap'; reason: string };

export interface CallSite {
  index: number;
  target: ControlTarget;
  /** The state just before the call's effects. */
  before: StateView;
  /** The state just after them. */
  after: StateView;
}

export interface SidePath {
  cond: BV;
  final: StateView;
  /** Components written on the path, with their final values. */
  written: ReadonlyMap<string, BV>;
  exit: ExitDesc;
  calls: CallSite[];
  /** Instruction indices executed, in order (for reports). */
  trace: number[];
}

/** What a call does to one side's state: new values for components, a new memory. */
export type CallModel = (index: number, get: (name: string) => BV, mem: Mem) => { set: Map<string, BV>; mem: Mem };

export interface SideProgram {
  isa: Isa;
  instructions: readonly InstructionStatement[];
  semantics: (mnemonic: string) => InstructionSemantics | undefined;
  /** Translator-local labels: name -> index of the instruction they precede. */
  localLabels: ReadonlyMap<string, number>;
  initial: (name: string) => BV;
  mem: Mem;
  call: CallModel;
  maxPaths?: number;
  /** Renames label references (numeric labels, or one naming for two programs' blocks). */
  resolveLabel?: (name: string, ins: InstructionStatement) => string;
}

const ENDS_SEGMENT = new Set(['jump', 'branch', 'return', 'indirect-jump', 'tail-call', 'trap']);

interface Frame {
  pc: number;
  cond: BV;
  written: Map<string, BV>;
  mem: Mem;
  calls: CallSite[];
  trace: number[];
}

/**
 * Every path of a side. Throws BadRequest for backward local branches and
 * conditional computed jumps; an unconditional computed jump ends its path
 * (whether the translation may make one is the obligations' question).
 */
export function runSide(p: SideProgram): SidePath[] {
  const desc = isaDescription(p.isa);
  const labelAt = new Set(p.localLabels.values());
  const n = p.instructions.length;
  const out: SidePath[] = [];
  const work: Frame[] = [{ pc: 0, cond: TRUE, written: new Map(), mem: p.mem, calls: [], trace: [] }];
  const maxPaths = p.maxPaths ?? 64;
  while (work.length) {
    const f = work.pop()!;
    const view = (written: Map<string, BV>, mem: Mem): StateView => {
      const w = new Map(written);
      return { get: (name) => w.get(name) ?? p.initial(name), mem };
    };
    if (f.pc >= n) {
      out.push({ cond: f.cond, final: view(f.written, f.mem), written: f.written, exit: { kind: 'fall' }, calls: f.calls, trace: f.trace });
      continue;
    }
    let end = f.pc;
    while (end < n) {
      const ins = p.instructions[end]!;
      end++;
      if (ENDS_SEGMENT.has(desc.control(ins).kind)) break;
      if (labelAt.has(end)) break;
    }
    const segment = p.instructions.slice(f.pc, end);
    const calls = [...f.calls];
    const r = execute(segment, {
      isa: p.isa,
      semantics: p.semantics,
      initial: (name) => f.written.get(name) ?? p.initial(name),
      mem: f.mem,
      ...(p.resolveLabel ? { resolveLabel: p.resolveLabel } : {}),
      onCall: (event, state) => {
        const index = calls.length;
        const get = (name: string) => event.before.get(name) ?? f.written.get(name) ?? p.initial(name);
        const before = view(new Map([...f.written, ...event.before]), event.memBefore);
        const effect = p.call(index, get, event.memBefore);
        for (const [k, x] of effect.set) state.set(k, x);
        state.setMem(effect.mem);
        const after = view(new Map([...f.written, ...event.before, ...effect.set]), effect.mem);
        calls.push({ index, target: event.target, before, after });
      },
    });
    const written = new Map(f.written);
    for (const [k, x] of r.written) written.set(k, x);
    const trace = [...f.trace, ...Array.from({ length: end - f.pc }, (_, k) => f.pc + k)];
    const continueAt = (pc: number, cond: BV) => work.push({ pc, cond, written, mem: r.mem, calls, trace });
    const finish = (cond: BV, exit: ExitDesc) => out.push({ cond, final: view(written, r.mem), written, exit, calls, trace });
    const goTo = (target: ControlTarget, cond: BV, conditional: boolean) => {
      if (target.kind !== 'symbol' && !conditional) return finish(cond, { kind: 'computed', target: target.value });
      if (target.kind !== 'symbol') throw new BadRequest(`line ${p.instructions[end - 1]!.span.line}: a computed jump (not verifiable at block level yet)`);
      const at = p.localLabels.get(target.name);
      if (at === undefined) return finish(cond, { kind: 'label', name: target.name });
      // A back edge whose path condition folded to false never runs (the
      // `bnez` after an `sc` that always succeeds on one hart): no loop to verify.
      if (at < end && cond.op === 'const' && cond.value === 0n) return;
      if (at < end) throw new BadRequest(`a branch back to local label ${target.name}: loops inside a block are not verifiable`);
      continueAt(at, cond);
    };
    const exit = r.exit;
    switch (exit.kind) {
      case 'fall':
        continueAt(end, f.cond);
        break;
      case 'jump':
        goTo(exit.target, f.cond, false);
        break;
      case 'branch':
        goTo(exit.target, and(f.cond, exit.cond), true);
        continueAt(end, and(f.cond, not(exit.cond)));
        break;
      case 'return':
        finish(f.cond, { kind: 'return', via: exit.via });
        break;
      case 'trap':
        finish(f.cond, { kind: 'trap', reason: exit.reason });
        break;
    }
    if (out.length + work.length > maxPaths) throw new BadRequest(`more than ${maxPaths} paths through the block`);
  }
  return out;
}

/** Every (address, bytes) a set of expressions loads or stores (for the private-area assumptions). */
export function memoryAccesses(roots: readonly (BV | Mem)[]): { addr: BV; bytes: number }[] {
  const out: { addr: BV; bytes: number }[] = [];
  walkDag(roots, (e) => {
    if (e.op === 'store') out.push({ addr: e.addr, bytes: e.value.w / 8 });
    else if (e.op === 'load') out.push({ addr: e.addr, bytes: e.w / 8 });
  });
  return out;
}
