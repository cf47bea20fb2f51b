// The `transpile` command line: dispatches subcommands and turns user errors
// into one clear message and exit code 2, never a stack trace.
import fs from 'node:fs';
import { runInspect } from './inspect.js';
import { runVerify } from './verify.js';
import { runTranslate } from './translate.js';
import { runSketch } from './sketch.js';
import { UserError } from './errors.js';

export const MAIN_HELP = `transpile: a verified assembly transpiler (AArch64, RISC-V64, x86-64)

Usage: transpile COMMAND [options]

Usage: transpile INPUT.s [--from ISA] --to ISA [-o OUT.s] [options]
       (translate; 'transpile INPUT.s --help' for the options)

Commands:
  inspect FILE   parse an assembly file and show it back (--print), its
                 functions and control-flow graphs (--cfg, --dot), or a
                 machine-readable description (--json)
  verify A B     check that two assembly files (one ISA or two) implement
                 the same functions; one verdict per function
  sketch FILE    fill the holes (??, {a|b}, ??insn) of an assembly sketch so
                 that it meets a reference function or examples

Run 'transpile COMMAND --help' for the options of a command.

Exit codes: 0 success, 2 usage or input errors (verify: 1 different, 3 not proven;
sketch: 1 no completion exists, 3 timeout).
`;

type Command = (argv: string[], out: (s: string) => void, err: (s: string) => void) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  inspect: runInspect,
  verify: runVerify,
  sketch: runSketch,
};

export async function main(
  argv: string[],
  out = (s: string) => void process.stdout.write(s),
  err = (s: string) => void process.stderr.write(s),
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(MAIN_HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    out('transpile 0.1.0\n');
    return 0;
  }
  let run = COMMANDS[command];
  let args = rest;
  // No subcommand but a file (or options): the default command, translation.
  if (!run && (command.startsWith('-') || /\.(s|S|asm)$/.test(command) || fs.existsSync(command))) {
    run = runTranslate;
    args = argv;
  }
  if (!run) {
    err(`transpile: unknown command '${command}'\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return await run(args, out, err);
  } catch (e) {
    if (e instanceof UserError) {
      err(`transpile ${command}: ${e.message}\n`);
      return e.exitCode;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      err(`transpile ${command}: ${(e as Error).message}\nRun 'transpile ${command} --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
}
