// Difftest forms: Advanced SIMD (integer, floating point, permutes,
// reductions, element moves, immediates, structure loads and stores).
import type { Form } from '../types.js';
import { B, form, fpImmediateText, hex } from './gen.js';

const ALL = ['8b', '16b', '4h', '8h', '2s', '4s', '2d'];
const NO2D = ['8b', '16b', '4h', '8h', '2s', '4s'];
const BYTES = ['8b', '16b'];
const FPA = ['2s', '4s', '2d'];
const ESIZE: Record<string, number> = { b: 8, h: 16, s: 32, d: 64 };
const elemOf = (arr: string) => arr.replace(/^\d+/, '');
const esize = (arr: string) => ESIZE[elemOf(arr)]!;

const vr = (b: B, key: string, arr: string) => `v${b.vn(key)}.${arr}`;
/** By-element operand: h elements only exist for v0-v15. */
const velem = (b: B, key: string, e: string) => {
  const n = e === 'h' ? b.vn(key) % 16 : b.vn(key);
  return `v${n}.${e}[${b.int(0, 128 / ESIZE[e]! - 1)}]`;
};

const V: Form[] = [];
/** One form per mnemonic, the arrangement picked per instance (named in the form). */
function vform(name: string, arrs: string[], body: (b: B, arr: string) => string, fp = false): void {
  V.push(form(`${name} {${arrs.join(',')}}`, fp ? 'simd-fp' : 'simd', (b) => {
    const arr = b.pick(arrs);
    if (fp) b.vecKind = esize(arr) === 32 ? 'f32' : 'f64';
    return body(b, arr);
  }));
}

const three = (op: string) => (b: B, a: string) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, ${vr(b, 'm', a)}`;
const two = (op: string) => (b: B, a: string) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}`;

