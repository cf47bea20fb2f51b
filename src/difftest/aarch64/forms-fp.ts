// Difftest forms: scalar floating point (single and double precision).
import type { Form } from '../types.js';
import { B, form, fpImmediateText } from './gen.js';

type P = 's' | 'd';
const PRECISIONS: P[] = ['s', 'd'];

/** One form per precision, with lanes filled with edge floats of that precision. */
function sd(name: string, body: (b: B, p: P) => string): Form[] {
  return PRECISIONS.map((p) =>
    form(`${name} (${p})`, 'fp', (b) => {
      b.vecKind = p === 's' ? 'f32' : 'f64';
      return body(b, p);
    }),
  );
}

const f = (b: B, p: string, key: string) => `${p}${b.vn(key)}`;

const FP: Form[] = [];
for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'fnmul', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fabd']) {
  FP.push(...sd(`${op} fd, fn, fm`, (b, p) => `${op} ${f(b, p, 'd')}, ${f(b, p, 'n')}, ${f(b, p, 'm')}`));
}
for (const op of ['fsqrt', 'fabs', 'fneg', 'frinta', 'frinti', 'frintm', 'frintn', 'frintp', 'frintx', 'frintz']) {
  FP.push(...sd(`${op} fd, fn`, (b, p) => `${op} ${f(b, p, 'd')}, ${f(b, p, 'n')}`));
}
for (const op of ['fmadd', 'fmsub', 'fnmadd', 'fnmsub']) {
  FP.push(...sd(`${op} fd, fn, fm, fa`, (b, p) => `${op} ${f(b, p, 'd')}, ${f(b, p, 'n')}, ${f(b, p, 'm')}, ${f(b, p, 'a')}`));
}
for (const op of ['fcmp', 'fcmpe']) {
  FP.push(
    ...sd(`${op} fn, fm`, (b, p) => `${op} ${f(b, p, 'n')}, ${f(b, p, 'm')}`),
    ...sd(`${op} fn, #0.0`, (b, p) => `${op} ${f(b, p, 'n')}, #0.0`),
  );
}
for (const op of ['fccmp', 'fccmpe']) {
  FP.push(...sd(`${op} fn, fm, #nzcv, cond`, (b, p) => `${op} ${f(b, p, 'n')}, ${f(b, p, 'm')}, #${b.int(0, 15)}, ${b.cond()}`));
}
FP.push(...sd('fcsel fd, fn, fm, cond', (b, p) => `fcsel ${f(b, p, 'd')}, ${f(b, p, 'n')}, ${f(b, p, 'm')}, ${b.cond()}`));
FP.push(
  form('fcvt dd, sn', 'fp', (b) => ((b.vecKind = 'f32'), `fcvt ${f(b, 'd', 'd')}, ${f(b, 's', 'n')}`)),
  form('fcvt sd, dn', 'fp', (b) => ((b.vecKind = 'f64'), `fcvt ${f(b, 's', 'd')}, ${f(b, 'd', 'n')}`)),
);
for (const r of ['a', 'm', 'n', 'p', 'z']) {
  for (const sign of ['s', 'u']) {
    const op = `fcvt${r}${sign}`;
    for (const g of ['w', 'x'] as const) FP.push(...sd(`${op} ${g}d, fn`, (b, p) => `${op} ${b.r(g, 'd')}, ${f(b, p, 'n')}`));
    FP.push(...sd(`${op} fd, fn (scalar)`, (b, p) => `${op} ${f(b, p, 'd')}, ${f(b, p, 'n')}`));
  }
}
for (const op of ['fcvtzs', 'fcvtzu']) {
  for (const g of ['w', 'x'] as const) {
    FP.push(...sd(`${op} ${g}d, fn, #fbits`, (b, p) => `${op} ${b.r(g, 'd')}, ${f(b, p, 'n')}, #${b.int(1, g === 'w' ? 32 : 64)}`));
  }
}
for (const op of ['scvtf', 'ucvtf']) {
  for (const g of ['w', 'x'] as const) {
    FP.push(...sd(`${op} fd, ${g}n`, (b, p) => `${op} ${f(b, p, 'd')}, ${b.r(g, 'n', { pz: 0.05 })}`));
    FP.push(...sd(`${op} fd, ${g}n, #fbits`, (b, p) => `${op} ${f(b, p, 'd')}, ${b.r(g, 'n')}, #${b.int(1, g === 'w' ? 32 : 64)}`));
  }
  FP.push(...sd(`${op} fd, fn (scalar)`, (b, p) => `${op} ${f(b, p, 'd')}, ${f(b, p, 'n')}`));
}
FP.push(
  ...sd('fmov fd, fn', (b, p) => `fmov ${f(b, p, 'd')}, ${f(b, p, 'n')}`),
  ...sd('fmov fd, #imm', (b, p) => `fmov ${f(b, p, 'd')}, ${fpImmediateText(b.rng)}`),
  form('fmov sd, wn', 'fp', (b) => `fmov ${f(b, 's', 'd')}, ${b.w('n', { pz: 0.1 })}`),
  form('fmov dd, xn', 'fp', (b) => `fmov ${f(b, 'd', 'd')}, ${b.x('n', { pz: 0.1 })}`),
  form('fmov wd, sn', 'fp', (b) => `fmov ${b.w('d')}, ${f(b, 's', 'n')}`),
  form('fmov xd, dn', 'fp', (b) => `fmov ${b.x('d')}, ${f(b, 'd', 'n')}`),
  form('fmov hd, rn', 'fp', (b) => `fmov h${b.vn('d')}, ${b.r(b.pick(['w', 'x'] as const), 'n', { pz: 0.1 })}`),
  form('fmov rd, hn', 'fp', (b) => `fmov ${b.r(b.pick(['w', 'x'] as const), 'd')}, h${b.vn('n')}`),
  form('fmov hd, hn', 'fp', (b) => `fmov h${b.vn('d')}, h${b.vn('n')}`),
  form('fcsel hd, hn, hm, cond', 'fp', (b) => `fcsel h${b.vn('d')}, h${b.vn('n')}, h${b.vn('m')}, ${b.cond()}`),
  form('fmov xd, vn.d[1]', 'fp', (b) => `fmov ${b.x('d')}, v${b.vn('n')}.d[1]`),
  form('fmov vd.d[1], xn', 'fp', (b) => `fmov v${b.vn('d')}.d[1], ${b.x('n')}`),
  form('fmov vd.T, #imm', 'fp', (b) => `fmov v${b.vn('d')}.${b.pick(['2s', '4s', '2d'])}, ${fpImmediateText(b.rng)}`),
);

export const FP_FORMS: Form[] = FP;
