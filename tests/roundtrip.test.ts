// The exact round trip, on the whole corpus: every file gcc emits for every
// ISA and optimisation level is parsed (with no diagnostic), printed, and
// assembled next to the original; GNU as must produce byte-identical objects.
import fs from 'node:fs';
import os from 'node:os';
import { beforeAll, expect, it } from 'vitest';
import { ISAS } from '../src/asm/ast.js';
import { mapLimit } from '../src/toolchain/assemble.js';
import { buildCorpus, corpusCFiles, OPT_LEVELS, type CorpusEntry } from '../src/toolchain/corpus.js';
import { toolFor } from '../src/toolchain/gnu.js';
import { roundTrip } from './support/roundtrip.js';
import { describeWithTools } from './support/tools.js';

for (const isa of ISAS) {
  describeWithTools([toolFor(isa, 'gcc'), toolFor(isa, 'as')], `round trip of the ${isa} corpus`, () => {
    let entries: CorpusEntry[] = [];
    beforeAll(async () => {
      entries = await buildCorpus({ isas: [isa] });
    }, 600_000);

    it.each(OPT_LEVELS)('-%s: every file parses cleanly and reassembles to identical bytes', async (opt) => {
      const files = entries.filter((e) => e.opt === opt);
      expect(files.length).toBe(corpusCFiles().length);
      expect(files.filter((f) => !f.ok).map((f) => f.name)).toEqual([]);
      const failures = (
        await mapLimit(files, os.availableParallelism(), async (f) => {
          const why = await roundTrip(isa, fs.readFileSync(f.asmPath, 'utf8'), f.name);
          return why === undefined ? undefined : `${f.name}: ${why}`;
        })
      ).filter((x): x is string => x !== undefined);
      console.log(`round trip ${isa} -${opt}: ${files.length - failures.length}/${files.length} files byte-identical`);
      expect(failures).toEqual([]);
    }, 300_000);
  });
}
