// Runs a function of a program on the interpreter, block by block, on one
// concrete state. Internal calls run recursively; external calls are
// answered by an oracle. Used for the verifier's random testing, and to
// replay every counterexample the solver finds before reporting it.
import type { InstructionStatement } from '../asm/ast.js';
import type { CallingConvention } from '../abi/conventions.js';
import { execute, type ExecResult } from '../ir/symexec.js';
import { UnsupportedInstruction, type InstructionSemantics } from '../ir/semantics.js';
import { Evaluator } from '../interp/eval.js';
import { FpNotImplemented } from '../ir/fp.js';
import { isaDescription } from '../isa/index.js';
import type { AsmFunction, AsmProgram, BasicBlock } from '../program/model.js';
import type { MemoryImage } from './image.js';

/** A deterministic junk value for an uninterpreted application, different per program. */
function unknownValue(salt: string, name: string, args: bigint[], w: number): bigint {
  let h = 0xcbf29ce484222325n;
  const mix = (x: bigint) => {
    h = ((h ^ (x & M64)) * 0x100000001b3n) & M64;
  };
  for (const ch of `${salt}\0${name}`) mix(BigInt(ch.charCodeAt(0)));
  for (const a of args) mix(a);
  h = ((h ^ (h >> 29n)) * 0xbf58476d1ce4e5b9n) & M64;
  return (h ^ (h >> 32n)) & ((1n << BigInt(w)) - 1n);
}

/** The value the link register holds on entry: `ret` must come back to it. */
export const RETURN_TOKEN = 0x5eed_0000_0000_0004n;
/** What the link register holds after an internal call returns (an address inside the caller). */
const AFTER_CALL_TOKEN = 0x5eed_0000_0001_0008n;
const M64 = (1n << 64n) - 1n;

export interface Machine {
  program: AsmProgram;
  image: MemoryImage;
  semantics: (mnemonic: string) => InstructionSemantics | undefined;
  convention: CallingConvention;
}

/** Memory of one run: bytes written so far over the program image and a background. */
export interface World {
  background(addr: bigint): number;
  writes: Map<bigint, number>;
}

export interface ExternalCall {
  callee: string;
  index: number;
  /** Argument registers at the call (integer and floating-point, per the convention). */
  args: Map<string, bigint>;
  /** All registers at the call. */
  regs: ReadonlyMap<string, bigint>;
}

/** Values of every call-clobbered component after an external call (results included). */
export type CallOracle = (call: ExternalCall) => Map<string, bigint>;

export type RunStatus = 'returned' | 'trapped' | 'step-limit' | 'unsupported' | 'unknown-jump' | 'bad-return';

export interface RunResult {
  status: RunStatus;
  reason?: string;
  regs: Map<string, bigint>;
  calls: ExternalCall[];
  steps: number;
}

interface Segment {
  instructions: InstructionStatement[];
  exec: ExecResult;
}

export interface RunLimits {
  maxSteps: number;
  maxDepth: number;
}

/** Called on entry to every block of the function run (not of the functions it calls), before the block executes. */
export type BlockHook = (block: BasicBlock, regs: ReadonlyMap<string, bigint>) => void;

export class FunctionRunner {
  private readonly segments = new Map<BasicBlock, Segment[]>();
  private readonly byName: Map<string, AsmFunction>;
  private readonly desc;
  private readonly indexOf = new Map<InstructionStatement, number>();

  constructor(private readonly m: Machine) {
    this.byName = new Map(m.program.functions.map((f) => [f.name, f]));
    this.desc = isaDescription(m.program.file.isa);
  }

  hasFunction(name: string): boolean {
    return this.byName.has(name);
  }

