// RV64GC register names: numeric and ABI spellings of the integer and FP files.

const INT_ABI = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1',
  'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];
const FP_ABI = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1',
  'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5', 'fa6', 'fa7',
  'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
];

/** Maps every accepted spelling to the register's number; FP registers are 32 + n. */
export const RISCV_REGISTER_NUMBERS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (let i = 0; i < 32; i++) {
    m.set(`x${i}`, i);
    m.set(INT_ABI[i]!, i);
    m.set(`f${i}`, 32 + i);
    m.set(FP_ABI[i]!, 32 + i);
  }
  m.set('fp', 8);
  return m;
})();

export const RISCV_REGISTERS: ReadonlySet<string> = new Set(RISCV_REGISTER_NUMBERS.keys());

export const RISCV_ABI_NAME = (n: number): string => (n < 32 ? INT_ABI[n]! : FP_ABI[n - 32]!);
