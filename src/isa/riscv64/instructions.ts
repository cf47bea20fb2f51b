// RV64GC instructions and the assembler pseudo-instructions gcc and people write.
// Format: see defineInstructions (mnemonics, operand count range, flow@target operand).
import type { Expr, InstructionStatement } from '../../asm/ast.js';
import { defineInstructions, type ControlInfo, type IsaDescription } from '../types.js';
import { RISCV_REGISTERS } from './registers.js';

const AMO_OPS = ['swap', 'add', 'xor', 'and', 'or', 'min', 'max', 'minu', 'maxu'];
const ORDERINGS = ['', '.aq', '.rl', '.aqrl'];

function atomics(): string {
  const names: string[] = [];
  for (const w of ['w', 'd'])
    for (const o of ORDERINGS) {
      for (const op of AMO_OPS) names.push(`amo${op}.${w}${o}`);
      names.push(`sc.${w}${o}`);
    }
  const lr: string[] = [];
  for (const w of ['w', 'd']) for (const o of ORDERINGS) lr.push(`lr.${w}${o}`);
  return `${names.join(',')} 3\n${lr.join(',')} 2`;
}

function fp(ops: string[], suffixes: string[]): string {
  return ops.flatMap((op) => suffixes.map((s) => `${op}.${s}`)).join(',');
}

const TABLE = `
// RV64I
lui,auipc 2
add,sub,sll,slt,sltu,sgt,sgtu,xor,srl,sra,or,and,addw,subw,sllw,srlw,sraw 3
addi,slti,sltiu,xori,ori,andi,slli,srli,srai,addiw,slliw,srliw,sraiw 3
lb,lh,lw,ld,lbu,lhu,lwu 2-3
sb,sh,sw,sd 2-3
beq,bne,blt,bge,bltu,bgeu,bgt,ble,bgtu,bleu 3 branch@2
beqz,bnez,blez,bgez,bltz,bgtz 2 branch@1
j 1 jump@0
jal 1-2 call
jalr 1-3 indirect-call
jr 1 indirect-jump
ret 0 return
call 1-2 call
tail 1 tail-call@0
fence 0-2
fence.i,fence.tso,pause 0
ecall,wfi 0
ebreak,unimp 0 trap
// M
mul,mulh,mulhsu,mulhu,div,divu,rem,remu,mulw,divw,divuw,remw,remuw 3
// Zicsr
csrrw,csrrs,csrrc,csrrwi,csrrsi,csrrci 3
csrr 2
csrw,csrs,csrc,csrwi,csrsi,csrci 2
frcsr,frrm,frflags 1
fscsr,fsrm,fsflags 1-2
// pseudo-instructions
nop 0
li,la,lla,lga,mv,not,neg,negw,sext.w,sext.b,sext.h,zext.b,zext.h,zext.w,seqz,snez,sltz,sgtz 2
// F and D
flw,fld 2-3
fsw,fsd 2-3
${fp(['fadd', 'fsub', 'fmul', 'fdiv'], ['s', 'd'])} 3-4
${fp(['fsqrt'], ['s', 'd'])} 2-3
${fp(['fmadd', 'fmsub', 'fnmadd', 'fnmsub'], ['s', 'd'])} 4-5
${fp(['fsgnj', 'fsgnjn', 'fsgnjx', 'fmin', 'fmax', 'feq', 'flt', 'fle', 'fgt', 'fge'], ['s', 'd'])} 3
${fp(['fmv', 'fabs', 'fneg', 'fclass'], ['s', 'd'])} 2
fmv.x.w,fmv.w.x,fmv.x.s,fmv.s.x,fmv.x.d,fmv.d.x 2
${fp(['fcvt.w', 'fcvt.wu', 'fcvt.l', 'fcvt.lu'], ['s', 'd'])} 2-3
fcvt.s.w,fcvt.s.wu,fcvt.s.l,fcvt.s.lu,fcvt.d.w,fcvt.d.wu,fcvt.d.l,fcvt.d.lu,fcvt.s.d,fcvt.d.s 2-3
${atomics()}
`;

const INSTRUCTIONS = defineInstructions(TABLE);

function operandTarget(ins: InstructionStatement, index: number): Expr | undefined {
  const op = ins.operands[index];
  return op && (op.kind === 'expr' || op.kind === 'imm') ? op.expr : undefined;
}

function regAt(ins: InstructionStatement, index: number): string | undefined {
  const op = ins.operands[index];
  return op?.kind === 'reg' ? op.name : op?.kind === 'rvmem' ? op.base : undefined;
}

export const RISCV64: IsaDescription = {
  isa: 'riscv64',
  registers: RISCV_REGISTERS,
  instructions: INSTRUCTIONS,
  lookup: (m) => INSTRUCTIONS.get(m),
  control(ins): ControlInfo {
    const syntax = INSTRUCTIONS.get(ins.mnemonic);
    if (!syntax) return { kind: 'fallthrough' };
    switch (ins.mnemonic) {
      case 'jal': {
        // `jal label` links ra; `jal zero, label` (or x0) is a plain jump.
        const link = ins.operands.length === 2 ? regAt(ins, 0) : 'ra';
        const target = operandTarget(ins, ins.operands.length - 1);
        return { kind: link === 'zero' || link === 'x0' ? 'jump' : 'call', ...(target ? { target } : {}) };
      }
      case 'jr':
      case 'jalr': {
        // `jr ra` and `jalr zero, 0(ra)` return; other jumps through a register are
        // indirect. `jalr rs` links ra: an indirect call.
        const n = ins.operands.length;
        const link = ins.mnemonic === 'jr' ? 'zero' : n === 1 ? 'ra' : regAt(ins, 0);
        const base = ins.mnemonic === 'jr' || n === 1 ? regAt(ins, 0) : regAt(ins, 1);
        const isLinkless = link === 'zero' || link === 'x0';
        if (isLinkless && (base === 'ra' || base === 'x1')) return { kind: 'return' };
        return { kind: isLinkless ? 'indirect-jump' : 'indirect-call' };
      }
      case 'call': {
        const target = operandTarget(ins, ins.operands.length - 1);
        return { kind: 'call', ...(target ? { target } : {}) };
      }
      default: {
        const target = syntax.targetOperand !== undefined ? operandTarget(ins, syntax.targetOperand) : undefined;
        return { kind: syntax.flow, ...(target ? { target } : {}) };
      }
    }
  },
};
