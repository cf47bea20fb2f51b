// SMT-LIB spellings shared by the encoders: sorts, bit-vector literals and
// symbols.

export function bvSort(w: number): string {
  return `(_ BitVec ${w})`;
}

export const MEM_SORT = '(Array (_ BitVec 64) (_ BitVec 8))';

/** A w-bit literal: #x when the width is a multiple of 4, else #b (both are exact-width in SMT-LIB). */
export function bvLit(w: number, value: bigint): string {
  const v = value & ((1n << BigInt(w)) - 1n);
  if (w % 4 === 0) return '#x' + v.toString(16).padStart(w / 4, '0');
  return '#b' + v.toString(2).padStart(w, '0');
}

/**
 * A quoted symbol for an IR name. IR names contain characters such as
 * `&`, `:`, `.`, `#`, so every user name is quoted; `|` and `\` cannot
 * appear inside a quoted symbol and are replaced (the caller keeps names
 * unique, so a replaced name cannot capture another).
 */
export function quoteSymbol(raw: string): string {
  return `|${raw}|`;
}

export function sanitizeSymbol(name: string): string {
  return name.replace(/[|\\]/g, '_');
}
