// The LowerContext of one source block: the register map, scratch registers,
// spill slots, lazily kept flags and pending `adrp` pages, and the target
// lines produced so far. Rules (rules/*.ts) call into it; the function
// translator (translate/function.ts) drives it one instruction at a time.
import type { InstructionStatement } from '../asm/ast.js';
import type { Prototype } from '../cfront/ctypes.js';
import type { MappedBits, TargetPlace } from '../translate/contract.js';
import { gprOf } from '../isa/aarch64/semantics/operands.js';
import { fprOf } from '../isa/aarch64/semantics/operands.js';
import { FP_SCRATCH, INT_SCRATCH, PRIVATE_AREA, SLOT_COND, SLOT_FLAG_A, SLOT_FLAG_B, SLOT_NZCV, type RegisterMap } from '../translate/regmap.js';
import type { FlagsDef, FpView, LowerContext } from './rules/types.js';
import { branchIf, condFromPacked, condValue, logicResult, packedNzcv } from './conditions.js';

/** Raised by refuse(): the function containing the instruction is not translated. */
export class RefusedError extends Error {
  constructor(readonly reason: string, readonly ins?: InstructionStatement) {
    super(reason);
  }
}

/** A rule needs v`n` in its 16-byte slot in this function: the translator retries the function with it there. */
export class MissingVectorSlot extends RefusedError {
  constructor(readonly n: number) {
    super(`v${n} is used as a vector but has no 16-byte slot`);
  }
}

/**
 * An integer flags operand as this context keeps it: a target register that
 * still holds the value, a saved copy in the private area, or an immediate.
 */
export type FlagOperand = { kind: 'reg'; reg: string } | { kind: 'slot'; offset: number } | { kind: 'imm'; value: bigint };

/** The context's own flags record: FlagsDef with operands that survive scratch reuse. */
export type IntFlags =
  | { kind: 'sub' | 'add'; a: FlagOperand; b: FlagOperand; width: 32 | 64 }
  | { kind: 'logic'; result: FlagOperand; width: 32 | 64 }
  /** tst/ands a, b kept as its operands: the result a & b is computed by the consumer. */
  | { kind: 'and'; a: FlagOperand; b: FlagOperand; width: 32 | 64 }
  | { kind: 'fcmp'; a: FlagOperand; b: FlagOperand; view: FpView }
  /** NZCV packed in bits 3..0 of the 8-byte private slot SLOT_NZCV. */
  | { kind: 'packed' };

export interface BlockFacts {
  /** Flags are read after instruction i (before being redefined), in this block or a successor. */
  flagsLiveAfter: boolean[];
  /** Flags are live at the block's entry. */
  flagsLiveIn: boolean;
  /** Flags are live at the block's exit. */
  flagsLiveOut: boolean;
  /** Source registers (`x3`) live after instruction i. */
  liveAfter: Set<string>[];
}

const CONDITIONS = new Set(['eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv']);

/** Conditions after a logic operation: test of the result, and whether to invert it. */

export function isCondition(c: string): boolean {
  return CONDITIONS.has(c);
}

/** Fits a RISC-V 12-bit signed immediate. */
export function fitsImm12(v: bigint): boolean {
  return v >= -2048n && v <= 2047n;
}

/** What rules may ask about the program around the block. */
export interface LowerEnv {
  /** Output name of a label referenced by the current instruction (numeric `1f` resolved). */
  label(name: string): string;
  /** Whether a label starts a block of the current function. */
  isBlockLabel(name: string): boolean;
  /** Whether a function is translated in the same output (then the 1:1 register map holds across calls). */
  isLocalFunction(name: string): boolean;
  prototype(name: string): Prototype | undefined;
  /** The NUL-terminated string at a data label, if the label is followed by string data. */
  stringAt(label: string): string | undefined;
  /** Name of an LP64D wrapper for a local function called back from the C library. */
  callbackWrapper(fn: string): string;
  /** v registers a local function uses only through their single-precision view (so they carry NaN-boxed singles between functions). */
  singleOnly(fn: string): Set<number>;
  /** Registers (x numbers) a call to a local function may change; undefined: all caller-saved ones. */
  callClobbers(fn: string): Set<number> | undefined;
  /** v registers a call to a local function may change; undefined for functions outside the output. */
  fpWrites(fn: string): Set<number> | undefined;
}

/** Argument facts of one external call (see BlockLowerer.callArguments). */
export interface CallArguments {
  facts: MappedBits[];
  targetOnly: { place: TargetPlace; value: bigint }[];
}