  /** Splits a block after each call, and executes each piece symbolically once. */
  private segmentsOf(block: BasicBlock): Segment[] {
    let segs = this.segments.get(block);
    if (segs) return segs;
    segs = [];
    let cur: InstructionStatement[] = [];
    const stmts = this.m.program.file.statements;
    const flush = () => {
      if (!cur.length) return;
      const exec = execute(cur, {
        isa: this.m.program.file.isa,
        semantics: this.m.semantics,
        resolveLabel: (name, ins) => this.m.program.labels.resolve(name, this.indexOf.get(ins) ?? 0) ?? name,
        onCall: () => {},
      });
      segs!.push({ instructions: cur, exec });
      cur = [];
    };
    for (const i of block.instructions) {
      const ins = stmts[i] as InstructionStatement;
      this.indexOf.set(ins, i);
      cur.push(ins);
      const flow = this.desc.control(ins).kind;
      if (flow === 'call' || flow === 'indirect-call') flush();
    }
    flush();
    this.segments.set(block, segs);
    return segs;
  }

  run(name: string, regs: Map<string, bigint>, world: World, oracle: CallOracle, limits: RunLimits, onBlock?: BlockHook): RunResult {
    const calls: ExternalCall[] = [];
    const state = { steps: 0, ...(onBlock ? { onBlock } : {}) };
    try {
      const status = this.runIn(name, regs, world, oracle, limits, calls, state, 0);
      return { ...status, regs, calls, steps: state.steps };
    } catch (e) {
      if (e instanceof UnsupportedInstruction)
        return { status: 'unsupported', reason: `line ${e.ins.span.line}: ${e.message}`, regs, calls, steps: state.steps };
      // Float formats without concrete semantics (src/ir/fp.ts) are unsupported, not a crash.
      if (e instanceof FpNotImplemented)
        return { status: 'unsupported', reason: e.message, regs, calls, steps: state.steps };
      throw e;
    }
  }

