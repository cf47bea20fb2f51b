// x86-64 register names as GNU as reads them in AT&T syntax, lower case and
// without the `%` prefix. `%st(1)` is named `st(1)`; `%st` alone is `st`.

export type X86RegisterClass =
  | 'gpr8' | 'gpr8h' | 'gpr16' | 'gpr32' | 'gpr64'
  | 'ip' | 'segment' | 'xmm' | 'ymm' | 'zmm' | 'mask' | 'x87' | 'mmx' | 'control' | 'debug' | 'bound' | 'pseudo-index';

export interface X86RegisterInfo {
  name: string;
  cls: X86RegisterClass;
  /** Width in bits (80 for x87 stack registers). */
  bits: number;
  /** Register number within its file (rax=0 .. r15=15; ah=4 .. bh=7 as encoded). */
  num: number;
}

const LEGACY = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];

function build(): Map<string, X86RegisterInfo> {
  const m = new Map<string, X86RegisterInfo>();
  const add = (name: string, cls: X86RegisterClass, bits: number, num: number): void => {
    m.set(name, { name, cls, bits, num });
  };
  LEGACY.forEach((r, i) => {
    add(`r${r}`, 'gpr64', 64, i);
    add(`e${r}`, 'gpr32', 32, i);
    add(r, 'gpr16', 16, i);
    // al, cl, dl, bl; spl, bpl, sil, dil need REX.
    add(i < 4 ? `${r[0]}l` : `${r}l`, 'gpr8', 8, i);
  });
  ['ah', 'ch', 'dh', 'bh'].forEach((r, i) => add(r, 'gpr8h', 8, 4 + i));
  for (let i = 8; i < 16; i++) {
    add(`r${i}`, 'gpr64', 64, i);
    add(`r${i}d`, 'gpr32', 32, i);
    add(`r${i}w`, 'gpr16', 16, i);
    add(`r${i}b`, 'gpr8', 8, i);
    add(`r${i}l`, 'gpr8', 8, i); // Intel's spelling, which gas accepts too
  }
  add('rip', 'ip', 64, 0);
  add('eip', 'ip', 32, 0);
  ['es', 'cs', 'ss', 'ds', 'fs', 'gs'].forEach((r, i) => add(r, 'segment', 16, i));
  for (let i = 0; i < 32; i++) {
    add(`xmm${i}`, 'xmm', 128, i);
    add(`ymm${i}`, 'ymm', 256, i);
    add(`zmm${i}`, 'zmm', 512, i);
  }
  for (let i = 0; i < 8; i++) {
    add(`k${i}`, 'mask', 64, i);
    add(`mm${i}`, 'mmx', 64, i);
    add(`st(${i})`, 'x87', 80, i);
  }
  add('st', 'x87', 80, 0);
  for (let i = 0; i < 16; i++) {
    add(`cr${i}`, 'control', 64, i);
    add(`db${i}`, 'debug', 64, i);
  }
  for (let i = 0; i < 4; i++) add(`bnd${i}`, 'bound', 128, i);
  // The "no index" pseudo registers of hand-written nops: `0(%rax,%riz,1)`.
  add('riz', 'pseudo-index', 64, 4);
  add('eiz', 'pseudo-index', 32, 4);
  return m;
}

export const X86_REGISTER_INFO: ReadonlyMap<string, X86RegisterInfo> = build();

export const X86_REGISTERS: ReadonlySet<string> = new Set(X86_REGISTER_INFO.keys());

const GPR_CLASSES: ReadonlySet<X86RegisterClass> = new Set(['gpr8', 'gpr8h', 'gpr16', 'gpr32', 'gpr64']);

export function isGpr(name: string): boolean {
  const info = X86_REGISTER_INFO.get(name);
  return info !== undefined && GPR_CLASSES.has(info.cls);
}

export function isSegmentRegister(name: string): boolean {
  return X86_REGISTER_INFO.get(name)?.cls === 'segment';
}

/** Registers that may be the base of an address: GPRs (16-bit ones only for `in`/`out` `(%dx)`) and rip/eip. */
export function isAddressBase(name: string): boolean {
  const cls = X86_REGISTER_INFO.get(name)?.cls;
  return cls === 'gpr64' || cls === 'gpr32' || cls === 'gpr16' || cls === 'ip';
}

/** Registers that may be an index: GPRs, the riz/eiz pseudo registers, and vector registers (VSIB gathers). */
export function isAddressIndex(name: string): boolean {
  const cls = X86_REGISTER_INFO.get(name)?.cls;
  return (
    cls === 'gpr64' || cls === 'gpr32' || cls === 'gpr16' || cls === 'pseudo-index' ||
    cls === 'xmm' || cls === 'ymm' || cls === 'zmm'
  );
}
