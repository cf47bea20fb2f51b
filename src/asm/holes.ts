// Sketches: assembly with holes, read by the same front ends as ordinary
// assembly. Three hole forms, in any instruction of any block:
//
//   ??                  an immediate; its range is what the operand allows
//   {a|b|c}             one of the alternatives, in opcode or operand position
//   ??insn, ??insn{add,sub}   one whole instruction (optionally from a list)
//
// How: a hole line is expanded into its concrete variants (every combination
// of the alternatives), and each variant is parsed by the dialect's own
// parser, so every check of ordinary assembly applies to every alternative.
// An immediate hole becomes the symbol `__hole_K` inside the variants (a
// symbol is valid wherever an immediate is); the sketch stage gives it a
// value. The rest of the file is parsed as it is, with each hole line replaced
// by its first variant, so labels, functions and the CFG come from the
// ordinary program builder. Text without holes goes through parseAsm
// unchanged: ordinary assembly reads and prints exactly as before.
import type { AsmFile, InstructionStatement, Isa, Statement } from './ast.js';
import { dialectFor, parseAsm } from './index.js';
import { printStatement } from './printer.js';
import { formatDiagnostic, makeDiagnostic, SourceFile, type Diagnostic, type Span } from './source.js';
import { isaDescription } from '../isa/index.js';

/** The symbol an immediate hole is written as inside a variant. */
export const HOLE_SYMBOL_PREFIX = '__hole_';

export interface ImmediateHole {
  kind: 'imm';
  /** Unique in the sketch: the variants use the symbol `__hole_<id>`. */
  id: number;
  span: Span;
}

export interface ChoiceHole {
  kind: 'choice';
  id: number;
  span: Span;
  /** The alternatives as written. */
  options: string[];
}

export interface InstructionHole {
  kind: 'insn';
  id: number;
  span: Span;
  /** Mnemonics it may be (`??insn{add,sub}`); undefined for any instruction of the sketch stage's default set. */
  allowed?: string[];
}

export type Hole = ImmediateHole | ChoiceHole | InstructionHole;

/** One concrete instruction a hole line may become. */
export interface Variant {
  ins: InstructionStatement;
  /** For each choice hole of the line, the index of the option this variant takes. */
  choices: number[];
}

/** A line with holes. */
export interface HoleSite {
  id: number;
  /** The instruction as written, holes and all (printed back in sketches). */
  text: string;
  /** The statement standing in the file for this line (the first variant, or `nop` for `??insn`). */
  statement: InstructionStatement;
  holes: Hole[];
  /** Concrete variants (empty for `??insn`: the sketch stage builds them). */
  variants: Variant[];
  /** Present for `??insn` lines. */
  insn?: InstructionHole;
}

export interface SketchFile {
  file: AsmFile;
  source: SourceFile;
  sites: HoleSite[];
  diagnostics: Diagnostic[];
}

/** More variants than this on one line is a hole space to split, not to enumerate. */
export const MAX_VARIANTS_PER_LINE = 4096;

const INSN_HOLE = /\?\?insn(?:\{([^}]*)\})?/;
const CHOICE_HOLE = /\{([^{}]*\|[^{}]*)\}/g;
const IMM_HOLE = /\?\?(?!insn)/g;

/** Where a comment starts in a line of this dialect (holes are not looked for there). */
function codeEnd(line: string, isa: Isa): number {
  const marker = isa === 'aarch64' ? '//' : '#';
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"' && line[i - 1] !== '\\') inString = !inString;
    if (!inString && line.startsWith(marker, i)) return i;
  }
  return line.length;
}

/** Leading labels (`a: b:`) of a line: their length. */
function labelPrefixLength(code: string): number {
  const m = /^\s*(?:[A-Za-z_.$0-9][0-9A-Za-z_.$]*:\s*)*/.exec(code);
  return m ? m[0].length : 0;
}

export function hasHoles(text: string): boolean {
  return /\?\?/.test(text) || /\{[^{}\n]*\|[^{}\n]*\}/.test(text);
}

interface LinePlan {
  line: number;
  labels: string;
  text: string;
  holes: Hole[];
  variants: { text: string; choices: number[] }[];
  insn?: InstructionHole;
}