export class BlockLowerer implements LowerContext {
  readonly lines: string[] = [];
  readonly rulesUsed = new Set<string>();
  private freeInt: string[] = [...INT_SCRATCH];
  private freeFp: string[] = [...FP_SCRATCH];
  private intFlags: IntFlags | undefined;
  /** Source register number -> symbol whose page address the register should hold (adrp not yet materialised). */
  readonly pendingPage = new Map<number, string>();
  /** Source register number -> symbol whose address the register holds (adrp+add, adr), for calls. */
  readonly knownAddress = new Map<number, string>();
  /** Source register number -> the symbols one of whose addresses the register holds (paths joined). */
  readonly knownAddressSets = new Map<number, string[]>();
  /** Source register number -> symbol whose page address the register holds (materialised). */
  readonly knownPage = new Map<number, string>();
  /** Pages known from other blocks: only used to know addresses for calls, never to shorten code. */
  readonly pageFacts = new Map<number, string>();
  /** The view through which each v register was last written in this block (a single must reach a callee NaN-boxed). */
  readonly lastView = new Map<number, FpView>();
  /**
   * Where the last external call's arguments were placed for the target ABI
   * (set by adaptExternalCall): the call's `before` mapping claims exactly
   * these argument bits, no more (a sign-extended int agrees only in its low
   * 32 bits) and no fewer (a printf double sits in an integer register).
   */
  callArguments: CallArguments | undefined;
  /** Sign-extend w0 at `ret` (functions called from C library code that return 32-bit values). */
  signExtendReturn = false;
  private index = 0;
  private labelCounter: { n: number };

  constructor(
    readonly map: RegisterMap,
    readonly facts: BlockFacts,
    labelCounter: { n: number },
    readonly functionName: string,
    readonly env: LowerEnv,
  ) {
    this.labelCounter = labelCounter;
    if (facts.flagsLiveIn) this.intFlags = { kind: 'packed' };
  }

  /** Starts lowering source instruction i of the block: all scratch registers are free again. */
  begin(i: number, keep: string[] = []): void {
    this.index = i;
    this.freeInt = INT_SCRATCH.filter((r) => !keep.includes(r));
    this.freeFp = [...FP_SCRATCH];
  }

  currentIndex(): number {
    return this.index;
  }

  /** Keeps a 0/1 condition value in the private area (ccmp evaluates its condition before packing new flags). */
  saveCond(reg: string): void {
    const a = this.freeInt.find((r) => r !== reg) ?? this.refuse('out of scratch registers');
    this.emit(`lla ${a}, ${PRIVATE_AREA}`);
    this.emit(`sd ${reg}, ${SLOT_COND}(${a})`);
  }

  loadCond(): string {
    const s = this.scratch();
    this.emit(`lla ${s}, ${PRIVATE_AREA}`);
    this.emit(`ld ${s}, ${SLOT_COND}(${s})`);
    return s;
  }

  // ------------------------------------------------------------ registers

  private gprNumber(src: string): number | 'sp' | 'zr' {
    const g = gprOf(src);
    if (!g) this.refuse(`'${src}' is not a general register`);
    if (g.root === 'sp' || g.root === 'zr') return g.root;
    return Number(g.root.slice(1));
  }

  readGpr(src: string): string {
    const n = this.gprNumber(src);
    if (n === 'sp') return 'sp';
    if (n === 'zr') return 'zero';
    this.materialisePage(n);
    const home = this.map.gprHome(n);
    if (home.kind === 'reg') return home.reg;
    const s = this.scratch();
    this.emit(`lla ${s}, ${PRIVATE_AREA}`);
    this.emit(`ld ${s}, ${home.offset}(${s})`);
    return s;
  }