for (const op of ['add', 'sub', 'cmeq', 'cmgt', 'cmge', 'cmhi', 'cmhs', 'cmtst', 'sqadd', 'uqadd', 'sqsub', 'uqsub', 'sshl', 'ushl']) vform(`${op} vd, vn, vm`, ALL, three(op));
for (const op of ['mul', 'mla', 'mls', 'smax', 'smin', 'umax', 'umin', 'shadd', 'uhadd', 'srhadd', 'urhadd', 'shsub', 'uhsub', 'sabd', 'uabd', 'saba', 'uaba']) vform(`${op} vd, vn, vm`, NO2D, three(op));
for (const op of ['and', 'orr', 'eor', 'bic', 'orn', 'bsl', 'bit', 'bif']) vform(`${op} vd, vn, vm`, BYTES, three(op));
for (const op of ['add', 'sub', 'cmeq', 'cmgt', 'cmge', 'cmhi', 'cmhs', 'cmtst', 'sshl', 'ushl']) {
  V.push(form(`${op} dd, dn, dm`, 'simd', (b) => `${op} d${b.vn('d')}, d${b.vn('n')}, d${b.vn('m')}`));
}
for (const op of ['mul', 'mla', 'mls']) vform(`${op} vd, vn, vm.T[i]`, ['4h', '8h', '2s', '4s'], (b, a) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, ${velem(b, 'm', elemOf(a))}`);
for (const op of ['cmeq', 'cmge', 'cmgt', 'cmle', 'cmlt']) vform(`${op} vd, vn, #0`, ALL, (b, a) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, #0`);
for (const op of ['neg', 'abs']) {
  vform(`${op} vd, vn`, ALL, two(op));
  V.push(form(`${op} dd, dn`, 'simd', (b) => `${op} d${b.vn('d')}, d${b.vn('n')}`));
}
for (const op of ['not', 'mvn', 'cnt', 'rbit']) vform(`${op} vd, vn`, BYTES, two(op));
for (const op of ['clz', 'cls']) vform(`${op} vd, vn`, NO2D, two(op));
vform('rev16 vd, vn', BYTES, two('rev16'));
vform('rev32 vd, vn', ['8b', '16b', '4h', '8h'], two('rev32'));
vform('rev64 vd, vn', NO2D, two('rev64'));

// Shifts by immediate, vector and scalar d.
for (const op of ['shl', 'sli', 'sshr', 'ushr', 'srshr', 'urshr', 'ssra', 'usra', 'srsra', 'ursra', 'sri']) {
  const left = op === 'shl' || op === 'sli';
  const amount = (b: B, e: number) => (left ? b.int(0, e - 1) : b.int(1, e));
  vform(`${op} vd, vn, #s`, ALL, (b, a) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, #${amount(b, esize(a))}`);
  V.push(form(`${op} dd, dn, #s`, 'simd', (b) => `${op} d${b.vn('d')}, d${b.vn('n')}, #${amount(b, 64)}`));
}

// Widening and narrowing: the wide arrangement, the narrow one and its upper-half form.
const LONG: [string, string, string][] = [['8h', '8b', '16b'], ['4s', '4h', '8h'], ['2d', '2s', '4s']];
for (const op of ['saddl', 'uaddl', 'ssubl', 'usubl', 'smull', 'umull', 'smlal', 'umlal', 'smlsl', 'umlsl', 'sabdl', 'uabdl', 'sabal', 'uabal']) {
  for (const up of ['', '2']) {
    V.push(form(`${op}${up} vd, vn, vm`, 'simd', (b) => {
      const [w, lo, hi] = b.pick(LONG);
      const n = up ? hi : lo;
      return `${op}${up} ${vr(b, 'd', w)}, ${vr(b, 'n', n)}, ${vr(b, 'm', n)}`;
    }));
  }
}
for (const op of ['smull', 'umull', 'smlal', 'umlal', 'smlsl', 'umlsl']) {
  for (const up of ['', '2']) {
    V.push(form(`${op}${up} vd, vn, vm.T[i]`, 'simd', (b) => {
      const [w, lo, hi] = b.pick(LONG.slice(1));
      return `${op}${up} ${vr(b, 'd', w)}, ${vr(b, 'n', up ? hi : lo)}, ${velem(b, 'm', elemOf(lo))}`;
    }));
  }
}
for (const op of ['saddw', 'uaddw', 'ssubw', 'usubw']) {
  for (const up of ['', '2']) {
    V.push(form(`${op}${up} vd, vn, vm`, 'simd', (b) => {
      const [w, lo, hi] = b.pick(LONG);
      return `${op}${up} ${vr(b, 'd', w)}, ${vr(b, 'n', w)}, ${vr(b, 'm', up ? hi : lo)}`;
    }));
  }
}
for (const op of ['sshll', 'ushll', 'sxtl', 'uxtl']) {
  for (const up of ['', '2']) {
    V.push(form(`${op}${up} vd, vn${op.endsWith('ll') ? ', #s' : ''}`, 'simd', (b) => {
      const [w, lo, hi] = b.pick(LONG);
      const shift = op.endsWith('ll') ? `, #${b.int(0, esize(lo) - 1)}` : '';
      return `${op}${up} ${vr(b, 'd', w)}, ${vr(b, 'n', up ? hi : lo)}${shift}`;
    }));
  }
}
for (const op of ['xtn', 'shrn', 'rshrn', 'addhn', 'subhn', 'raddhn', 'rsubhn']) {
  for (const up of ['', '2']) {
    V.push(form(`${op}${up} vd, vn...`, 'simd', (b) => {
      const [w, lo, hi] = b.pick(LONG);
      const d = vr(b, 'd', up ? hi : lo);
      if (op === 'xtn') return `${op}${up} ${d}, ${vr(b, 'n', w)}`;
      if (op.endsWith('shrn')) return `${op}${up} ${d}, ${vr(b, 'n', w)}, #${b.int(1, esize(lo))}`;
      return `${op}${up} ${d}, ${vr(b, 'n', w)}, ${vr(b, 'm', w)}`;
    }));
  }
}

// Permutes and table lookups.
for (const op of ['zip1', 'zip2', 'uzp1', 'uzp2', 'trn1', 'trn2']) vform(`${op} vd, vn, vm`, ALL, three(op));
vform('ext vd, vn, vm, #i', BYTES, (b, a) => `ext ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, ${vr(b, 'm', a)}, #${b.int(0, a === '8b' ? 7 : 15)}`);
for (const op of ['tbl', 'tbx']) {
  V.push(form(`${op} vd, {vn..}, vm`, 'simd', (b) => {
    const a = b.pick(BYTES);
    const count = b.int(1, 4);
    const first = b.vn('n');
    const regs = Array.from({ length: count }, (_, k) => `v${(first + k) % 32}.16b`);
    // Indices near the table size exercise the out-of-range rule.
    const size = 16 * count;
    b.post.push((values, _s, rng) => {
      const m = `v${b.vn('m')}`;
      let v = 0n;
      for (let k = 0; k < 16; k++) v |= BigInt(rng.chance(0.8) ? rng.int(size) : rng.int(256)) << BigInt(8 * k);
      if (!regs.includes(`${m}.16b`)) values.set(m, v);
    });
    return `${op} ${vr(b, 'd', a)}, {${regs.join(', ')}}, ${vr(b, 'm', a)}`;
  }));
}

// Across lanes and pairwise.
const scalarOf: Record<string, string> = { b: 'b', h: 'h', s: 's', d: 'd' };
for (const op of ['addv', 'smaxv', 'sminv', 'umaxv', 'uminv']) {
  vform(`${op} Vd, vn`, ['8b', '16b', '4h', '8h', '4s'], (b, a) => `${op} ${scalarOf[elemOf(a)]}${b.vn('d')}, ${vr(b, 'n', a)}`);
}
const wider: Record<string, string> = { b: 'h', h: 's', s: 'd' };
for (const op of ['saddlv', 'uaddlv']) vform(`${op} Vd, vn`, ['8b', '16b', '4h', '8h', '4s'], (b, a) => `${op} ${wider[elemOf(a)]}${b.vn('d')}, ${vr(b, 'n', a)}`);
vform('addp vd, vn, vm', ALL, three('addp'));
V.push(form('addp dd, vn.2d', 'simd', (b) => `addp d${b.vn('d')}, ${vr(b, 'n', '2d')}`));
for (const op of ['smaxp', 'sminp', 'umaxp', 'uminp']) vform(`${op} vd, vn, vm`, NO2D, three(op));
const PAIRL: [string, string][] = [['4h', '8b'], ['8h', '16b'], ['2s', '4h'], ['4s', '8h'], ['1d', '2s'], ['2d', '4s']];
for (const op of ['saddlp', 'uaddlp', 'sadalp', 'uadalp']) {
  V.push(form(`${op} vd, vn`, 'simd', (b) => {
    const [d, n] = b.pick(PAIRL);
    return `${op} ${vr(b, 'd', d)}, ${vr(b, 'n', n)}`;
  }));
}

// Element moves.
const gpFor = (e: string) => (e === 'd' ? 'x' : 'w');
vform('dup vd, rn', ALL, (b, a) => `dup ${vr(b, 'd', a)}, ${b.r(gpFor(elemOf(a)), 'n', { pz: 0.05 })}`);
vform('dup vd, vn.T[i]', ALL, (b, a) => `dup ${vr(b, 'd', a)}, ${velem(b, 'n', elemOf(a)).replace(/^v(\d+)/, (_m, n) => `v${n}`)}`);
V.push(form('dup Vd, vn.T[i] (scalar)', 'simd', (b) => {
  const e = b.pick(['b', 'h', 's', 'd']);
  return `${b.pick(['dup', 'mov'])} ${e}${b.vn('d')}, v${b.vn('n')}.${e}[${b.int(0, 128 / ESIZE[e]! - 1)}]`;
}));
V.push(
  form('ins vd.T[i], rn', 'simd', (b) => {
    const e = b.pick(['b', 'h', 's', 'd']);
    return `${b.pick(['ins', 'mov'])} v${b.vn('d')}.${e}[${b.int(0, 128 / ESIZE[e]! - 1)}], ${b.r(gpFor(e), 'n', { pz: 0.05 })}`;
  }),
  form('ins vd.T[i], vn.T[j]', 'simd', (b) => {
    const e = b.pick(['b', 'h', 's', 'd']);
    const k = 128 / ESIZE[e]! - 1;
    return `${b.pick(['ins', 'mov'])} v${b.vn('d')}.${e}[${b.int(0, k)}], v${b.vn('n')}.${e}[${b.int(0, k)}]`;
  }),
  form('umov rd, vn.T[i]', 'simd', (b) => {
    const e = b.pick(['b', 'h', 's', 'd']);
    const op = e === 's' || e === 'd' ? b.pick(['umov', 'mov']) : 'umov';
    return `${op} ${b.r(gpFor(e), 'd')}, v${b.vn('n')}.${e}[${b.int(0, 128 / ESIZE[e]! - 1)}]`;
  }),
  form('smov rd, vn.T[i]', 'simd', (b) => {
    const [e, g] = b.pick([['b', 'w'], ['h', 'w'], ['b', 'x'], ['h', 'x'], ['s', 'x']] as const);
    return `smov ${b.r(g, 'd')}, v${b.vn('n')}.${e}[${b.int(0, 128 / ESIZE[e]! - 1)}]`;
  }),
  form('mov vd, vn', 'simd', (b) => {
    const a = b.pick(BYTES);
    return `mov ${vr(b, 'd', a)}, ${vr(b, 'n', a)}`;
  }),
);

// Immediates.
const byteMask = (b: B) => {
  let v = 0n;
  for (let k = 0; k < 8; k++) if (b.rng.chance(0.5)) v |= 0xffn << BigInt(8 * k);
  return v;
};
V.push(
  form('movi vd.{8b,16b}, #imm8', 'simd', (b) => `movi ${vr(b, 'd', b.pick(BYTES))}, #${hex(BigInt(b.int(0, 255)))}`),
  form('movi vd.{4h,8h}, #imm8{, lsl}', 'simd', (b) => `movi ${vr(b, 'd', b.pick(['4h', '8h']))}, #${b.int(0, 255)}, lsl #${b.pick([0, 8])}`),
  form('movi vd.{2s,4s}, #imm8{, lsl|msl}', 'simd', (b) =>
    `movi ${vr(b, 'd', b.pick(['2s', '4s']))}, #${b.int(0, 255)}${b.pick([', lsl #0', ', lsl #8', ', lsl #16', ', lsl #24', ', msl #8', ', msl #16'])}`),
  form('movi vd.2d, #mask', 'simd', (b) => `movi ${vr(b, 'd', '2d')}, #${hex(byteMask(b))}`),
  form('movi dd, #mask', 'simd', (b) => `movi d${b.vn('d')}, #${hex(byteMask(b))}`),
  form('mvni vd.T, #imm8{, lsl|msl}', 'simd', (b) => {
    const a = b.pick(['4h', '8h', '2s', '4s']);
    const mod = a.endsWith('h') ? b.pick([', lsl #0', ', lsl #8']) : b.pick([', lsl #0', ', lsl #8', ', lsl #16', ', lsl #24', ', msl #8', ', msl #16']);
    return `mvni ${vr(b, 'd', a)}, #${b.int(0, 255)}${mod}`;
  }),
  ...['orr', 'bic'].map((op) => form(`${op} vd.T, #imm8{, lsl}`, 'simd', (b) => {
    const a = b.pick(['4h', '8h', '2s', '4s']);
    const mod = a.endsWith('h') ? b.pick([0, 8]) : b.pick([0, 8, 16, 24]);
    return `${op} ${vr(b, 'd', a)}, #${b.int(0, 255)}, lsl #${mod}`;
  })),
);

// Floating point on vectors.
for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fabd', 'fmla', 'fmls', 'fcmeq', 'fcmge', 'fcmgt', 'facge', 'facgt', 'faddp', 'fmaxp', 'fminp', 'fmaxnmp', 'fminnmp']) {
  vform(`${op} vd, vn, vm`, FPA, three(op), true);
}
for (const op of ['fmul', 'fmla', 'fmls']) vform(`${op} vd, vn, vm.T[i]`, FPA, (b, a) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, ${velem(b, 'm', elemOf(a))}`, true);
for (const op of ['fcmeq', 'fcmge', 'fcmgt', 'fcmle', 'fcmlt']) vform(`${op} vd, vn, #0.0`, FPA, (b, a) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, #0.0`, true);
for (const op of ['fneg', 'fabs', 'fsqrt', 'frinta', 'frinti', 'frintm', 'frintn', 'frintp', 'frintx', 'frintz', 'scvtf', 'ucvtf']) vform(`${op} vd, vn`, FPA, two(op), true);
for (const r of ['a', 'm', 'n', 'p', 'z']) for (const s of ['s', 'u']) vform(`fcvt${r}${s} vd, vn`, FPA, two(`fcvt${r}${s}`), true);
for (const op of ['fcvtzs', 'fcvtzu', 'scvtf', 'ucvtf']) vform(`${op} vd, vn, #fbits`, FPA, (b, a) => `${op} ${vr(b, 'd', a)}, ${vr(b, 'n', a)}, #${b.int(1, esize(a))}`, true);
for (const op of ['faddp', 'fmaxp', 'fminp', 'fmaxnmp', 'fminnmp']) {
  V.push(form(`${op} Vd, vn (scalar)`, 'simd-fp', (b) => {
    const e = b.pick(['s', 'd']);
    b.vecKind = e === 's' ? 'f32' : 'f64';
    return `${op} ${e}${b.vn('d')}, ${vr(b, 'n', e === 's' ? '2s' : '2d')}`;
  }));
}
for (const op of ['fmaxv', 'fminv', 'fmaxnmv', 'fminnmv']) vform(`${op} sd, vn.4s`, ['4s'], (b, a) => `${op} s${b.vn('d')}, ${vr(b, 'n', a)}`, true);
V.push(
  form('fcvtl{2} vd.2d, vn', 'simd-fp', (b) => ((b.vecKind = 'f32'), b.rng.chance(0.5) ? `fcvtl ${vr(b, 'd', '2d')}, ${vr(b, 'n', '2s')}` : `fcvtl2 ${vr(b, 'd', '2d')}, ${vr(b, 'n', '4s')}`)),
  form('fcvtn{2} vd, vn.2d', 'simd-fp', (b) => ((b.vecKind = 'f64'), b.rng.chance(0.5) ? `fcvtn ${vr(b, 'd', '2s')}, ${vr(b, 'n', '2d')}` : `fcvtn2 ${vr(b, 'd', '4s')}, ${vr(b, 'n', '2d')}`)),
  form('fmov vd.T, #imm (vector)', 'simd-fp', (b) => `fmov ${vr(b, 'd', b.pick(FPA))}, ${fpImmediateText(b.rng)}`),
);

// Structure loads and stores.
function list(b: B, count: number, spec: string, range: boolean): string {
  const first = b.vn('t');
  const regs = Array.from({ length: count }, (_, k) => `v${(first + k) % 32}.${spec}`);
  // gas writes a range only without wrap-around (v31-v0 is refused; a comma list may wrap).
  return range && count > 1 && first + count <= 32 ? `{${regs[0]} - ${regs[count - 1]}}` : `{${regs.join(', ')}}`;
}

/** `[xn]` or `[xn], #size` or `[xn], xm` with the access inside the scratch buffer. */
function structAddress(b: B, bytes: number, align: number): string {
  const n = b.x('n');
  const off = align * b.int(0, Math.floor((b.layout.scratchSize - bytes) / align));
  b.set(n, b.scratch(off));
  switch (b.int(0, 2)) {
    case 0: return `[${n}]`;
    case 1: return `[${n}], #${bytes}`;
    default: {
      const m = `x${b.distinct('m', 'n')}`;
      return `[${n}], ${m}`;
    }
  }
}

for (const [ld, st] of [['ld1', 'st1'], ['ld2', 'st2'], ['ld3', 'st3'], ['ld4', 'st4']] as const) {
  const count = Number(ld[2]);
  for (const op of [ld, st]) {
    V.push(form(`${op} {vt..}, [xn]{, post}`, 'simd-mem', (b) => {
      const regs = count === 1 ? b.int(1, 4) : count;
      const arrs = count === 1 ? [...ALL, '1d'] : ALL;
      const spec = b.pick(arrs.filter((a) => regs * (a === '1d' || a === '8b' || a === '4h' || a === '2s' ? 8 : 16) <= b.layout.scratchSize));
      const bytes = regs * (['1d', '8b', '4h', '2s'].includes(spec) ? 8 : 16);
      return `${op} ${list(b, regs, spec, b.rng.chance(0.3))}, ${structAddress(b, bytes, 1)}`;
    }));
    V.push(form(`${op} {vt.T..}[i], [xn]{, post}`, 'simd-mem', (b) => {
      const e = b.pick(['b', 'h', 's', 'd']);
      const eb = ESIZE[e]! / 8;
      return `${op} ${list(b, count, e, false)}[${b.int(0, 16 / eb - 1)}], ${structAddress(b, count * eb, eb)}`;
    }));
  }
  V.push(form(`${ld}r {vt..}, [xn]{, post}`, 'simd-mem', (b) => {
    const spec = b.pick([...ALL, '1d']);
    const eb = esize(spec) / 8;
    return `${ld}r ${list(b, count, spec, false)}, ${structAddress(b, count * eb, eb)}`;
  }));
}

export const VEC_FORMS: Form[] = V;
