// Symbolic execution of a whole loop-free function: every path from entry to
// return, with its path condition and final state. The verifier compares two
// functions by these summaries. Loops, calls and computed jumps are not
// summarised yet: the reason is returned, and the verdict says so.
import type { InstructionStatement } from '../asm/ast.js';
import { and, not, TRUE } from '../ir/build.js';
import type { BV, Mem } from '../ir/expr.js';
import { execute } from '../ir/symexec.js';
import { UnsupportedInstruction } from '../ir/semantics.js';
import type { AsmFunction, BasicBlock } from '../program/model.js';
import type { Machine } from './concrete.js';

/** An external call on a path: the callee and the first integer argument (the value compared). */
export interface PathCall {
  callee: string;
  arg0: BV;
}

/**
 * What an external call does to the state, for proofs: given the call's
 * index on the path, the callee and how to read the state before it, the
 * new values of the components the call changes (memory is unchanged: the
 * same model as testing, see VerifyReport.assumptions).
 */
export type PathCallModel = (index: number, callee: string, get: (name: string) => BV) => Map<string, BV>;

export interface PathOutcome {
  cond: BV;
  /** External calls made on this path, in order (empty without a call model). */
  calls?: PathCall[];
  /** Final value of a component on this path. */
  state: Map<string, BV>;
  mem: Mem;
  /** `cut`: the path reached a cut point (a loop header) and stops there (see CutPoints). */
  end: { kind: 'return'; via: BV } | { kind: 'trap'; reason: string } | { kind: 'cut'; block: BasicBlock };
}

/**
 * Cut points for proofs of loops: enumeration starts at `start` (default:
 * the entry block) and a path stops on entering a block of `stopAt` (the
 * start block itself only when the path comes back to it). With the loop
 * headers as cut points the segments between them are loop-free; a cycle
 * no cut point breaks is still refused as a loop.
 */
export interface CutPoints {
  start?: BasicBlock;
  stopAt: ReadonlySet<BasicBlock>;
}

/**
 * `exceeded`: with bounded unrolling, the conditions of the paths cut off
 * because they entered some block more than `unroll + 1` times; the other
 * paths cover exactly the inputs outside them.
 */
export type PathSummary = { paths: PathOutcome[]; exceeded?: BV[] } | { unsupported: string };

export function enumeratePaths(
  machine: Machine,
  fn: AsmFunction,
  initial: (name: string) => BV,
  mem: Mem,
  maxPaths = 256,
  /** Bounded unrolling: how many times a path may re-enter a block (default: loops are refused). */
  unroll?: number,
  /** External calls: their effect (default: functions with calls are refused). */
  callModel?: PathCallModel,
  cuts?: CutPoints,
): PathSummary {
  const stmts = machine.program.file.statements;
  const indexOf = new Map<InstructionStatement, number>();
  const blockOf = new Map<string, BasicBlock>();
  for (const b of fn.blocks) for (const l of b.labels) blockOf.set(l, b);
  const out: PathOutcome[] = [];
  const exceeded: BV[] = [];

  interface Frame {
    block: BasicBlock;
    cond: BV;
    state: Map<string, BV>;
    mem: Mem;
    /** How often the path entered each block. */
    onPath: Map<BasicBlock, number>;
    calls: PathCall[];
  }
  const work: Frame[] = [{ block: cuts?.start ?? fn.blocks[0]!, cond: TRUE, state: new Map(), mem, onPath: new Map(), calls: [] }];
  const internal = new Set(machine.program.functions.map((g) => g.name));
  const argReg = machine.convention.intArgs[0]!;
  try {
    while (work.length) {
      const f = work.pop()!;
      if (cuts?.stopAt.has(f.block) && f.onPath.size > 0) {
        out.push({ cond: f.cond, calls: f.calls, state: f.state, mem: f.mem, end: { kind: 'cut', block: f.block } });
        continue;
      }
      const visits = f.onPath.get(f.block) ?? 0;
      if (visits > 0 && unroll === undefined)
        return { unsupported: cuts ? 'the function has a loop that no cut point breaks (irreducible control flow)' : 'the function has a loop (cut-point proofs need a run through verify)' };
      if (unroll !== undefined && visits > unroll) {
        exceeded.push(f.cond);
        continue;
      }
      const onPath = new Map(f.onPath).set(f.block, visits + 1);
      const instructions = f.block.instructions.map((i) => {
        const ins = stmts[i] as InstructionStatement;
        indexOf.set(ins, i);
        return ins;
      });
      const calls = [...f.calls];
      const r = execute(instructions, {
        isa: machine.program.file.isa,
        semantics: machine.semantics,
        initial: (name) => f.state.get(name) ?? initial(name),
        mem: f.mem,
        resolveLabel: (name, ins) => machine.program.labels.resolve(name, indexOf.get(ins) ?? 0) ?? name,
        onCall: (event, st) => {
          if (!callModel) throw new NotSummarised('the function calls another function (calls are not summarised yet)');
          if (event.target.kind !== 'symbol') throw new NotSummarised('the function calls through a register (not summarised yet)');
          const callee = event.target.name;
          if (internal.has(callee)) throw new NotSummarised(`the function calls ${callee}, a function of the same file (not summarised yet)`);
          const get = (name: string) => event.before.get(name) ?? f.state.get(name) ?? initial(name);
          calls.push({ callee, arg0: get(argReg) });
          for (const [k, x] of callModel(calls.length - 1, callee, get)) st.set(k, x);
        },
      });
      const state = new Map(f.state);
      for (const [k, v] of r.written) state.set(k, v);
      const next = (block: BasicBlock | undefined, cond: BV, why: string) => {
        if (!block) throw new NotSummarised(why);
        work.push({ block, cond, state, mem: r.mem, onPath, calls });
      };
      const fall = () => {
        const e = f.block.successors.find((s) => s.kind === 'fallthrough' || s.kind === 'not-taken');
        return e && 'block' in e.to ? fn.blocks[e.to.block] : undefined;
      };
      const exit = r.exit;
      switch (exit.kind) {
        case 'fall':
          next(fall(), f.cond, 'control falls off the end of the function');
          break;
        case 'branch': {
          const t = exit.target.kind === 'symbol' ? blockOf.get(exit.target.name) : undefined;
          next(t, and(f.cond, exit.cond), 'a conditional branch leaves the function (tail call)');
          next(fall(), and(f.cond, not(exit.cond)), 'control falls off the end of the function');
          break;
        }
        case 'jump':
          if (exit.target.kind !== 'symbol') throw new NotSummarised('the function has a computed jump (jump tables are not summarised yet)');
          next(blockOf.get(exit.target.name), f.cond, `a jump leaves the function (tail call to ${exit.target.name})`);
          break;
        case 'return':
          out.push({ cond: f.cond, calls, state, mem: r.mem, end: { kind: 'return', via: exit.via } });
          break;
        case 'trap':
          out.push({ cond: f.cond, calls, state, mem: r.mem, end: { kind: 'trap', reason: exit.reason } });
          break;
      }
      if (out.length + work.length > maxPaths) return { unsupported: `more than ${maxPaths} paths` };
    }
  } catch (e) {
    if (e instanceof NotSummarised) return { unsupported: e.message };
    if (e instanceof UnsupportedInstruction) return { unsupported: `line ${e.ins.span.line}: ${e.message}` };
    throw e;
  }
  return exceeded.length ? { paths: out, exceeded } : { paths: out };
}

class NotSummarised extends Error {}
