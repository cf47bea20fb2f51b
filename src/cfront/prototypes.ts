// Reads C function prototypes and typedefs with tree-sitter-c (the WASM
// grammar shipped in the tree-sitter-c package, run by web-tree-sitter: no
// native build). Used by `--prototype` and `--headers`, and for the
// built-in C library table.
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import type { CType, Prototype } from './ctypes.js';

let parserPromise: Promise<Parser> | undefined;

async function cParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('tree-sitter-c/tree-sitter-c.wasm');
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm));
    return parser;
  })();
  return parserPromise;
}

export class PrototypeError extends Error {}

const BASE_TYPES: Record<string, CType> = {
  void: { kind: 'void' },
  _Bool: { kind: 'int', bits: 8, signed: false, name: '_Bool' },
  bool: { kind: 'int', bits: 8, signed: false, name: 'bool' },
  char: { kind: 'int', bits: 8, signed: 'char', name: 'char' },
  float: { kind: 'float', bits: 32, name: 'float' },
  double: { kind: 'float', bits: 64, name: 'double' },
  int8_t: { kind: 'int', bits: 8, signed: true, name: 'int8_t' },
  int16_t: { kind: 'int', bits: 16, signed: true, name: 'int16_t' },
  int32_t: { kind: 'int', bits: 32, signed: true, name: 'int32_t' },
  int64_t: { kind: 'int', bits: 64, signed: true, name: 'int64_t' },
  uint8_t: { kind: 'int', bits: 8, signed: false, name: 'uint8_t' },
  uint16_t: { kind: 'int', bits: 16, signed: false, name: 'uint16_t' },
  uint32_t: { kind: 'int', bits: 32, signed: false, name: 'uint32_t' },
  uint64_t: { kind: 'int', bits: 64, signed: false, name: 'uint64_t' },
  size_t: { kind: 'int', bits: 64, signed: false, name: 'size_t' },
  ssize_t: { kind: 'int', bits: 64, signed: true, name: 'ssize_t' },
  ptrdiff_t: { kind: 'int', bits: 64, signed: true, name: 'ptrdiff_t' },
  intptr_t: { kind: 'int', bits: 64, signed: true, name: 'intptr_t' },
  uintptr_t: { kind: 'int', bits: 64, signed: false, name: 'uintptr_t' },
  FILE: { kind: 'aggregate', name: 'FILE' },
};

/** `unsigned long long`, `short int`, `long double`, ... from their words. */
function sizedType(words: string[]): CType {
  const unsigned = words.includes('unsigned');
  const longs = words.filter((w) => w === 'long').length;
  const name = words.join(' ');
  if (words.includes('double')) return { kind: 'float', bits: longs ? 128 : 64, name };
  if (words.includes('char')) return { kind: 'int', bits: 8, signed: unsigned ? false : words.includes('signed') ? true : 'char', name };
  if (words.includes('short')) return { kind: 'int', bits: 16, signed: !unsigned, name };
  if (longs > 0) return { kind: 'int', bits: 64, signed: !unsigned, name };
  if (words.includes('__int128')) return { kind: 'int', bits: 128, signed: !unsigned, name };
  return { kind: 'int', bits: 32, signed: !unsigned, name };
}

class Reader {
  readonly typedefs = new Map<string, CType>();

