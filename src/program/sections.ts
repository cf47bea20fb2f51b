// Assigns every statement to the section it is assembled into, following
// `.section`, `.pushsection`/`.popsection`, `.previous`, `.text`, `.data`, `.bss`.
import type { AsmFile, DirectiveArg, DirectiveStatement } from '../asm/ast.js';
import { printDirectiveArg } from '../asm/printer.js';
import type { Section } from './model.js';

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

/** gas's default for a section named without flags: code for `.text*`, `.init`, `.fini`. */
function executableByName(name: string): boolean {
  return name === '.text' || name.startsWith('.text.') || name === '.init' || name === '.fini';
}

function argText(arg: DirectiveArg | undefined): string | undefined {
  if (!arg || arg.kind === 'empty') return undefined;
  if (arg.kind === 'string') return Buffer.from(arg.bytes).toString('latin1');
  if (arg.kind === 'tag') return arg.name;
  return printDirectiveArg(arg);
}

interface SectionSwitch {
  name: string;
  flags?: string;
  type?: string;
}

function sectionSwitch(d: DirectiveStatement): SectionSwitch | undefined {
  switch (d.name) {
    case '.text':
    case '.data':
    case '.bss':
      return { name: d.name };
    case '.section':
    case '.pushsection': {
      const name = unquote(argText(d.args[0]) ?? '');
      const flags = argText(d.args[1]);
      const type = argText(d.args[2]);
      return { name, ...(flags !== undefined ? { flags } : {}), ...(type !== undefined ? { type } : {}) };
    }
    default:
      return undefined;
  }
}

export function assignSections(file: AsmFile): { sections: Map<string, Section>; sectionOf: string[] } {
  const sections = new Map<string, Section>();
  const sectionOf: string[] = new Array(file.statements.length);
  const stack: string[] = [];
  let current = '.text';
  let previous = '.text';

  const enter = (sw: SectionSwitch): void => {
    let s = sections.get(sw.name);
    if (!s) {
      s = { name: sw.name, executable: executableByName(sw.name), statements: [] };
      sections.set(sw.name, s);
    }
    if (sw.flags !== undefined) {
      s.flags = sw.flags;
      s.executable = sw.flags.includes('x');
    }
    if (sw.type !== undefined) s.type = sw.type;
    if (sw.name !== current) {
      previous = current;
      current = sw.name;
    }
  };

  enter({ name: '.text' });
  file.statements.forEach((st, i) => {
    if (st.kind === 'directive') {
      const sw = sectionSwitch(st);
      if (sw) {
        if (st.name === '.pushsection') stack.push(current);
        enter(sw);
      } else if (st.name === '.popsection') {
        const back = stack.pop();
        if (back !== undefined) enter({ name: back });
      } else if (st.name === '.previous') {
        enter({ name: previous });
      }
    }
    sectionOf[i] = current;
    sections.get(current)!.statements.push(i);
  });
  return { sections, sectionOf };
}