  writeGpr(src: string): { reg: string; commit(): void } {
    const n = this.gprNumber(src);
    if (n === 'sp') return { reg: 'sp', commit: () => undefined };
    if (n === 'zr') return { reg: this.scratch(), commit: () => undefined };
    this.pendingPage.delete(n);
    this.knownAddress.delete(n);
    this.knownAddressSets.delete(n);
    this.knownPage.delete(n);
    this.pageFacts.delete(n);
    const home = this.map.gprHome(n);
    if (home.kind === 'reg') {
      this.protectFlagOperand(home.reg);
      return { reg: home.reg, commit: () => undefined };
    }
    const s = this.scratch();
    return {
      reg: s,
      commit: () => {
        const a = this.freeInt.find((r) => r !== s);
        if (a) {
          this.emit(`lla ${a}, ${PRIVATE_AREA}`);
          this.emit(`sd ${s}, ${home.offset}(${a})`);
          return;
        }
        // Every integer scratch is taken: park the value in an FP scratch (a raw bit move) to free `s` for the address.
        const f = this.freeFp[0] ?? this.refuse('out of scratch registers for a spill store');
        this.emit(`fmv.d.x ${f}, ${s}`);
        this.emit(`lla ${s}, ${PRIVATE_AREA}`);
        this.emit(`fsd ${f}, ${home.offset}(${s})`);
        this.emit(`fmv.x.d ${s}, ${f}`);
      },
    };
  }

  /**
   * Before a call: FP arguments held in vector slots go to their FP registers (the
   * inter-function convention), NaN-boxed where the callee reads a single.
   */
  beforeCall(callee?: string): void {
    let singles = new Set<number>();
    if (callee && this.env.isLocalFunction(callee)) singles = this.env.singleOnly(callee);
    else if (callee) {
      const proto = this.env.prototype(callee);
      let k = 0;
      for (const p of proto?.params ?? []) {
        if (p.kind !== 'float') continue;
        if (p.bits === 32) singles.add(k);
        k++;
      }
    }
    // What this block last wrote decides first: a single written here is passed as a single.
    for (const [n, view] of this.lastView) {
      if (view === 's') singles.add(n);
      else singles.delete(n);
    }
    this.lastCallSingles = singles;
    this.slotsToFpRegs(8, singles);
  }

  /** The slot-held v registers the last beforeCall handed over as NaN-boxed singles. */
  lastCallSingles = new Set<number>();

  /** After a call: flags and caller-saved registers are unknown; FP results go back to their slots. */
  afterCall(callee?: string, opts: { fpUnchanged?: boolean } = {}): void {
    this.clobberFlags();
    const killed = (callee && this.env.callClobbers(callee)) || undefined;
    const dies = (n: number): boolean => (killed ? killed.has(n) : n <= 18 || n === 30);
    for (const n of [...this.knownAddress.keys()]) if (dies(n)) this.knownAddress.delete(n);
    for (const n of [...this.knownPage.keys()]) if (dies(n)) this.knownPage.delete(n);
    for (const n of [...this.pageFacts.keys()]) if (dies(n)) this.pageFacts.delete(n);
    // Results come back in fa0-fa3; a callee that leaves a register alone leaves its slot alone too.
    if (opts.fpUnchanged) return;
    const fpChanged = callee ? this.env.fpWrites(callee) : undefined;
    this.fpRegsToSlots(4, fpChanged ? [...fpChanged] : undefined);
  }

  beforeReturn(): void {
    this.slotsToFpRegs(4, this.env.singleOnly(this.functionName), this.env.fpWrites(this.functionName));
    if (this.signExtendReturn) this.emit('sext.w a0, a0');
  }

  /** At function entry: FP arguments arrive in fa0-fa7; copy those whose register lives in a slot here. */
  functionEntry(liveIn: Set<string>): void {
    const regs = Array.from({ length: 8 }, (_, n) => n).filter((n) => liveIn.has(`v${n}`));
    this.fpRegsToSlots(8, regs);
  }

  private slotsToFpRegs(count: number, singles: Set<number>, only?: Set<number>): void {
    let a: string | undefined;
    for (let n = 0; n < count; n++) {
      const slot = this.map.vectorSlot(n);
      if (slot === undefined || (only && !only.has(n))) continue;
      if (!a) {
        a = this.scratch();
        this.emit(`lla ${a}, ${PRIVATE_AREA}`);
      }
      this.emit(`${singles.has(n) ? 'flw' : 'fld'} fa${n}, ${slot}(${a})`);
    }
    if (a) this.releaseInt(a);
  }

  private fpRegsToSlots(count: number, only?: number[]): void {
    let a: string | undefined;
    for (let n = 0; n < count; n++) {
      const slot = this.map.vectorSlot(n);
      if (slot === undefined || (only && !only.includes(n))) continue;
      if (!a) {
        a = this.scratch();
        this.emit(`lla ${a}, ${PRIVATE_AREA}`);
      }
      this.emit(`fsd fa${n}, ${slot}(${a})`);
      this.emit(`sd zero, ${slot + 8}(${a})`);
    }
    if (a) this.releaseInt(a);
  }

