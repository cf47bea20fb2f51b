// Answers of past queries, keyed by the sha256 of the query text. Only
// definite answers (sat with its model, unsat) are kept: unknown and timeout
// depend on the time limit and the machine, errors on the moment. The query
// text is the program's own expressions and nothing else, so it is safe to
// keep on disk (under .cache/smt/ by convention).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MemModel, UfPoint } from './model.js';
import type { SolverAnswer } from './result.js';

/** Bumped when the meaning of a cached answer changes (model decoding, result shape). */
const FORMAT = 'transpile-smt-cache-v1';

export interface CacheOptions {
  /** Directory for answers kept across runs; memory only when absent. */
  dir?: string;
  /** Entries kept in memory (oldest dropped first). */
  maxEntries?: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  stores: number;
}

type Definite = Extract<SolverAnswer, { status: 'sat' | 'unsat' }>;

export class SmtCache {
  private readonly memory = new Map<string, Definite>();
  readonly stats: CacheStats = { hits: 0, misses: 0, stores: 0 };

  constructor(private readonly opts: CacheOptions = {}) {}

  key(queryText: string): string {
    return createHash('sha256').update(FORMAT).update('\n').update(queryText).digest('hex');
  }

  get(key: string): Definite | undefined {
    let hit = this.memory.get(key);
    if (!hit && this.opts.dir) {
      hit = this.readDisk(key);
      if (hit) this.remember(key, hit);
    }
    if (hit) this.stats.hits++;
    else this.stats.misses++;
    // A copy: a caller that edits its model must not edit the cache.
    return hit && clone(hit);
  }

  put(key: string, answer: SolverAnswer): void {
    if (answer.status !== 'sat' && answer.status !== 'unsat') return;
    const definite: Definite = answer.status === 'unsat' ? { status: 'unsat' } : strip(answer);
    this.remember(key, definite);
    this.stats.stores++;
    if (this.opts.dir) this.writeDisk(key, definite);
  }

  hitRate(): number {
    const n = this.stats.hits + this.stats.misses;
    return n === 0 ? 0 : this.stats.hits / n;
  }

  clearMemory(): void {
    this.memory.clear();
  }

  private remember(key: string, a: Definite): void {
    this.memory.delete(key);
    this.memory.set(key, a);
    const max = this.opts.maxEntries ?? 100_000;
    while (this.memory.size > max) this.memory.delete(this.memory.keys().next().value!);
  }

  private path(key: string): string {
    return join(this.opts.dir!, key.slice(0, 2), `${key}.json`);
  }

  private readDisk(key: string): Definite | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      return fromJson(JSON.parse(text));
    } catch {
      return undefined; // a torn or foreign file is a miss, never an answer
    }
  }

  private writeDisk(key: string, a: Definite): void {
    const file = this.path(key);
    mkdirSync(join(this.opts.dir!, key.slice(0, 2)), { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(toJson(a)));
    renameSync(tmp, file);
  }
}

/** Drops the `info` a result carries (timing of the run that produced it). */
function strip(a: Extract<SolverAnswer, { status: 'sat' }>): Definite {
  return { status: 'sat', model: a.model, memModel: a.memModel, ufModel: a.ufModel, observed: a.observed };
}

function clone(a: Definite): Definite {
  if (a.status === 'unsat') return a;
  return {
    status: 'sat',
    model: new Map(a.model),
    memModel: new Map([...a.memModel].map(([k, m]) => [k, { default: m.default, bytes: new Map(m.bytes) }])),
    ufModel: new Map([...a.ufModel].map(([k, pts]) => [k, pts.map((p) => ({ args: [...p.args], value: p.value }))])),
    observed: [...a.observed],
  };
}

const hex = (v: bigint) => '0x' + v.toString(16);

function toJson(a: Definite): unknown {
  if (a.status === 'unsat') return { format: FORMAT, status: 'unsat' };
  return {
    format: FORMAT,
    status: 'sat',
    vars: [...a.model].map(([k, v]) => [k, hex(v)]),
    mems: [...a.memModel].map(([k, m]) => [k, m.default, [...m.bytes].map(([addr, b]) => [hex(addr), b])]),
    ufs: [...a.ufModel].map(([k, pts]) => [k, pts.map((p) => [p.args.map(hex), hex(p.value)])]),
    observed: a.observed.map(hex),
  };
}

function fromJson(j: any): Definite | undefined {
  if (!j || j.format !== FORMAT) return undefined;
  if (j.status === 'unsat') return { status: 'unsat' };
  if (j.status !== 'sat') return undefined;
  const model = new Map<string, bigint>((j.vars as [string, string][]).map(([k, v]) => [k, BigInt(v)]));
  const memModel = new Map<string, MemModel>(
    (j.mems as [string, number, [string, number][]][]).map(([k, d, bytes]) => [
      k,
      { default: d, bytes: new Map(bytes.map(([a, b]) => [BigInt(a), b])) },
    ]),
  );
  const ufModel = new Map<string, UfPoint[]>(
    (j.ufs as [string, [string[], string][]][]).map(([k, pts]) => [k, pts.map(([args, v]) => ({ args: args.map((x) => BigInt(x)), value: BigInt(v) }))]),
  );
  return { status: 'sat', model, memModel, ufModel, observed: (j.observed as string[]).map((x) => BigInt(x)) };
}
