// AArch64 condition codes after fcmp/fcmpe, computed on RISC-V from the two
// compared FP registers. FPCompare sets NZCV to 0110 (equal), 1000 (less),
// 0010 (greater) or 0011 (unordered: a NaN operand), so every condition is
// one RISC-V compare (feq/flt/fle are false on NaN operands), sometimes
// inverted:
//   eq  Z          equal                 feq a,b
//   ne  !Z         less|greater|unord    !feq a,b
//   mi  N          less                  flt a,b
//   pl  !N         equal|greater|unord   !flt a,b
//   cs  C          equal|greater|unord   !flt a,b
//   cc  !C         less                  flt a,b
//   vs  V          unordered             !(feq a,a & feq b,b)
//   vc  !V         ordered               feq a,a & feq b,b
//   hi  C & !Z     greater|unord         !fle a,b
//   ls  !C | Z     less|equal            fle a,b
//   ge  N = V      equal|greater         fle b,a
//   lt  N != V     less|unord            !fle b,a
//   gt  !Z & N=V   greater               flt b,a
//   le  Z | N!=V   less|equal|unord      !flt b,a
import type { FlagsDef, LowerContext } from './types.js';

type FcmpDef = FlagsDef & { kind: 'fcmp' };

/** How a condition is computed: a compare, its operand order, and whether to invert it. */
const RECIPES: Record<string, { op: 'feq' | 'flt' | 'fle' | 'ordered' | 'true'; swap?: boolean; invert?: boolean }> = {
  eq: { op: 'feq' },
  ne: { op: 'feq', invert: true },
  mi: { op: 'flt' },
  pl: { op: 'flt', invert: true },
  cs: { op: 'flt', invert: true },
  hs: { op: 'flt', invert: true },
  cc: { op: 'flt' },
  lo: { op: 'flt' },
  vs: { op: 'ordered', invert: true },
  vc: { op: 'ordered' },
  hi: { op: 'fle', invert: true },
  ls: { op: 'fle' },
  ge: { op: 'fle', swap: true },
  lt: { op: 'fle', swap: true, invert: true },
  gt: { op: 'flt', swap: true },
  le: { op: 'flt', swap: true, invert: true },
  al: { op: 'true' },
  nv: { op: 'true' },
};

export function fcmpConditionCodes(): string[] {
  return Object.keys(RECIPES);
}

/**
 * A target GPR holding 1 when AArch64 condition `cond` holds after
 * `fcmp a, b` (def), else 0. Emits two to four instructions.
 */
export function fcmpCondition(cond: string, def: FcmpDef, ctx: LowerContext): string {
  const recipe = RECIPES[cond];
  if (!recipe) ctx.refuse(`'${cond}' is not an AArch64 condition code`);
  const r = ctx.scratch();
  const f = `.${def.view}`;
  const [x, y] = recipe.swap ? [def.b, def.a] : [def.a, def.b];
  switch (recipe.op) {
    case 'true':
      ctx.emit(`li ${r}, 1`);
      return r;
    case 'ordered': {
      const u = ctx.scratch();
      ctx.emit(`feq${f} ${r}, ${x}, ${x}`);
      ctx.emit(`feq${f} ${u}, ${y}, ${y}`);
      ctx.emit(`and ${r}, ${r}, ${u}`);
      break;
    }
    default:
      ctx.emit(`${recipe.op}${f} ${r}, ${x}, ${y}`);
  }
  if (recipe.invert) ctx.emit(`xori ${r}, ${r}, 1`);
  return r;
}

/**
 * NZCV of `fcmp a, b` packed in bits 3..0 of a GPR (N Z C V), for fccmp and
 * for consumers that need the flags as a value: N = less, Z = equal,
 * C = not less, V = unordered.
 */
export function fcmpPackedNzcv(def: FcmpDef, ctx: LowerContext): string {
  const f = `.${def.view}`;
  const [r, t] = [ctx.scratch(), ctx.scratch()];
  ctx.emit(`flt${f} ${t}, ${def.a}, ${def.b}`); // N
  ctx.emit(`slli ${r}, ${t}, 3`);
  ctx.emit(`xori ${t}, ${t}, 1`); // C = !N
  ctx.emit(`slli ${t}, ${t}, 1`);
  ctx.emit(`or ${r}, ${r}, ${t}`);
  ctx.emit(`feq${f} ${t}, ${def.a}, ${def.b}`); // Z
  ctx.emit(`slli ${t}, ${t}, 2`);
  ctx.emit(`or ${r}, ${r}, ${t}`);
  // V = a is NaN or b is NaN.
  ctx.emit(`feq${f} ${t}, ${def.a}, ${def.a}`);
  ctx.emit(`xori ${t}, ${t}, 1`);
  ctx.emit(`or ${r}, ${r}, ${t}`);
  ctx.emit(`feq${f} ${t}, ${def.b}, ${def.b}`);
  ctx.emit(`xori ${t}, ${t}, 1`);
  ctx.emit(`or ${r}, ${r}, ${t}`);
  return r;
}
