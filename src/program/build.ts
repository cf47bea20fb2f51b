// Builds the program model from a parsed file.
import type { AsmFile } from '../asm/ast.js';
import { isaDescription } from '../isa/index.js';
import { buildCfg } from './cfg.js';
import { findFunctions } from './functions.js';
import { LabelTable } from './labels.js';
import type { AsmFunction, AsmProgram } from './model.js';
import { assignSections } from './sections.js';
import { collectSymbols } from './symbols.js';

export function buildProgram(file: AsmFile): AsmProgram {
  const { sections, sectionOf } = assignSections(file);
  const symbols = collectSymbols(file, sectionOf);
  const labels = new LabelTable(file);
  const desc = isaDescription(file.isa);
  const ctx = { file, isa: file.isa, desc, labels, sections, sectionOf };
  const functions: AsmFunction[] = findFunctions(file, sections, symbols).map((ext) => {
    const cfg = buildCfg(ctx, ext);
    return {
      name: ext.name,
      section: ext.section,
      binding: symbols.get(ext.name)?.binding ?? 'local',
      labelAt: ext.labelAt,
      endAt: ext.endAt,
      sized: ext.sized,
      blocks: cfg.blocks,
      jumpTables: cfg.jumpTables,
      callees: cfg.callees,
      span: file.statements[ext.labelAt]!.span,
    };
  });
  return { file, sections, sectionOf, symbols, functions, labelIndex: labels.index, labels };
}
