// The documented machine-readable form of the program model (docs/inspect-json.md).
// Bump JSON_FORMAT_VERSION on any incompatible change.
import type { Dialect } from '../asm/dialect.js';
import { printStatement } from '../asm/printer.js';
import type { AsmProgram } from './model.js';

export const JSON_FORMAT_VERSION = 1;

export function programToJson(program: AsmProgram, dialect: Dialect): unknown {
  const stmts = program.file.statements;
  const line = (i: number): number => stmts[i]!.span.line;
  return {
    format: 'transpile-inspect',
    version: JSON_FORMAT_VERSION,
    file: program.file.fileName,
    isa: program.file.isa,
    sections: [...program.sections.values()].map((s) => ({
      name: s.name,
      flags: s.flags ?? null,
      type: s.type ?? null,
      executable: s.executable,
      statements: s.statements.length,
    })),
    symbols: [...program.symbols.values()].map((s) => ({
      name: s.name,
      binding: s.binding,
      type: s.type ?? null,
      section: s.section ?? null,
      line: s.definedAt !== undefined ? line(s.definedAt) : null,
      common: s.common ? { size: Number(s.common.size), align: s.common.align !== undefined ? Number(s.common.align) : null } : null,
      hidden: s.hidden ?? false,
    })),
    functions: program.functions.map((fn) => ({
      name: fn.name,
      binding: fn.binding,
      section: fn.section,
      line: fn.span.line,
      sized: fn.sized,
      callees: fn.callees,
      blocks: fn.blocks.map((b) => ({
        id: b.id,
        labels: b.labels,
        instructions: b.instructions.map((i) => ({ line: line(i), text: printStatement(stmts[i]!, dialect).trim().replace(/\t/, ' ') })),
        terminator: b.terminator,
        successors: b.successors.map((e) => ({ kind: e.kind, ...('block' in e.to ? { block: e.to.block } : { external: e.to.external }) })),
        predecessors: b.predecessors,
        exit: b.exit,
      })),
      jumpTables: fn.jumpTables.map((t) => ({
        id: t.id,
        dispatchBlock: t.dispatchBlock,
        label: t.label,
        section: t.section,
        entrySize: t.entrySize,
        encoding: t.encoding,
        targets: t.targets,
        line: t.dataStatements.length ? line(t.dataStatements[0]!) : null,
      })),
    })),
  };
}
