// AArch64 register names as GNU as accepts them (lower case; gas also takes
// the all-upper-case spelling, which the parser lowers).
//
// General purpose: x0-x30 / w0-w30, sp / wsp, xzr / wzr, and the aliases
// fp (x29), lr (x30), ip0 (x16), ip1 (x17). There is no x31: encoding 31 is
// sp or the zero register depending on the instruction.
// SIMD and FP: v0-v31 (with an arrangement `v0.4s` or element `v0.s[1]`, see
// parseVectorRegister) and the scalar views q/d/s/h/b 0-31.

function range(prefix: string): string[] {
  return Array.from({ length: 32 }, (_, i) => `${prefix}${i}`);
}

/** 64-bit general registers, including sp and the aliases: what a memory base may be. */
export const AARCH64_X_REGISTERS: ReadonlySet<string> = new Set([
  ...range('x').slice(0, 31), 'sp', 'xzr', 'fp', 'lr', 'ip0', 'ip1',
]);

/** 32-bit general registers. */
export const AARCH64_W_REGISTERS: ReadonlySet<string> = new Set([...range('w').slice(0, 31), 'wsp', 'wzr']);

/** SIMD and FP registers: bare vector names and the scalar views. */
export const AARCH64_FP_REGISTERS: ReadonlySet<string> = new Set([
  ...range('v'), ...range('q'), ...range('d'), ...range('s'), ...range('h'), ...range('b'),
]);

/** Every plain register name (vector registers with an arrangement are separate, see parseVectorRegister). */
export const AARCH64_REGISTERS: ReadonlySet<string> = new Set([
  ...AARCH64_X_REGISTERS, ...AARCH64_W_REGISTERS, ...AARCH64_FP_REGISTERS,
]);

/** The register number behind an alias or view: `fp` is x29, `w3` and `x3` are both 3, `sp`/`wsp` are 31. */
export function aarch64RegisterNumber(name: string): number | undefined {
  switch (name) {
    case 'fp': return 29;
    case 'lr': return 30;
    case 'ip0': return 16;
    case 'ip1': return 17;
    case 'sp': case 'wsp': case 'xzr': case 'wzr': return 31;
  }
  if (!AARCH64_REGISTERS.has(name)) return undefined;
  return Number(name.slice(1));
}

/** Arrangements `v0.<T>` for whole vectors, and element sizes `v0.<T>[i]` for lanes. */
export const VECTOR_ARRANGEMENTS: ReadonlySet<string> = new Set([
  '8b', '16b', '4h', '8h', '2s', '4s', '1d', '2d', '1q', '2h', '4b',
]);
export const VECTOR_ELEMENTS: ReadonlySet<string> = new Set(['b', 'h', 's', 'd', 'q']);

/**
 * Splits `v0.4s` / `v1.s` (one identifier to the lexer) into register and
 * arrangement, or undefined when the text is not a vector register with a
 * valid arrangement (then it is a symbol: gcc names statics `v1.0`).
 */
export function parseVectorRegister(text: string): { name: string; arrangement: string } | undefined {
  const dot = text.indexOf('.');
  if (dot < 0) return undefined;
  // gas reads the register and the arrangement separately: `V0.4s` and `v0.4S` are both fine.
  const name = lowerRegisterSpelling(text.slice(0, dot));
  const arrangement = text.slice(dot + 1).toLowerCase();
  if (name === undefined || !/^v([0-9]|[12][0-9]|3[01])$/.test(name)) return undefined;
  if (!VECTOR_ARRANGEMENTS.has(arrangement) && !VECTOR_ELEMENTS.has(arrangement)) return undefined;
  return { name, arrangement };
}

/** gas takes a register written all lower or all upper case; anything else is a symbol. */
export function lowerRegisterSpelling(text: string): string | undefined {
  const lower = text.toLowerCase();
  return text === lower || text === text.toUpperCase() ? lower : undefined;
}

/** The register a plain identifier names (lower-cased), or undefined. */
export function registerName(text: string): string | undefined {
  const lower = lowerRegisterSpelling(text);
  return lower !== undefined && AARCH64_REGISTERS.has(lower) ? lower : undefined;
}
