// Where each AArch64 register lives on RISC-V64. One map for the whole file,
// not per function: gcc's interprocedural register allocation (-fipa-ra) may
// keep a value in a caller-saved register across a call to a local function
// that it knows leaves that register alone, and x8 carries the address of a
// large struct result between functions. Both only survive translation when
// every function places a register in the same spot.
import type { TargetPlace } from './contract.js';

/** Integer scratch registers: never mapped, free for rules within one instruction. */
export const INT_SCRATCH = ['t0', 't1', 't2', 't6'] as const;
/** FP scratch registers: never mapped. */
export const FP_SCRATCH = ['ft8', 'ft9', 'ft10', 'ft11'] as const;

/** RISC-V ABI name to canonical state component (`a0` is `x10`, `fa0` is `f10`). */
const RV_INT_NAMES = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const RV_FP_NAMES = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11'];

export function rvComponent(abiName: string): string {
  const i = RV_INT_NAMES.indexOf(abiName);
  if (i >= 0) return `x${i}`;
  const f = RV_FP_NAMES.indexOf(abiName);
  if (f >= 0) return `f${f}`;
  throw new Error(`not a RISC-V register: ${abiName}`);
}

/** The private memory area of one output file: spill slots, saved flag operands, 128-bit vector slots. */
export const PRIVATE_AREA = '__tp_private';

export type GprHome = { kind: 'reg'; reg: string } | { kind: 'slot'; offset: number };
export type FprHome = { kind: 'reg'; reg: string } | { kind: 'slot'; offset: number };

/** Offsets inside the private area. */
export const SLOT_FLAG_A = 0;
export const SLOT_FLAG_B = 8;
export const SLOT_NZCV = 16;
/** A condition value kept across the flag computation of ccmp. */
export const SLOT_COND = 24;
const FIRST_GPR_SLOT = 32;

/** Caller-saved AArch64 registers x8..x18 that get a t register (the rest get slots). */
const CALLER_SAVED_REGS = ['t3', 't4', 't5'];
/** FP registers for v16..v31, after the scratch ones are taken out. */
const FP_TEMPS = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7'];

export class RegisterMap {
  private readonly gpr = new Map<number, GprHome>();
  private readonly fpr = new Map<number, FprHome>();
  /** Registers x8..x18 in order of use frequency (most used first get registers). */
  /** Bytes of the private area in use: the fixed slots, then the vector slots some function uses. */
  private highWater: { bytes: number };

  get areaBytes(): number {
    return this.highWater.bytes;
  }
  /** Offsets of the 16-byte slots of v registers used as whole vectors somewhere in the file. */
  private readonly vecSlots = new Map<number, number>();

  constructor(callerSavedUse: Map<number, number>, vectorRegs: Set<number>) {
    for (let i = 0; i <= 7; i++) this.gpr.set(i, { kind: 'reg', reg: `a${i}` });
    for (let i = 19; i <= 28; i++) this.gpr.set(i, { kind: 'reg', reg: `s${i - 18}` });
    this.gpr.set(29, { kind: 'reg', reg: 's0' });
    this.gpr.set(30, { kind: 'reg', reg: 'ra' });
    const order = Array.from({ length: 11 }, (_, k) => k + 8).sort(
      (a, b) => (callerSavedUse.get(b) ?? 0) - (callerSavedUse.get(a) ?? 0) || a - b,
    );
    let offset = FIRST_GPR_SLOT;
    order.forEach((r, k) => {
      if (k < CALLER_SAVED_REGS.length) this.gpr.set(r, { kind: 'reg', reg: CALLER_SAVED_REGS[k]! });
      else {
        this.gpr.set(r, { kind: 'slot', offset });
        offset += 8;
      }
    });
    for (let i = 0; i <= 7; i++) this.fpr.set(i, { kind: 'reg', reg: `fa${i}` });
    for (let i = 8; i <= 15; i++) this.fpr.set(i, { kind: 'reg', reg: `fs${i - 8}` });
    for (let i = 16; i <= 31; i++) {
      const k = i - 16;
      if (k < FP_TEMPS.length) this.fpr.set(i, { kind: 'reg', reg: FP_TEMPS[k]! });
      else {
        this.fpr.set(i, { kind: 'slot', offset });
        offset += 8;
      }
    }
    offset = (offset + 15) & ~15;
    this.highWater = { bytes: offset };
    void vectorRegs;
    for (let v = 0; v < 32; v++) {
      this.vecSlots.set(v, offset);
      offset += 16;
    }

  }

  gprHome(n: number): GprHome {
    return this.gpr.get(n)!;
  }

  fprHome(n: number): FprHome {
    return this.fpr.get(n)!;
  }

  /** v registers that live in their 16-byte slot in the current function (undefined: every register with a slot). */
  private active: Set<number> | undefined;

  /**
   * The map as one function sees it: a v register lives in its 16-byte slot only
   * in functions that use it as a whole vector; elsewhere it lives in its FP
   * register. Between functions, FP arguments and results travel in the FP
   * registers (the translator copies slots at entry, calls and returns).
   */
  forFunction(vectorRegs: Set<number>): RegisterMap {
    const view = Object.create(this) as RegisterMap;
    view.active = vectorRegs;
    for (const n of vectorRegs) {
      const slot = this.vecSlots.get(n);
      if (slot !== undefined) this.highWater.bytes = Math.max(this.highWater.bytes, slot + 16);
    }
    return view;
  }

  /** The 16-byte slot reserved for v`n` in the file (whether or not the current function uses it). */
  vectorSlotOffset(n: number): number | undefined {
    return this.vecSlots.get(n);
  }

  /** The 16-byte slot of a v register used as a whole vector in this function, if any. */
  vectorSlot(n: number): number | undefined {
    if (this.active && !this.active.has(n)) return undefined;
    return this.vecSlots.get(n);
  }

  /** Where source component `xN`/`sp` lives, for state mappings. */
  gprPlace(n: number | 'sp'): TargetPlace {
    if (n === 'sp') return { kind: 'reg', name: 'x2' };
    const h = this.gprHome(n);
    return h.kind === 'reg' ? { kind: 'reg', name: rvComponent(h.reg) } : { kind: 'mem', symbol: PRIVATE_AREA, offset: h.offset, bytes: 8 };
  }
}