  private runIn(
    name: string,
    regs: Map<string, bigint>,
    world: World,
    oracle: CallOracle,
    limits: RunLimits,
    calls: ExternalCall[],
    state: { steps: number; onBlock?: BlockHook },
    depth: number,
  ): { status: RunStatus; reason?: string } {
    const fn = this.byName.get(name)!;
    const blockOf = new Map<string, BasicBlock>();
    for (const b of fn.blocks) for (const l of b.labels) blockOf.set(l, b);
    const cc = this.m.convention;
    const image = this.m.image;
    const entryLink = regs.get(cc.linkRegister);

    const env = {
      variable: (v: string) => (v.startsWith('&') ? image.addressOf(v.slice(1)) : regs.get(v) ?? 0n),
      memByte: (_m: string, addr: bigint) => world.writes.get(addr) ?? image.bytes.get(addr) ?? world.background(addr),
      // Values the semantics leave unknown (the RISC-V auipc half of `sd rs, sym, rt`):
      // garbage of this program, as for undefined registers, so a run that depends on them shows a difference.
      uf: (name: string, args: bigint[], w: number) => unknownValue(this.m.program.file.fileName, name, args, w),
    };

    const callOut = (target: string): { status: RunStatus; reason?: string } | undefined => {
      if (this.byName.has(target)) {
        if (depth >= limits.maxDepth) return { status: 'step-limit', reason: `call depth over ${limits.maxDepth}` };
        regs.set(cc.linkRegister, RETURN_TOKEN);
        const r = this.runIn(target, regs, world, oracle, limits, calls, state, depth + 1);
        if (r.status !== 'returned') return r;
        // As on hardware, the call left its own return address in the link
        // register: a caller that did not save its own cannot return.
        regs.set(cc.linkRegister, AFTER_CALL_TOKEN);
        return undefined;
      }
      const args = new Map<string, bigint>();
      for (const a of [...cc.intArgs, ...cc.fpArgs]) args.set(a, regs.get(a) ?? 0n);
      const call: ExternalCall = { callee: target, index: calls.length, args, regs: new Map(regs) };
      calls.push(call);
      for (const [k, v] of oracle(call)) regs.set(k, v);
      return undefined;
    };

    let block: BasicBlock | undefined = fn.blocks[0];
    while (block) {
      if (depth === 0) state.onBlock?.(block, regs);
      let next: BasicBlock | undefined;
      const segs = this.segmentsOf(block);
      for (const [k, seg] of segs.entries()) {
        state.steps += seg.instructions.length;
        if (state.steps > limits.maxSteps) return { status: 'step-limit', reason: `more than ${limits.maxSteps} instructions` };
        const ev = new Evaluator(env);
        const values = [...seg.exec.written].map(([n, e]) => [n, ev.value(e)] as const);
        const stores = ev.stores_(seg.exec.mem);
        const exit = seg.exec.exit;
        const cond = exit.kind === 'branch' ? ev.value(exit.cond) : 0n;
        const via = exit.kind === 'return' ? ev.value(exit.via) : exit.kind === 'jump' && exit.target.kind === 'address' ? ev.value(exit.target.value) : 0n;
        const callTarget = seg.exec.calls[0]?.target;
        const callAddr = callTarget?.kind === 'address' ? ev.value(callTarget.value) : undefined;
        for (const [n, v] of values) regs.set(n, v);
        for (const s of stores)
          for (let i = 0; i < s.bytes; i++) world.writes.set((s.addr + BigInt(i)) & M64, Number((s.value >> BigInt(8 * i)) & 0xffn));
        if (callTarget) {
          const target = callTarget.kind === 'symbol' ? callTarget.name : this.symbolAt(callAddr!);
          if (target === undefined) return { status: 'unknown-jump', reason: `call to address 0x${callAddr!.toString(16)}` };
          const r = callOut(target);
          if (r) return r;
        }
        if (k < segs.length - 1) continue;
        switch (exit.kind) {
          case 'fall':
            next = this.fallthrough(fn, block);
            if (!next) return { status: 'unknown-jump', reason: `falls off the end of ${name}` };
            break;
          case 'branch':
            next = cond ? this.targetBlock(exit.target, blockOf) : this.fallthrough(fn, block);
            if (!next) {
              if (cond && exit.target.kind === 'symbol') return this.tail(exit.target.name, callOut);
              return { status: 'unknown-jump', reason: 'branch target outside the function' };
            }
            break;
          case 'jump':
            if (exit.target.kind === 'symbol') {
              next = blockOf.get(exit.target.name);
              if (!next) return this.tail(exit.target.name, callOut);
            } else {
              const label = image.labelAt.get(via);
              next = label !== undefined ? blockOf.get(label) : undefined;
              if (!next) {
                const sym = this.symbolAt(via);
                if (sym !== undefined) return this.tail(sym, callOut);
                return { status: 'unknown-jump', reason: `jump to address 0x${via.toString(16)}` };
              }
            }
            break;
          case 'return':
            if (via !== entryLink) return { status: 'bad-return', reason: `returns to 0x${via.toString(16)}, not to its caller` };
            return { status: 'returned' };
          case 'trap':
            return { status: 'trapped', reason: exit.reason };
        }
      }
      block = next;
    }
    return { status: 'unknown-jump', reason: 'no block' };
  }

  private tail(target: string, callOut: (t: string) => { status: RunStatus; reason?: string } | undefined) {
    return callOut(target) ?? { status: 'returned' as const };
  }

  private fallthrough(fn: AsmFunction, block: BasicBlock): BasicBlock | undefined {
    const e = block.successors.find((s) => s.kind === 'fallthrough' || s.kind === 'not-taken');
    return e && 'block' in e.to ? fn.blocks[e.to.block] : undefined;
  }

  private targetBlock(t: { kind: string; name?: string }, blockOf: Map<string, BasicBlock>): BasicBlock | undefined {
    return t.kind === 'symbol' && t.name !== undefined ? blockOf.get(t.name) : undefined;
  }

  /** The function or external symbol at an address (function pointers). */
  private symbolAt(addr: bigint): string | undefined {
    const label = this.m.image.labelAt.get(addr);
    if (label !== undefined && this.byName.has(label)) return label;
    return this.m.image.symbolAt?.(addr);
  }
}
