// The symbol table: bindings, types and definitions from labels and directives.
import type { AsmFile, DirectiveArg } from '../asm/ast.js';
import { evalConst } from '../asm/expr.js';
import type { SymbolInfo } from './model.js';

function symName(arg: DirectiveArg | undefined): string | undefined {
  if (arg?.kind === 'expr' && arg.expr.kind === 'sym') return arg.expr.name;
  return undefined;
}

export function collectSymbols(file: AsmFile, sectionOf: string[]): Map<string, SymbolInfo> {
  const symbols = new Map<string, SymbolInfo>();
  // `.local x` followed by `.comm x` makes a local common symbol.
  const declaredLocal = new Set<string>();
  const get = (name: string): SymbolInfo => {
    let s = symbols.get(name);
    if (!s) {
      s = { name, binding: 'local' };
      symbols.set(name, s);
    }
    return s;
  };

  file.statements.forEach((st, i) => {
    if (st.kind === 'label') {
      if (/^[0-9]+$/.test(st.name)) return; // numeric locals are not symbols
      const s = get(st.name);
      if (s.definedAt === undefined) {
        s.definedAt = i;
        s.section = sectionOf[i]!;
      }
      return;
    }
    if (st.kind !== 'directive') return;
    switch (st.name) {
      case '.globl':
      case '.global':
      case '.weak':
      case '.local':
      case '.hidden':
      case '.protected':
      case '.internal':
        for (const a of st.args) {
          const name = symName(a);
          if (!name) continue;
          const s = get(name);
          if (st.name === '.weak') s.binding = 'weak';
          else if (st.name === '.local') (s.binding = 'local'), declaredLocal.add(name);
          else if (st.name === '.hidden' || st.name === '.internal') s.hidden = true;
          else if (st.name !== '.protected' && s.binding !== 'weak') s.binding = 'global';
        }
        break;
      case '.type': {
        const name = symName(st.args[0]);
        const tag = st.args[1];
        if (name && tag?.kind === 'tag') get(name).type = tag.name;
        else if (name && tag?.kind === 'string') get(name).type = Buffer.from(tag.bytes).toString('latin1');
        break;
      }
      case '.comm':
      case '.lcomm': {
        const name = symName(st.args[0]);
        const size = st.args[1]?.kind === 'expr' ? evalConst(st.args[1].expr) : undefined;
        const align = st.args[2]?.kind === 'expr' ? evalConst(st.args[2].expr) : undefined;
        if (name && size !== undefined) {
          const s = get(name);
          s.common = { size, ...(align !== undefined ? { align } : {}) };
          if (st.name === '.comm' && !declaredLocal.has(name) && s.binding === 'local') s.binding = 'global';
        }
        break;
      }
      default:
        break;
    }
  });
  return symbols;
}