  /** Emits the page address of a pending `adrp` into the register's home. */
  materialisePage(n: number): void {
    const sym = this.pendingPage.get(n);
    if (sym === undefined) return;
    this.pendingPage.delete(n);
    const w = this.writeGpr(`x${n}`);
    this.emit(`lla ${w.reg}, ${sym}`);
    this.emit(`srli ${w.reg}, ${w.reg}, 12`);
    this.emit(`slli ${w.reg}, ${w.reg}, 12`);
    w.commit();
    this.knownPage.set(n, sym);
  }

  /** The register holds (or will hold) the page of `sym`, so `:lo12:sym` uses need only the symbol's address. */
  holdsPageOf(n: number, sym: string): boolean {
    return this.pendingPage.get(n) === sym || this.knownPage.get(n) === sym;
  }

  materialiseAllPages(onlyLive?: Set<string>): void {
    for (const n of [...this.pendingPage.keys()]) {
      if (!onlyLive || onlyLive.has(`x${n}`)) this.materialisePage(n);
      else this.pendingPage.delete(n);
    }
  }

  private fprNumber(src: string): number {
    const f = fprOf(src);
    if (f) return f.n;
    const m = /^v([0-9]+)$/.exec(src);
    if (m) return Number(m[1]);
    this.refuse(`'${src}' is not an FP register`);
  }

  readFpr(src: string, view: FpView): string {
    const n = this.fprNumber(src);
    const slot = this.map.vectorSlot(n);
    const home = this.map.fprHome(n);
    if (slot === undefined && home.kind === 'reg') {
      if (view === 'd' || this.lastView.get(n) === 's') return home.reg;
      // The register may hold a double-precision write (or come from another block): RISC-V single
      // operations read only NaN-boxed values, so box the low word into a scratch copy.
      const t = this.scratch();
      const f = this.fscratch();
      this.emit(`fmv.x.w ${t}, ${home.reg}`);
      this.emit(`fmv.w.x ${f}, ${t}`);
      this.releaseInt(t);
      return f;
    }
    const offset = slot ?? (home as { offset: number }).offset;
    const f = this.fscratch();
    const a = this.scratch();
    this.emit(`lla ${a}, ${PRIVATE_AREA}`);
    this.emit(`${view === 'd' ? 'fld' : 'flw'} ${f}, ${offset}(${a})`);
    this.releaseInt(a);
    return f;
  }

  writeFpr(src: string, view: FpView): { reg: string; commit(): void } {
    const n = this.fprNumber(src);
    this.lastView.set(n, view);
    const slot = this.map.vectorSlot(n);
    const home = this.map.fprHome(n);
    if (slot === undefined && home.kind === 'reg') {
      this.protectFpFlagOperand(home.reg);
      return { reg: home.reg, commit: () => undefined };
    }
    const offset = slot ?? (home as { offset: number }).offset;
    const f = this.fscratch();
    return {
      reg: f,
      commit: () => {
        const a = this.scratch();
        this.emit(`lla ${a}, ${PRIVATE_AREA}`);
        if (slot !== undefined) {
          // A scalar write zeroes the rest of the 128-bit register.
          this.emit(`sd zero, ${offset + 8}(${a})`);
          if (view === 's') this.emit(`sw zero, ${offset + 4}(${a})`);
        }
        this.emit(`${view === 'd' ? 'fsd' : 'fsw'} ${f}, ${offset}(${a})`);
        this.releaseInt(a);
      },
    };
  }

  vectorSlot(src: string): { symbol: string; offset: number } {
    const n = this.fprNumber(src);
    this.lastView.delete(n);
    const slot = this.map.vectorSlot(n);
    if (slot === undefined) throw new MissingVectorSlot(n);
    return { symbol: PRIVATE_AREA, offset: slot };
  }

  /** Whether v register `src` lives in a 16-byte slot (used as a vector somewhere in the file). */
  hasVectorSlot(src: string): boolean {
    return this.map.vectorSlot(this.fprNumber(src)) !== undefined;
  }

  scratch(): string {
    const r = this.freeInt.shift();
    if (!r) this.refuse('out of integer scratch registers');
    return r;
  }

  releaseInt(r: string): void {
    if ((INT_SCRATCH as readonly string[]).includes(r) && !this.freeInt.includes(r)) this.freeInt.unshift(r);
  }

  isScratch(r: string): boolean {
    return (INT_SCRATCH as readonly string[]).includes(r);
  }

