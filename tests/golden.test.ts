// Golden outputs of the printers and views, for reviewers to read as diffs.
import fs from 'node:fs';
import { describe, it } from 'vitest';
import { ISAS } from '../src/asm/ast.js';
import { dialectFor, parseAsm, printAsm } from '../src/asm/index.js';
import { buildProgram } from '../src/program/build.js';
import { programToJson } from '../src/program/json.js';
import { renderCfgText, renderDot } from '../src/program/render.js';
import { expectGolden } from './support/golden.js';

describe.each(ISAS)('golden views of the %s example', (isa) => {
  const text = fs.readFileSync(new URL(`../examples/switch.${isa}.s`, import.meta.url), 'utf8');
  const parsed = parseAsm(text, `switch.${isa}.s`, isa);
  const dialect = dialectFor(isa);

  it('prints', () => expectGolden(`print/switch.${isa}.s`, printAsm(parsed.file)));
  it('lists the CFG', () => expectGolden(`cfg/switch.${isa}.txt`, renderCfgText(buildProgram(parsed.file), dialect)));
  it('writes Graphviz', () => expectGolden(`dot/switch.${isa}.dot`, renderDot(buildProgram(parsed.file), dialect)));
  it('writes JSON', () =>
    expectGolden(`json/switch.${isa}.json`, JSON.stringify(programToJson(buildProgram(parsed.file), dialect), null, 2) + '\n'));
});