  baseType(node: Node | null): CType {
    if (!node) throw new PrototypeError('missing type');
    const text = node.text;
    switch (node.type) {
      case 'primitive_type':
        return BASE_TYPES[text] ?? sizedType([text]);
      case 'sized_type_specifier':
        return sizedType(text.split(/\s+/));
      case 'type_identifier': {
        const t = this.typedefs.get(text) ?? BASE_TYPES[text];
        if (!t) throw new PrototypeError(`unknown type '${text}' (declare it with a typedef in --headers)`);
        return t;
      }
      case 'struct_specifier':
      case 'union_specifier':
        return { kind: 'aggregate', name: text.replace(/\s*\{[\s\S]*$/, '') };
      case 'enum_specifier':
        return { kind: 'int', bits: 32, signed: true, name: text.replace(/\s*\{[\s\S]*$/, '') };
      default:
        throw new PrototypeError(`unsupported type '${text}'`);
    }
  }

  /** Applies declarator structure (pointers, arrays, functions) to a base type; returns the name too. */
  declared(base: CType, decl: Node | null): { type: CType; name?: string; fn?: Node } {
    let type = base;
    let node = decl;
    let fn: Node | undefined;
    while (node) {
      switch (node.type) {
        case 'pointer_declarator':
        case 'abstract_pointer_declarator':
          type = { kind: 'pointer', name: `${type.kind === 'void' ? 'void' : type.name} *` };
          node = node.childForFieldName('declarator');
          continue;
        case 'array_declarator':
        case 'abstract_array_declarator':
          type = { kind: 'pointer', name: `${type.kind === 'void' ? 'void' : type.name} []` };
          node = node.childForFieldName('declarator');
          continue;
        case 'function_declarator':
          fn = node;
          node = node.childForFieldName('declarator');
          continue;
        case 'parenthesized_declarator':
          node = node.namedChildren[0] ?? null;
          continue;
        case 'identifier':
        case 'type_identifier':
        case 'field_identifier':
          return { type, name: node.text, ...(fn ? { fn } : {}) };
        default:
          throw new PrototypeError(`unsupported declarator '${node.text}'`);
      }
    }
    return { type, ...(fn ? { fn } : {}) };
  }

  params(fn: Node): { params: CType[]; variadic: boolean } {
    const list = fn.childForFieldName('parameters');
    const params: CType[] = [];
    let variadic = false;
    for (const p of list?.namedChildren ?? []) {
      if (!p) continue;
      if (p.type === 'variadic_parameter') {
        variadic = true;
        continue;
      }
      if (p.type !== 'parameter_declaration') continue;
      const t = this.declared(this.baseType(p.childForFieldName('type')), p.childForFieldName('declarator')).type;
      if (t.kind !== 'void') params.push(t);
    }
    // `...` also appears as an anonymous token in some grammar versions.
    if (list && /\.\.\.\s*\)\s*$/.test(list.text)) variadic = true;
    return { params, variadic };
  }
}

/** Every function prototype (and typedef) declared in C text. */
export async function parsePrototypes(text: string, fileName = '<prototype>'): Promise<Prototype[]> {
  const parser = await cParser();
  const tree = parser.parse(text);
  if (!tree) throw new PrototypeError(`${fileName}: could not parse`);
  const root = tree.rootNode;
  const error = findError(root);
  if (error) {
    const p = error.startPosition;
    throw new PrototypeError(`${fileName}:${p.row + 1}:${p.column + 1}: error: cannot read this C declaration: '${error.text.slice(0, 60)}'`);
  }
  const reader = new Reader();
  const out: Prototype[] = [];
  for (const node of root.namedChildren) {
    if (!node) continue;
    if (node.type === 'type_definition') {
      const base = reader.baseType(node.childForFieldName('type'));
      for (const d of node.childrenForFieldName('declarator')) {
        const r = reader.declared(base, d);
        if (r.name) reader.typedefs.set(r.name, r.type.kind === 'void' ? r.type : { ...r.type, name: r.name } as CType);
      }
      continue;
    }
    if (node.type !== 'declaration' && node.type !== 'function_definition') continue;
    const base = reader.baseType(node.childForFieldName('type'));
    for (const d of node.childrenForFieldName('declarator')) {
      const r = reader.declared(base, d);
      if (!r.fn || !r.name) continue;
      out.push({ name: r.name, result: r.type, ...reader.params(r.fn) });
    }
  }
  tree.delete();
  return out;
}

function findError(node: Node): Node | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  for (const c of node.children) {
    if (!c) continue;
    if (c.hasError || c.type === 'ERROR' || c.isMissing) {
      const found = findError(c);
      if (found) return found;
    }
  }
  return undefined;
}

/** One prototype from `--prototype 'int f(int, const char *)'`. */
export async function parsePrototype(text: string): Promise<Prototype> {
  const protos = await parsePrototypes(text.trim().endsWith(';') ? text : `${text};`, '--prototype');
  if (protos.length !== 1) throw new PrototypeError(`--prototype must declare exactly one function (found ${protos.length})`);
  return protos[0]!;
}
