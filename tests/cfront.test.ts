// C prototypes and typedefs read with tree-sitter-c.
import { describe, expect, it } from 'vitest';
import { formatPrototype } from '../src/cfront/ctypes.js';
import { parsePrototype, parsePrototypes } from '../src/cfront/prototypes.js';

describe('C prototypes', () => {
  it('reads scalar, pointer and variadic parameters', async () => {
    const p = await parsePrototype('int f(int, const char *)');
    expect(p.name).toBe('f');
    expect(p.result).toMatchObject({ kind: 'int', bits: 32, signed: true });
    expect(p.params).toMatchObject([{ kind: 'int', bits: 32 }, { kind: 'pointer' }]);
    expect(p.variadic).toBe(false);
    const q = await parsePrototype('int printf(const char *fmt, ...);');
    expect(q.variadic).toBe(true);
    expect(q.params).toHaveLength(1);
  });

  it('knows every integer width, signedness and plain char', async () => {
    const p = await parsePrototype('unsigned long long g(short a, unsigned char b, char c, long d, uint32_t e, _Bool f, double x, float y)');
    expect(p.result).toMatchObject({ kind: 'int', bits: 64, signed: false });
    expect(p.params.map((t) => (t.kind === 'int' ? `${t.signed}${t.bits}` : t.kind === 'float' ? `f${t.bits}` : t.kind))).toEqual([
      'true16', 'false8', 'char8', 'true64', 'false32', 'false8', 'f64', 'f32',
    ]);
  });

  it('reads typedefs and several declarations from a header', async () => {
    const protos = await parsePrototypes('typedef unsigned int u32;\nu32 h(u32 x);\nvoid *alloc(size_t n);\nvoid nothing(void);\n');
    expect(protos.map(formatPrototype)).toEqual(['u32 h(u32)', 'void * alloc(size_t)', 'void nothing(void)']);
  });

  it('points at the place it cannot read', async () => {
    await expect(parsePrototypes('int f(int x;\n', 'bad.h')).rejects.toThrow(/^bad\.h:1:\d+: error: cannot read/);
    await expect(parsePrototype('int f(mystery_t)')).rejects.toThrow(/unknown type 'mystery_t'/);
  });

  it('marks aggregates by value as such', async () => {
    const p = await parsePrototype('struct pair swap(struct pair p)');
    expect(p.result.kind).toBe('aggregate');
  });
});
