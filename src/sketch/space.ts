// The hole space of a sketch: for each hole line, its concrete variants, the
// immediate holes each variant uses and their ranges. Whole-instruction holes
// are expanded here into instructions over the registers the function uses.
// An immediate hole whose instruction needs a constant to have a meaning
// (AArch64 shift amounts) is enumerated into variants when its range is small.
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { HOLE_SYMBOL_PREFIX, type HoleSite, type SketchFile } from '../asm/holes.js';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printStatement } from '../asm/printer.js';
import type { Span } from '../asm/source.js';
import { conventionFor } from '../abi/conventions.js';
import { placeParams, placeResult } from '../abi/values.js';
import type { Prototype } from '../cfront/ctypes.js';
import { execute } from '../ir/symexec.js';
import { UnsupportedInstruction, type InstructionSemantics } from '../ir/semantics.js';
import { RISCV_ABI_NAME, RISCV_REGISTER_NUMBERS } from '../isa/riscv64/registers.js';
import { immediateRange, type ImmediateRange } from './immediates.js';
import { sketchSemantics, type EncodedSite } from './encode.js';

export class SketchError extends Error {
  constructor(
    readonly span: Span | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface SpaceVariant {
  ins: InstructionStatement;
  /** Immediate holes left symbolic in this variant, with their ranges. */
  holes: { id: number; range: ImmediateRange }[];
  /** Immediate holes this variant fixes (enumerated), with their values. */
  fixed: Map<number, bigint>;
}

export interface SpaceSite {
  site: HoleSite;
  variants: SpaceVariant[];
  encoded: EncodedSite;
}

/** Enumerate an immediate hole when its instruction needs a constant and it has at most this many values. */
const MAX_ENUMERATED = 64;
const MAX_INSN_VARIANTS = 4096;

const RISCV_RRR = ['add', 'sub', 'and', 'or', 'xor', 'sll', 'srl', 'sra', 'slt', 'sltu', 'mul'];
const RISCV_RRI = ['addi', 'andi', 'ori', 'xori', 'slli', 'srli', 'srai'];
const RISCV_SHAPES: Record<string, 'rrr' | 'rri' | 'rr'> = {
  ...Object.fromEntries([...RISCV_RRR, 'addw', 'subw', 'sllw', 'srlw', 'sraw', 'mulw', 'mulh', 'mulhu', 'mulhsu', 'div', 'divu', 'rem', 'remu', 'divw', 'divuw', 'remw', 'remuw', 'sgt', 'sgtu'].map((m) => [m, 'rrr'])),
  ...Object.fromEntries([...RISCV_RRI, 'slti', 'sltiu', 'addiw', 'slliw', 'srliw', 'sraiw'].map((m) => [m, 'rri'])),
  ...Object.fromEntries(['mv', 'not', 'neg', 'negw', 'seqz', 'snez', 'sltz', 'sgtz', 'sext.w', 'zext.b', 'sext.b', 'sext.h', 'zext.h', 'zext.w'].map((m) => [m, 'rr'])),
};
const A64_RRR = ['add', 'sub', 'and', 'orr', 'eor', 'mul', 'lsl', 'lsr', 'asr'];
const A64_RRI = ['add', 'sub'];
const A64_SHAPES: Record<string, ('rrr' | 'rri' | 'rr')[]> = {
  ...Object.fromEntries([...A64_RRR, 'bic', 'orn', 'eon', 'udiv', 'sdiv', 'smulh', 'umulh', 'ror'].map((m) => [m, ['rrr']])),
  ...Object.fromEntries(['neg', 'mvn', 'mov', 'clz', 'rbit', 'rev', 'abs'].map((m) => [m, ['rr']])),
};
for (const m of A64_RRI) A64_SHAPES[m]!.push('rri');

/** The integer registers a whole-instruction hole may use: those the function mentions, plus the arguments and result. */
function registerPool(isa: Isa, sketch: SketchFile, fnStatements: InstructionStatement[], proto: Prototype): string[] {
  const cc = conventionFor(isa);
  const pool = new Set<string>();
  const canonical = (name: string): string | undefined => {
    if (isa === 'riscv64') {
      const n = RISCV_REGISTER_NUMBERS.get(name);
      return n !== undefined && n > 0 && n < 32 && n !== 2 && n !== 1 ? RISCV_ABI_NAME(n) : undefined;
    }
    const m = /^[xw]([0-9]|[12][0-9])$/.exec(name);
    return m ? `x${m[1]}` : undefined;
  };
  for (const ins of fnStatements) for (const op of ins.operands) if (op.kind === 'reg') {
    const r = canonical(op.name);
    if (r) pool.add(r);
  }
  const named = (canon: string) => (isa === 'riscv64' ? RISCV_ABI_NAME(Number(canon.slice(1))) : canon);
  for (const p of placeParams(cc, proto)) if (p.register.startsWith('x')) pool.add(named(p.register));
  const r = placeResult(cc, proto);
  if (r?.register.startsWith('x')) pool.add(named(r.register));
  void sketch;
  return [...pool].sort((a, b) => order(isa, a) - order(isa, b));
}

function order(isa: Isa, name: string): number {
  return isa === 'riscv64' ? RISCV_REGISTER_NUMBERS.get(name) ?? 99 : Number(name.slice(1));
}

function insnVariantTexts(isa: Isa, allowed: string[] | undefined, pool: string[], immSymbol: string): string[] {
  const texts: string[] = [];
  if (isa === 'riscv64') {
    const ops = allowed ?? [...RISCV_RRR, ...RISCV_RRI];
    for (const m of ops) {
      const shape = RISCV_SHAPES[m];
      if (!shape) throw new SketchError(undefined, `'??insn' does not know the operands of '${m}' (see docs/sketch.md for the instructions it can be)`);
      for (const d of pool)
        for (const a of pool) {
          if (shape === 'rr') texts.push(`${m} ${d},${a}`);
          else if (shape === 'rri') texts.push(`${m} ${d},${a},${immSymbol}`);
          else for (const b of pool) texts.push(`${m} ${d},${a},${b}`);
        }
    }
  } else if (isa === 'aarch64') {
    const ops = allowed ?? [...new Set([...A64_RRR, ...A64_RRI])];
    for (const m of ops) {
      const shapes = A64_SHAPES[m];
      if (!shapes) throw new SketchError(undefined, `'??insn' does not know the operands of '${m}' (see docs/sketch.md for the instructions it can be)`);
      for (const shape of shapes)
        for (const d of pool)
          for (const a of pool) {
            if (shape === 'rr') texts.push(`${m} ${d}, ${a}`);
            else if (shape === 'rri') texts.push(`${m} ${d}, ${a}, #${immSymbol}`);
            else for (const b of pool) texts.push(`${m} ${d}, ${a}, ${b}`);
          }
    }
  } else {
    throw new SketchError(undefined, `whole-instruction holes are not supported for ${isa} yet`);
  }
  return texts;
}

function parseOne(text: string, isa: Isa, like: InstructionStatement): InstructionStatement {
  const r = parseAsm(text, '<variant>', isa);
  const st = r.file.statements[0];
  if (r.diagnostics.length || r.file.statements.length !== 1 || st?.kind !== 'instruction')
    throw new SketchError(like.span, `internal: variant '${text}' does not parse: ${r.diagnostics[0]?.message ?? ''}`);
  st.span = like.span;
  return st;
}

/** The text of an instruction with some immediate holes replaced by values. */
export function fillHoles(ins: InstructionStatement, isa: Isa, values: ReadonlyMap<number, bigint | string>): string {
  let text = printStatement(ins, dialectFor(isa)).trim();
  for (const [id, value] of values) text = text.replace(new RegExp(`\\b${HOLE_SYMBOL_PREFIX}${id}\\b`, 'g'), value.toString());
  return text;
}

function holeIdsIn(ins: InstructionStatement, isa: Isa): number[] {
  const text = printStatement(ins, dialectFor(isa));
  return [...text.matchAll(new RegExp(`\\b${HOLE_SYMBOL_PREFIX}(\\d+)\\b`, 'g'))].map((m) => Number(m[1]));
}

/** Does the instruction have a meaning with its immediate holes symbolic? */
function worksSymbolically(ins: InstructionStatement, isa: Isa, base: (m: string) => InstructionSemantics | undefined): boolean {
  const probe: EncodedSite = { id: -1, variants: [ins], invalid: new Map() };
  try {
    execute([ins], { isa, semantics: sketchSemantics(base, new Map([[ins, probe]])), onCall: () => undefined });
    return true;
  } catch (e) {
    if (e instanceof UnsupportedInstruction) return false;
    throw e;
  }
}

function rangeValues(r: ImmediateRange): bigint[] {
  const out: bigint[] = [];
  for (let x = r.lo; x <= r.hi; x += r.multipleOf) out.push(x);
  return out;
}

export function buildSpace(
  sketch: SketchFile,
  fnStatements: InstructionStatement[],
  proto: Prototype,
  base: (m: string) => InstructionSemantics | undefined,
): SpaceSite[] {
  const isa = sketch.file.isa;
  let nextId = Math.max(-1, ...sketch.sites.flatMap((s) => s.holes.map((h) => h.id))) + 1;
  const sites: SpaceSite[] = [];
  for (const site of sketch.sites) {
    let raw: InstructionStatement[];
    if (site.insn) {
      const pool = registerPool(isa, sketch, fnStatements, proto);
      const immId = nextId++;
      let texts: string[];
      try {
        texts = insnVariantTexts(isa, site.insn.allowed, pool, HOLE_SYMBOL_PREFIX + immId);
      } catch (e) {
        if (e instanceof SketchError) throw new SketchError(site.insn.span, e.message);
        throw e;
      }
      if (texts.length > MAX_INSN_VARIANTS)
        throw new SketchError(site.insn.span, `'??insn' would stand for ${texts.length} instructions over registers ${pool.join(', ')}; restrict it as ??insn{...}`);
      raw = texts.map((t) => parseOne(t, isa, site.statement));
    } else {
      raw = site.variants.map((v) => v.ins);
    }
    const variants: SpaceVariant[] = [];
    for (const ins of raw) {
      let expanded: SpaceVariant[] = [{ ins, holes: [], fixed: new Map() }];
      const ids = [...new Set(holeIdsIn(ins, isa))];
      const symbolic = ids.length === 0 || worksSymbolically(ins, isa, base);
      for (const id of ids) {
        const range = immediateRange(isa, ins, id);
        if (typeof range === 'string') {
          const hole = site.holes.find((h) => h.id === id);
          if (site.insn) continue; // a generated form with no known range is simply not a candidate
          throw new SketchError(hole?.span ?? site.statement.span, range);
        }
        const count = (range.hi - range.lo) / range.multipleOf + 1n;
        if (symbolic) {
          for (const v of expanded) v.holes.push({ id, range });
        } else if (count <= BigInt(MAX_ENUMERATED)) {
          expanded = expanded.flatMap((v) =>
            rangeValues(range).map((value) => {
              const fixed = new Map(v.fixed).set(id, value);
              return { ins: parseOne(fillHoles(v.ins, isa, fixed), isa, site.statement), holes: v.holes, fixed };
            }),
          );
        } else {
          const hole = site.holes.find((h) => h.id === id);
          throw new SketchError(hole?.span ?? site.statement.span, `'${ins.mnemonic}' needs a constant here and the hole has ${count} values (at most ${MAX_ENUMERATED} are enumerated)`);
        }
      }
      variants.push(...expanded.filter((v) => !site.insn || holeIdsIn(v.ins, isa).every((id) => v.holes.some((h) => h.id === id))));
    }
    if (variants.length === 0) throw new SketchError(site.statement.span, 'this hole has no candidate instruction');
    if (variants.length > 1 << 15) throw new SketchError(site.statement.span, `this hole has ${variants.length} candidates (at most 32768)`);
    sites.push({ site, variants, encoded: { id: site.id, variants: variants.map((v) => v.ins), invalid: new Map() } });
  }
  return sites;
}

/** The number of hole assignments (immediate values times variants), as a power of two for the stats. */
export function spaceBits(space: SpaceSite[]): number {
  let bits = 0;
  for (const s of space) {
    let total = 0;
    for (const v of s.variants) {
      let b = 0;
      for (const h of v.holes) b += Math.log2(Number((h.range.hi - h.range.lo) / h.range.multipleOf + 1n));
      total += 2 ** b;
    }
    bits += Math.log2(total);
  }
  return Math.round(bits * 10) / 10;
}
