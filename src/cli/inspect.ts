// `transpile inspect FILE`: read one assembly file and show what the front end
// and the program model make of it.
import { parseArgs } from 'node:util';
import { dialectFor, parseAsm } from '../asm/index.js';
import { printAsmFile } from '../asm/printer.js';
import { detectIsa } from '../asm/detect.js';
import { formatDiagnostic } from '../asm/source.js';
import { buildProgram } from '../program/build.js';
import { programToJson } from '../program/json.js';
import { renderCfgText, renderDot } from '../program/render.js';
import { UserError } from './errors.js';
import { DEFAULT_MAX_INPUT_MB, parseIsaOption, readAsmInput } from './input.js';

export const INSPECT_HELP = `Usage: transpile inspect FILE [--isa ISA] [--print | --cfg | --dot | --json]

Reads one assembly file (GNU syntax: AArch64, RISC-V64, or x86-64 AT&T) and
shows what transpile understands of it.

Views (pick one; --cfg is the default):
  --print        print the file back from its parsed form; GNU as assembles
                 the result to the same object file as the original
  --cfg          list functions, their basic blocks, instructions and edges,
                 jump tables, and any indirect jump that is not understood
  --dot          the same control-flow graphs as Graphviz (dot -Tsvg)
  --json         a machine-readable description (docs/inspect-json.md)

Options:
  --isa ISA      aarch64, riscv64 or x86_64; detected from the text when
                 omitted (the choice is said on stderr)
  --max-input-mb N   refuse inputs larger than N MB (default ${DEFAULT_MAX_INPUT_MB})
  -h, --help     this text

Exit codes: 0 success, 2 bad usage or errors in the input (reported as
file:line:col: error: message, every error in the file, not just the first).

Examples:
  transpile inspect examples/hello.aarch64.s --cfg
  transpile inspect prog.s --isa riscv64 --dot | dot -Tsvg > cfg.svg
`;

export function runInspect(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      isa: { type: 'string' },
      print: { type: 'boolean' },
      cfg: { type: 'boolean' },
      dot: { type: 'boolean' },
      json: { type: 'boolean' },
      'max-input-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(INSPECT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UserError(`inspect takes exactly one FILE (got ${positionals.length})\n\n${INSPECT_HELP}`);
  const views = (['print', 'cfg', 'dot', 'json'] as const).filter((v) => values[v]);
  if (views.length > 1) throw new UserError(`choose one view: ${views.map((v) => '--' + v).join(' or ')}`);
  const view = views[0] ?? 'cfg';
  const maxMb = values['max-input-mb'] !== undefined ? Number(values['max-input-mb']) : DEFAULT_MAX_INPUT_MB;
  if (!(maxMb > 0)) throw new UserError('--max-input-mb takes a positive number');

  const input = readAsmInput(positionals[0]!, parseIsaOption(values.isa, '--isa'), maxMb);
  const dialect = dialectFor(input.isa);
  if (input.detected) err(`transpile: ${input.path}: reading as ${dialect.title} (detected; pass --isa to choose)\n`);

  const parsed = parseAsm(input.text, input.path, input.isa);
  if (parsed.diagnostics.length) {
    for (const d of parsed.diagnostics) err(formatDiagnostic(d, parsed.source) + '\n');
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) {
      const guess = detectIsa(input.text).isa;
      if (!input.detected && guess && guess !== input.isa)
        err(`note: ${input.path} looks like ${dialectFor(guess).title} assembly, not ${dialect.title}; did you mean --isa ${guess}?\n`);
      err(`${errors} error${errors === 1 ? '' : 's'} in ${input.path}\n`);
      return 2;
    }
  }
  if (view === 'print') {
    out(printAsmFile(parsed.file, dialect));
    return 0;
  }
  const program = buildProgram(parsed.file);
  if (view === 'json') out(JSON.stringify(programToJson(program, dialect), null, 2) + '\n');
  else if (view === 'dot') out(renderDot(program, dialect));
  else out(renderCfgText(program, dialect));
  return 0;
}
