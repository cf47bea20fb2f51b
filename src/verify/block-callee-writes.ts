// Which registers a call to a function of the source program may change.
// gcc's -fipa-ra (on from -O1) keeps values in caller-saved registers across
// calls to functions of the same file that it knows leave them alone; a
// block verifier that makes every caller-saved register fresh after every
// call then "refutes" correct translations of such blocks. The fact is
// derived here from the source program itself, never taken from the
// translator: every instruction of the function runs through the ISA's
// semantics, what it writes is collected, and calls and tail calls add their
// callee's set (transitively, to a fixed point over recursion). Anything this
// analysis cannot see through (a call or jump to an external or computed
// address, an instruction without semantics) makes the answer "everything".
import type { InstructionStatement, Isa } from '../asm/ast.js';
import { execute } from '../ir/symexec.js';
import type { ControlTarget } from '../ir/semantics.js';
import type { AsmFunction, AsmProgram } from '../program/model.js';
import { semanticsFor } from './semantics.js';
import { conventionFor } from '../abi/conventions.js';

/** The state components a call may change, or everything. */
export type WriteSet = ReadonlySet<string> | 'everything';

interface Summary {
  own: Set<string>;
  callees: Set<string>;
  everything: boolean;
}

const cache = new WeakMap<AsmProgram, Map<Isa, ReadonlyMap<string, WriteSet>>>();

/** What each function of the program may write, calls included (cached per program). */
export function calleeWrites(program: AsmProgram, isa: Isa): ReadonlyMap<string, WriteSet> {
  let byIsa = cache.get(program);
  if (!byIsa) cache.set(program, (byIsa = new Map()));
  const known = byIsa.get(isa);
  if (known) return known;
  const names = new Set(program.functions.map((f) => f.name));
  const summaries = new Map<string, Summary>();
  for (const fn of program.functions) summaries.set(fn.name, summarise(program, fn, isa, names));
  // Close over calls: a function writes what its callees write.
  const out = new Map<string, Set<string> | 'everything'>();
  // A weak definition may be replaced at link time by another object's: nothing is known of that one.
  const weak = new Set(program.functions.filter((f) => f.binding === 'weak').map((f) => f.name));
  for (const [name, s] of summaries) out.set(name, s.everything || weak.has(name) ? 'everything' : new Set(s.own));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, s] of summaries) {
      const mine = out.get(name)!;
      if (mine === 'everything') continue;
      for (const c of s.callees) {
        const theirs = out.get(c);
        if (theirs === undefined || theirs === 'everything') {
          out.set(name, 'everything');
          changed = true;
          break;
        }
        for (const r of theirs) {
          if (!mine.has(r)) {
            mine.add(r);
            changed = true;
          }
        }
      }
    }
  }
  byIsa.set(isa, out);
  return out;
}

function summarise(program: AsmProgram, fn: AsmFunction, isa: Isa, functions: ReadonlySet<string>): Summary {
  const s: Summary = { own: new Set(), callees: new Set(), everything: false };
  const localLabels = new Set(fn.blocks.flatMap((b) => b.labels));
  // A transfer out of the function: to one of the file's functions (its writes count), or anywhere else (unknown).
  const leave = (t: ControlTarget): void => {
    if (t.kind === 'symbol' && functions.has(t.name)) s.callees.add(t.name);
    else s.everything = true;
  };
  const semantics = semanticsFor(isa);
  for (const b of fn.blocks) {
    const tableJump = b.exit.kind === 'jump-table';
    for (const k of b.instructions) {
      const ins = program.file.statements[k] as InstructionStatement;
      try {
        const r = execute([ins], {
          isa,
          semantics,
          // The call itself writes the link register (the IR leaves that to the call model).
          onCall: (event) => {
            s.own.add(conventionFor(isa).linkRegister);
            leave(event.target);
          },
        });
        for (const name of r.written.keys()) s.own.add(name);
        const e = r.exit;
        if (e.kind === 'jump' || e.kind === 'branch') {
          if (e.target.kind === 'symbol') {
            if (!localLabels.has(e.target.name)) leave(e.target);
          } else if (!tableJump) s.everything = true;
        }
      } catch {
        // No semantics, or a form the IR refuses: nothing is known about what it writes.
        s.everything = true;
      }
      if (s.everything) return s;
    }
  }
  return s;
}