  fscratch(): string {
    const r = this.freeFp.shift();
    if (!r) this.refuse('out of FP scratch registers');
    return r;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  /** Emits `li`, or `mv` from zero, for a 64-bit constant into `reg`. */
  li(reg: string, value: bigint): void {
    const v = BigInt.asIntN(64, value);
    this.emit(`li ${reg}, ${v}`);
  }

  /** A register holding constant `value`: `zero` for 0, otherwise a scratch loaded with it. */
  constReg(value: bigint): string {
    if (BigInt.asIntN(64, value) === 0n) return 'zero';
    const s = this.scratch();
    this.li(s, value);
    return s;
  }

  freshLabel(hint: string): string {
    this.labelCounter.n++;
    return `.Ltp_${hint}_${this.labelCounter.n}`;
  }

  rule(name: string): void {
    this.rulesUsed.add(name);
  }

  refuse(reason: string): never {
    throw new RefusedError(reason);
  }

  // ------------------------------------------------------------ flags

  flagsLive(): boolean {
    return this.facts.flagsLiveAfter[this.index] ?? false;
  }

  /** Public form (FP rules): operands are target registers. */
  setFlags(def: FlagsDef): void {
    switch (def.kind) {
      case 'sub':
      case 'add':
        this.setIntFlags({ kind: def.kind, a: this.keep(def.a), b: this.keep(def.b), width: def.width });
        return;
      case 'logic':
        this.setIntFlags({ kind: 'logic', result: this.keep(def.result), width: def.width });
        return;
      case 'fcmp':
        this.setIntFlags({ kind: 'fcmp', a: this.keepFp(def.a, def.view, SLOT_FLAG_A), b: this.keepFp(def.b, def.view, SLOT_FLAG_B), view: def.view });
        return;
      case 'packed':
        this.storePacked(def.reg);
        this.intFlags = { kind: 'packed' };
        return;
    }
  }

  flags(): FlagsDef | undefined {
    const f = this.intFlags;
    if (!f) return undefined;
    if (f.kind === 'packed') return { kind: 'packed', reg: this.loadPacked() };
    if (f.kind === 'fcmp') return { kind: 'fcmp', a: this.fpFlagOperand(f.a, f.view), b: this.fpFlagOperand(f.b, f.view), view: f.view };
    if (f.kind === 'logic' || f.kind === 'and') return { kind: 'logic', result: logicResult(this, f, false), width: f.width };
    return { kind: f.kind, a: this.flagOperand(f.a), b: this.flagOperand(f.b), width: f.width };
  }

  /** Sets the flags from this context's own record (integer rules), saving scratch operands. */
  setIntFlags(def: IntFlags): void {
    if (!this.flagsLive()) {
      this.intFlags = undefined;
      return;
    }
    const fix = (o: FlagOperand, slot: number): FlagOperand =>
      o.kind === 'reg' && this.isScratch(o.reg) ? this.saveToSlot(o.reg, slot) : o;
    if (def.kind === 'sub' || def.kind === 'add' || def.kind === 'and') this.intFlags = { ...def, a: fix(def.a, SLOT_FLAG_A), b: fix(def.b, SLOT_FLAG_B) };
    else if (def.kind === 'logic') this.intFlags = { ...def, result: fix(def.result, SLOT_FLAG_A) };
    else this.intFlags = def;
  }

  /** Flags become unknown (a call). */
  clobberFlags(): void {
    this.intFlags = undefined;
  }

  private keep(reg: string): FlagOperand {
    return reg === 'zero' ? { kind: 'imm', value: 0n } : { kind: 'reg', reg };
  }

  private keepFp(reg: string, view: FpView, slot: number): FlagOperand {
    if (!(FP_SCRATCH as readonly string[]).includes(reg)) return { kind: 'reg', reg };
    if (!this.flagsLive()) return { kind: 'reg', reg };
    const a = this.scratch();
    this.emit(`lla ${a}, ${PRIVATE_AREA}`);
    this.emit(`${view === 'd' ? 'fsd' : 'fsw'} ${reg}, ${slot}(${a})`);
    this.releaseInt(a);
    return { kind: 'slot', offset: slot };
  }

  private saveToSlot(reg: string, slot: number): FlagOperand {
    const a = this.freeInt.find((r) => r !== reg) ?? this.refuse('out of scratch registers saving a flag operand');
    this.emit(`lla ${a}, ${PRIVATE_AREA}`);
    this.emit(`sd ${reg}, ${slot}(${a})`);
    return { kind: 'slot', offset: slot };
  }

  /** Before a mapped register is overwritten: keep the flags' copy of it if the flags are still needed. */
  private protectFlagOperand(reg: string): void {
    const f = this.intFlags;
    if (!f || !this.flagsLiveBefore()) return;
    if (f.kind === 'sub' || f.kind === 'add' || f.kind === 'and') {
      if (f.a.kind === 'reg' && f.a.reg === reg) f.a = this.saveToSlot(reg, SLOT_FLAG_A);
      if (f.b.kind === 'reg' && f.b.reg === reg) f.b = this.saveToSlot(reg, SLOT_FLAG_B);
    } else if (f.kind === 'logic' && f.result.kind === 'reg' && f.result.reg === reg) {
      f.result = this.saveToSlot(reg, SLOT_FLAG_A);
    }
  }

  private protectFpFlagOperand(reg: string): void {
    const f = this.intFlags;
    if (!f || f.kind !== 'fcmp' || !this.flagsLiveBefore()) return;
    for (const [key, slot] of [['a', SLOT_FLAG_A], ['b', SLOT_FLAG_B]] as const) {
      const o = f[key];
      if (o.kind === 'reg' && o.reg === reg) {
        const a = this.scratch();
        this.emit(`lla ${a}, ${PRIVATE_AREA}`);
        this.emit(`${f.view === 'd' ? 'fsd' : 'fsw'} ${reg}, ${slot}(${a})`);
        this.releaseInt(a);
        f[key] = { kind: 'slot', offset: slot };
      }
    }
  }

  /**
   * The current flags are still read after the current instruction. (Rules read
   * the flags they consume before they write registers, so a write during the
   * instruction only matters to later readers.)
   */
  private flagsLiveBefore(): boolean {
    return this.facts.flagsLiveAfter[this.index] ?? false;
  }

  /** A register holding a flags operand (reloaded or materialised as needed). */
  flagOperand(o: FlagOperand): string {
    if (o.kind === 'reg') return o.reg;
    if (o.kind === 'imm') return this.constReg(o.value);
    const s = this.scratch();
    this.emit(`lla ${s}, ${PRIVATE_AREA}`);
    this.emit(`ld ${s}, ${o.offset}(${s})`);
    return s;
  }

  private fpFlagOperand(o: FlagOperand, view: FpView): string {
    if (o.kind === 'reg') return o.reg;
    if (o.kind === 'imm') this.refuse('internal: immediate FP flag operand');
    const f = this.fscratch();
    const a = this.scratch();
    this.emit(`lla ${a}, ${PRIVATE_AREA}`);
    this.emit(`${view === 'd' ? 'fld' : 'flw'} ${f}, ${o.offset}(${a})`);
    this.releaseInt(a);
    return f;
  }

  private storePacked(reg: string): void {
    const a = this.freeInt.find((r) => r !== reg) ?? this.refuse('out of scratch registers storing flags');
    this.emit(`lla ${a}, ${PRIVATE_AREA}`);
    this.emit(`sd ${reg}, ${SLOT_NZCV}(${a})`);
  }

  /** NZCV as the predecessor block packed it into the private slot, in a scratch register. */
  loadPacked(): string {
    const s = this.scratch();
    this.emit(`lla ${s}, ${PRIVATE_AREA}`);
    this.emit(`ld ${s}, ${SLOT_NZCV}(${s})`);
    return s;
  }

  currentFlags(): IntFlags | undefined {
    return this.intFlags;
  }

  /** Stores the flags packed in the private slot, so a successor block can read them. */
  spillFlags(): void {
    if (!this.intFlags || this.intFlags.kind === 'packed') return;
    const p = this.packedNzcv();
    this.storePacked(p);
    this.releaseInt(p);
    this.intFlags = { kind: 'packed' };
  }

  /** NZCV packed in bits 3..0 (N Z C V) of a scratch register (conditions.ts). */
  packedNzcv(): string {
    return packedNzcv(this);
  }

  /** A scratch register holding 1 when condition `cond` holds, else 0 (conditions.ts). */
  condValue(cond: string): string {
    return condValue(this, cond);
  }

  /** Condition from NZCV packed in `p` (bits N=3, Z=2, C=1, V=0). */
  condFromPacked(cond: string, p: string): string {
    return condFromPacked(this, cond, p);
  }

  /** Emits a branch to `label` taken when `cond` holds. */
  branchIf(cond: string, label: string): void {
    branchIf(this, cond, label);
  }
}
