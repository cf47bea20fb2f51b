// Symbolic execution of straight-line code: runs each instruction's
// semantics on expressions, starting from a variable per state component,
// and returns the final state, memory, how the block exits, the calls it
// made, and which components it read before writing (its live-ins).
import type { Expr, InstructionStatement, Isa } from '../asm/ast.js';
import { load, store, v } from './build.js';
import type { BV, Mem } from './expr.js';
import { asmExprValue, AsmExprError } from './asmexpr.js';
import { UnsupportedInstruction, type ControlTarget, type InstructionSemantics, type SemContext } from './semantics.js';
import { componentWidth } from './state.js';

export type BlockExit =
  | { kind: 'fall' }
  | { kind: 'jump'; target: ControlTarget }
  /** Taken when cond is 1, otherwise falls through. */
  | { kind: 'branch'; cond: BV; target: ControlTarget }
  | { kind: 'return'; via: BV }
  | { kind: 'trap'; reason: string };

export interface CallEvent {
  index: number;
  target: ControlTarget;
  /** The state at the call, before its effects. */
  before: ReadonlyMap<string, BV>;
  memBefore: Mem;
}

export interface ExecResult {
  /** Final value of every component written (others keep their initial value). */
  written: Map<string, BV>;
  mem: Mem;
  exit: BlockExit;
  calls: CallEvent[];
  /** Components read before being written. */
  liveIn: Set<string>;
}

/** What a call does to the state; the default is set by the caller of execute(). */
export type CallEffect = (event: CallEvent, state: { set(name: string, value: BV): void; setMem(mem: Mem): void }) => void;

export interface ExecOptions {
  isa: Isa;
  semantics: (mnemonic: string) => InstructionSemantics | undefined;
  /** Initial value of a component (default: a variable named after it). */
  initial?: (name: string) => BV;
  /** Initial memory (default: an array named `mem`). */
  mem?: Mem;
  /** Resolves numeric local labels (`1b`) at an instruction. */
  resolveLabel?: (name: string, ins: InstructionStatement) => string;
  onCall?: CallEffect;
}

export function execute(instructions: readonly InstructionStatement[], options: ExecOptions): ExecResult {
  const { isa } = options;
  const initial = options.initial ?? ((name: string) => v(componentWidth(isa, name), name));
  const written = new Map<string, BV>();
  const liveIn = new Set<string>();
  const calls: CallEvent[] = [];
  let mem: Mem = options.mem ?? { op: 'mem0', name: 'mem' };
  let exit: BlockExit | undefined;
  let current: InstructionStatement | undefined;

  const get = (name: string): BV => {
    const w = written.get(name);
    if (w !== undefined) return w;
    liveIn.add(name);
    return initial(name);
  };
  const set = (name: string, value: BV): void => {
    const w = componentWidth(isa, name);
    if (value.w !== w) throw new Error(`semantics of '${current?.mnemonic}' wrote ${value.w} bits to ${name} (${w} bits)`);
    written.set(name, value);
  };
  const resolve = (name: string): string => (current && options.resolveLabel ? options.resolveLabel(name, current) : name);
  const end = (e: BlockExit): void => {
    if (exit) throw new UnsupportedInstruction(current!, `'${current!.mnemonic}' follows a control transfer in the same block`);
    exit = e;
  };

  const ctx: SemContext = {
    isa,
    get,
    set,
    load: (addr, bytes) => load(mem, addr, bytes),
    store: (addr, value) => {
      mem = store(mem, addr, value);
    },
    value: (e: Expr) => {
      try {
        return asmExprValue(e, resolve);
      } catch (err) {
        if (err instanceof AsmExprError) throw new UnsupportedInstruction(current!, err.message);
        throw err;
      }
    },
    target: (e: Expr): ControlTarget => {
      let t = e;
      if (t.kind === 'reloc' && (t.style === 'at' || t.op === 'plt')) t = t.arg;
      if (t.kind === 'sym') return { kind: 'symbol', name: resolve(t.name) };
      return { kind: 'address', value: ctx.value(e) };
    },
    jump: (target) => end({ kind: 'jump', target }),
    branch: (cond, target) => end({ kind: 'branch', cond, target }),
    call: (target) => {
      if (exit) throw new UnsupportedInstruction(current!, 'call after a control transfer');
      const event: CallEvent = { index: calls.length, target, before: new Map(written), memBefore: mem };
      calls.push(event);
      (options.onCall ?? havocNothing)(event, { set, setMem: (m) => void (mem = m) });
    },
    ret: (via) => end({ kind: 'return', via }),
    trap: (reason) => end({ kind: 'trap', reason }),
    unsupported: (message) => {
      throw new UnsupportedInstruction(current!, message);
    },
  };

  for (const ins of instructions) {
    current = ins;
    if (exit) throw new UnsupportedInstruction(ins, `'${ins.mnemonic}' follows a control transfer in the same block`);
    const sem = options.semantics(ins.mnemonic);
    if (!sem) throw new UnsupportedInstruction(ins, `no semantics for '${ins.mnemonic}' on ${isa} yet`);
    sem(ins, ctx);
  }
  return { written, mem, exit: exit ?? { kind: 'fall' }, calls, liveIn };
}

/** Placeholder call effect for contexts that must not meet calls (difftests); the verifier passes its own. */
const havocNothing: CallEffect = (event) => {
  throw new Error(`call to ${event.target.kind === 'symbol' ? event.target.name : 'a computed address'} needs a call model`);
};
