// Finds the functions of a file: labels typed `@function`, or global labels in
// code sections, each running to its `.size name, .-name` or to the next function.
import type { AsmFile } from '../asm/ast.js';
import type { Section, SymbolInfo } from './model.js';

export interface FunctionExtent {
  name: string;
  section: string;
  labelAt: number;
  endAt: number;
  sized: boolean;
  /** Indices of the function's statements in its own section, from its label up to its end. */
  statements: number[];
  /**
   * Parts of the function placed elsewhere: gcc moves cold paths into
   * `f.cold` in `.text.unlikely`, reached only by jumps from `f`. They are
   * blocks of `f`, but never reached by falling through from the hot part.
   */
  coldParts: FunctionExtent[];
}

/** `f.cold` and `f.cold.3` are parts of `f`. */
function hotNameOf(name: string): string | undefined {
  return /^(.+)\.cold(?:\.[0-9]+)?$/.exec(name)?.[1];
}

function isSizeOf(file: AsmFile, index: number, name: string): boolean {
  const st = file.statements[index];
  if (st?.kind !== 'directive' || st.name !== '.size') return false;
  const a = st.args[0];
  return a?.kind === 'expr' && a.expr.kind === 'sym' && a.expr.name === name;
}

export function findFunctions(
  file: AsmFile,
  sections: Map<string, Section>,
  symbols: Map<string, SymbolInfo>,
): FunctionExtent[] {
  const starts = new Map<number, string>();
  for (const s of symbols.values()) {
    if (s.definedAt === undefined || s.section === undefined) continue;
    if (!sections.get(s.section)?.executable) continue;
    const typedFunction = s.type === 'function' || s.type === 'gnu_indirect_function';
    const untypedGlobal = s.type === undefined && s.binding !== 'local' && !s.name.startsWith('.L');
    if (typedFunction || untypedGlobal) starts.set(s.definedAt, s.name);
  }

  const out: FunctionExtent[] = [];
  for (const section of sections.values()) {
    if (!section.executable) continue;
    const stmts = section.statements;
    for (let k = 0; k < stmts.length; k++) {
      const name = starts.get(stmts[k]!);
      if (name === undefined) continue;
      let end = k + 1;
      let sized = false;
      while (end < stmts.length) {
        if (isSizeOf(file, stmts[end]!, name)) {
          sized = true;
          break;
        }
        if (starts.has(stmts[end]!)) break;
        end++;
      }
      out.push({
        name,
        section: section.name,
        labelAt: stmts[k]!,
        endAt: end < stmts.length ? stmts[end]! : file.statements.length,
        sized,
        statements: stmts.slice(k, end),
        coldParts: [],
      });
    }
  }
  out.sort((a, b) => a.labelAt - b.labelAt);
  const byName = new Map(out.map((f) => [f.name, f]));
  return out.filter((f) => {
    const hot = byName.get(hotNameOf(f.name) ?? '');
    if (hot) hot.coldParts.push(f);
    return !hot;
  });
}
