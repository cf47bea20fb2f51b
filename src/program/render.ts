// Human-readable views of the program model: a text listing of functions,
// blocks and edges, and Graphviz.
import type { Dialect } from '../asm/dialect.js';
import { printStatement } from '../asm/printer.js';
import type { AsmFunction, AsmProgram, BasicBlock, Edge } from './model.js';

/** `B3 .L7`, or `B0 main` for an entry block without labels of its own, or just `B5`. */
function blockName(fn: AsmFunction, b: BasicBlock): string {
  const labels = b.labels.length ? b.labels.join('/') : b.id === 0 ? fn.name : '';
  return labels ? `B${b.id} ${labels}` : `B${b.id}`;
}

function edgeText(fn: AsmFunction, e: Edge): string {
  const to = 'block' in e.to ? blockName(fn, fn.blocks[e.to.block]!) : e.to.external;
  return `${to} (${e.kind})`;
}

function exitText(fn: AsmFunction, b: BasicBlock): string | undefined {
  switch (b.exit.kind) {
    case 'edges':
      return undefined;
    case 'return':
      return 'returns';
    case 'trap':
      return 'does not return (trap or noreturn call)';
    case 'falls-off-end':
      return 'WARNING: falls off the end of the function';
    case 'jump-table': {
      const t = fn.jumpTables[b.exit.table]!;
      return `jump table ${t.label} in ${t.section}: ${t.targets.length} entries of ${t.entrySize} bytes`;
    }
    case 'unknown-indirect':
      return `UNKNOWN indirect jump: ${b.exit.reason}`;
  }
}

export function renderCfgText(program: AsmProgram, dialect: Dialect): string {
  const out: string[] = [];
  const stmts = program.file.statements;
  out.push(`${program.file.fileName}: ${dialect.title}, ${program.functions.length} function(s), ${program.sections.size} section(s)`);
  for (const fn of program.functions) {
    const edges = fn.blocks.reduce((n, b) => n + b.successors.length, 0);
    out.push('');
    out.push(
      `function ${fn.name} (${fn.binding}, ${fn.section}, line ${fn.span.line}): ${fn.blocks.length} blocks, ${edges} edges` +
        (fn.sized ? '' : ', end inferred (no .size)'),
    );
    if (fn.callees.length) out.push(`  calls: ${fn.callees.join(', ')}`);
    for (const b of fn.blocks) {
      const first = b.instructions[0];
      const line = first !== undefined ? `, line ${stmts[first]!.span.line}` : '';
      out.push(`  ${blockName(fn, b)} (${b.instructions.length} instructions${line})`);
      for (const i of b.instructions) out.push(`      ${printStatement(stmts[i]!, dialect).trim().replace(/\t/, ' ')}`);
      if (b.successors.length) out.push(`    -> ${b.successors.map((e) => edgeText(fn, e)).join(', ')}`);
      const exit = exitText(fn, b);
      if (exit) out.push(`    ${exit}`);
    }
  }
  return out.join('\n') + '\n';
}

function dotEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export function renderDot(program: AsmProgram, dialect: Dialect): string {
  const out = ['digraph cfg {', '  node [shape=box, fontname="monospace", fontsize=10];'];
  const stmts = program.file.statements;
  program.functions.forEach((fn, f) => {
    out.push(`  subgraph cluster_${f} {`, `    label="${dotEscape(fn.name)}";`);
    for (const b of fn.blocks) {
      const body = b.instructions.map((i) => printStatement(stmts[i]!, dialect).trim().replace(/\t/, ' '));
      const exit = exitText(fn, b);
      const label = [`${blockName(fn, b)}:`, ...body, ...(exit ? [`[${exit}]`] : [])].map(dotEscape).join('\\l') + '\\l';
      out.push(`    f${f}b${b.id} [label="${label}"];`);
      for (const e of b.successors) {
        if ('block' in e.to) out.push(`    f${f}b${b.id} -> f${f}b${e.to.block} [label="${e.kind}"];`);
        else {
          out.push(`    "f${f}x_${dotEscape(e.to.external)}" [shape=ellipse, label="${dotEscape(e.to.external)}"];`);
          out.push(`    f${f}b${b.id} -> "f${f}x_${dotEscape(e.to.external)}" [label="${e.kind}", style=dashed];`);
        }
      }
    }
    out.push('  }');
  });
  out.push('}');
  return out.join('\n') + '\n';
}