/**
 * Parses a sketch. Errors (bad holes, alternatives that do not parse, lines
 * whose alternatives leave the block differently) come back as diagnostics
 * with positions in the sketch text, as for ordinary assembly.
 */
export function parseSketch(text: string, fileName: string, isa: Isa): SketchFile {
  const source = new SourceFile(fileName, text);
  const diagnostics: Diagnostic[] = [];
  const error = (offset: number, length: number, message: string) =>
    diagnostics.push(makeDiagnostic(source, source.spanAt(offset, length), message));
  const lines = text.split('\n');
  const plans: LinePlan[] = [];
  let nextHole = 0;
  let offset = 0;
  const placeholder: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const lineStart = offset;
    offset += raw.length + 1;
    const code = raw.slice(0, codeEnd(raw, isa));
    const labelLen = labelPrefixLength(code);
    const body = code.slice(labelLen);
    if (!hasHoles(body) || body.trimStart().startsWith('.')) {
      placeholder.push(raw);
      continue;
    }
    const at = (i: number) => lineStart + labelLen + i;
    const plan: LinePlan = { line: n + 1, labels: code.slice(0, labelLen), text: body.trim(), holes: [], variants: [] };
    const insn = INSN_HOLE.exec(body);
    if (insn) {
      const rest = (body.slice(0, insn.index) + body.slice(insn.index + insn[0].length)).trim();
      if (rest !== '') {
        error(at(insn.index), insn[0].length, `'??insn' stands for a whole instruction and must be alone on its line (found '${rest}' too)`);
        placeholder.push('');
        continue;
      }
      const allowed = insn[1]?.split(',').map((s) => s.trim().toLowerCase());
      if (allowed && allowed.some((m) => m === '')) {
        error(at(insn.index), insn[0].length, `'??insn{...}' needs a comma-separated list of mnemonics`);
        placeholder.push('');
        continue;
      }
      const unknown = allowed?.find((m) => !isaDescription(isa).lookup(m));
      if (unknown !== undefined) {
        error(at(insn.index), insn[0].length, `'${unknown}' in '??insn{...}' is not a ${dialectFor(isa).title} instruction`);
        placeholder.push('');
        continue;
      }
      const hole: InstructionHole = { kind: 'insn', id: nextHole++, span: source.spanAt(at(insn.index), insn[0].length) };
      if (allowed) hole.allowed = allowed;
      plan.holes.push(hole);
      plan.insn = hole;
      plans.push(plan);
      placeholder.push(`${plan.labels}nop`);
      continue;
    }
    // Choice holes first (they may contain immediate holes), then immediate holes, numbered left to right.
    const choiceMatches = [...body.matchAll(CHOICE_HOLE)];
    let bad = false;
    const choices: { start: number; end: number; options: string[]; hole: ChoiceHole }[] = [];
    for (const m of choiceMatches) {
      const options = m[1]!.split('|').map((s) => s.trim());
      if (options.some((o) => o === '')) {
        error(at(m.index!), m[0].length, `an alternative in '${m[0]}' is empty`);
        bad = true;
        continue;
      }
      const hole: ChoiceHole = { kind: 'choice', id: nextHole++, span: source.spanAt(at(m.index!), m[0].length), options };
      choices.push({ start: m.index!, end: m.index! + m[0].length, options, hole });
    }
    if (bad) {
      placeholder.push('');
      continue;
    }
    // Immediate holes get their symbols in the template, so every variant shares them.
    let template = '';
    let last = 0;
    const immHoles: ImmediateHole[] = [];
    for (const m of body.matchAll(IMM_HOLE)) {
      const hole: ImmediateHole = { kind: 'imm', id: nextHole++, span: source.spanAt(at(m.index!), 2) };
      immHoles.push(hole);
      template += body.slice(last, m.index!) + HOLE_SYMBOL_PREFIX + hole.id;
      last = m.index! + 2;
    }
    template += body.slice(last);
    plan.holes.push(...[...choices.map((c) => c.hole), ...immHoles].sort((a, b) => a.span.offset - b.span.offset));
    // Re-find the choice groups in the template (immediate-hole symbols only changed the text inside or between them).
    const groups = [...template.matchAll(CHOICE_HOLE)];
    let count = 1;
    for (const g of groups) count *= g[1]!.split('|').length;
    if (count > MAX_VARIANTS_PER_LINE) {
      error(at(0), body.trimEnd().length, `this line has ${count} combinations of alternatives (at most ${MAX_VARIANTS_PER_LINE}); split it into several lines`);
      placeholder.push('');
      continue;
    }
    const expand = (k: number, prefix: string, picked: number[]): void => {
      const from = k === 0 ? 0 : groups[k - 1]!.index! + groups[k - 1]![0].length;
      if (k === groups.length) {
        plan.variants.push({ text: (prefix + template.slice(from)).trim(), choices: picked });
        return;
      }
      const g = groups[k]!;
      g[1]!.split('|').forEach((opt, i) => expand(k + 1, prefix + template.slice(from, g.index!) + opt.trim(), [...picked, i]));
    };
    expand(0, '', []);
    plans.push(plan);
    placeholder.push(`${plan.labels}${plan.variants[0]!.text}`);
  }

  const parsed = parseAsm(placeholder.join('\n'), fileName, isa);
  // Positions in the placeholder text are not positions in the sketch: report errors by line, at the line's start.
  for (const d of parsed.diagnostics) {
    const plan = plans.find((p) => p.line === d.span.line);
    const span = plan ? plan.holes[0]!.span : d.span.line <= source.lineStarts.length ? sameColumn(source, d.span) : d.span;
    diagnostics.push({ ...d, span });
  }
  const sites: HoleSite[] = [];
  for (const plan of plans) {
    const onLine = parsed.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction' && s.span.line === plan.line);
    if (onLine.length !== 1) {
      if (!parsed.diagnostics.some((d) => d.span.line === plan.line))
        diagnostics.push(makeDiagnostic(source, plan.holes[0]!.span, 'a line with holes must hold exactly one instruction'));
      continue;
    }
    const statement = onLine[0]!;
    const site: HoleSite = { id: sites.length, text: plan.text, statement, holes: plan.holes, variants: [] };
    if (plan.insn) site.insn = plan.insn;
    const desc = isaDescription(isa);
    let firstFlow: string | undefined;
    for (const v of plan.variants) {
      const r = parseAsm(v.text, fileName, isa);
      const ins = r.file.statements.filter((s): s is InstructionStatement => s.kind === 'instruction');
      if (r.diagnostics.length || ins.length !== 1 || r.file.statements.length !== 1) {
        const why = r.diagnostics[0]?.message ?? 'not a single instruction';
        diagnostics.push(makeDiagnostic(source, plan.holes[0]!.span, `alternative '${v.text}' is not valid: ${why}`));
        continue;
      }
      const vi = ins[0]!;
      vi.span = statement.span;
      const control = desc.control(vi);
      const flow = `${control.kind}:${control.target ? JSON.stringify(control.target) : ''}`;
      if (firstFlow === undefined) firstFlow = flow;
      else if (flow !== firstFlow) {
        diagnostics.push(
          makeDiagnostic(source, plan.holes[0]!.span, `alternative '${v.text}' leaves the block differently from '${plan.variants[0]!.text}' (alternatives must share their control flow)`),
        );
        continue;
      }
      site.variants.push({ ins: vi, choices: v.choices });
    }
    sites.push(site);
  }
  return { file: parsed.file, source, sites, diagnostics };
}

function sameColumn(source: SourceFile, span: Span): Span {
  const start = source.lineStarts[span.line - 1] ?? 0;
  return source.spanAt(start + span.col - 1, span.length);
}

/** The site a statement of a sketch stands for, if any. */
export function siteOf(sketch: SketchFile, st: Statement): HoleSite | undefined {
  return sketch.sites.find((s) => s.statement === st);
}

/** Prints a sketch back: ordinary statements canonically, hole lines as written. */
export function printSketch(sketch: SketchFile): string {
  const dialect = dialectFor(sketch.file.isa);
  const bySite = new Map(sketch.sites.map((s) => [s.statement as Statement, s]));
  return (
    sketch.file.statements
      .map((st) => {
        const site = bySite.get(st);
        return site ? `\t${site.text}` : printStatement(st, dialect);
      })
      .join('\n') + '\n'
  );
}

/** Renders the diagnostics of a sketch as `file:line:col: error: ...` with the line and a caret. */
export function formatSketchDiagnostics(sketch: SketchFile): string {
  return sketch.diagnostics.map((d) => formatDiagnostic(d, sketch.source)).join('\n');
}
