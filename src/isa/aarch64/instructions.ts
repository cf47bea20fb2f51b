// A64 instructions: the base ISA, FP, Advanced SIMD (NEON) and the common
// extensions (LSE atomics, RCpc, pointer authentication, BTI, CRC, crypto,
// dot product, MTE), plus the assembler aliases gas accepts (`mov`, `cmp`,
// `lsl`, `cset`, `uxtl`, ...). SVE and SME are not covered.
// Format: see defineInstructions (mnemonics, operand count range, flow@target operand).
// Operand counts follow the parser: a shift or extend (`lsl #12`, `sxtw`) is
// its own operand, and so is a post-index offset (`ldr x0, [x1], #8`).
import type { Expr, InstructionStatement, Operand } from '../../asm/ast.js';
import { defineInstructions, type ControlInfo, type IsaDescription } from '../types.js';
import { AARCH64_REGISTERS } from './registers.js';

/** Condition codes, including the aliases hs/lo (cs/cc) and al/nv. */
export const CONDITION_CODES: readonly string[] = [
  'eq', 'ne', 'cs', 'hs', 'cc', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv',
];

/** Every combination of a stem with the given suffix groups, in order: `cas` + [a,l,al] + [b,h]. */
function combos(stems: string[], ...groups: string[][]): string {
  let names = stems;
  for (const group of groups) names = names.flatMap((n) => group.map((s) => n + s));
  return names.join(',');
}

const LSE_OPS = ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin'];
const ORDER = ['', 'a', 'l', 'al'];
const SIZE = ['', 'b', 'h'];
/** Narrowing/widening NEON forms come as a pair: `xtn` writes the low half, `xtn2` the high half. */
const pair = (names: string[]): string => names.flatMap((n) => [n, `${n}2`]).join(',');

const TABLE = `
// ---------------------------------------------------------------- branches
b 1 jump@0
bl 1 call@0
br 1 indirect-jump
blr 1 indirect-call
ret 0-1 return
${CONDITION_CODES.map((c) => `b.${c}`).join(',')} 1 branch@0
// gcc writes the old spelling without the dot (bne); gas has no bal or bnv
${CONDITION_CODES.slice(0, 16).map((c) => `b${c}`).join(',')} 1 branch@0
${CONDITION_CODES.map((c) => `bc.${c}`).join(',')} 1 branch@0
cbz,cbnz 2 branch@1
tbz,tbnz 3 branch@2
braa,brab 2 indirect-jump
braaz,brabz 1 indirect-jump
blraa,blrab 2 indirect-call
blraaz,blrabz 1 indirect-call
retaa,retab 0 return
eret,eretaa,eretab,drps 0 return
udf,brk,hlt 1 trap
dcps1,dcps2,dcps3 0-1
svc,hvc,smc 1

// ---------------------------------------------------------------- integer data processing
add,adds,sub,subs 3-4
cmp,cmn 2-3
neg,negs 2-3
adc,adcs,sbc,sbcs 3
ngc,ngcs 2
and,ands,orr,eor,eon,orn,bic,bics 2-4
tst 2-3
mvn 2-3
mov 2
movz,movn,movk 2-3
movi,mvni 2-3
lsl,lsr,asr,ror,lslv,lsrv,asrv,rorv 3
mul,mneg,smulh,umulh,smull,umull,smnegl,umnegl,sdiv,udiv 3
madd,msub,smaddl,umaddl,smsubl,umsubl 4
bfm,sbfm,ubfm,bfi,bfxil,sbfiz,sbfx,ubfiz,ubfx,extr 4
bfc 3
sxtb,sxth,sxtw,uxtb,uxth,uxtw 2
cls,clz,rbit,rev,rev16,rev32,rev64,ctz 2
csel,csinc,csinv,csneg 4
cset,csetm 2
cinc,cinv,cneg 3
ccmp,ccmn 4
adr,adrp 2
crc32b,crc32h,crc32w,crc32x,crc32cb,crc32ch,crc32cw,crc32cx 3
cfinv,xaflag,axflag 0
setf8,setf16 1
rmif 3

// ---------------------------------------------------------------- loads and stores
ldr,ldrb,ldrh,ldrsb,ldrsh,ldrsw,str,strb,strh 2-3
ldur,ldurb,ldurh,ldursb,ldursh,ldursw,stur,sturb,sturh 2
ldtr,ldtrb,ldtrh,ldtrsb,ldtrsh,ldtrsw,sttr,sttrb,sttrh 2
ldp,stp,ldpsw 3-4
ldnp,stnp 3
prfm,prfum 2
ldxr,ldxrb,ldxrh,ldaxr,ldaxrb,ldaxrh,ldar,ldarb,ldarh,ldlar,ldlarb,ldlarh 2
ldapr,ldaprb,ldaprh,stlr,stlrb,stlrh,stllr,stllrb,stllrh 2-3
stxr,stxrb,stxrh,stlxr,stlxrb,stlxrh 3
ldxp,ldaxp 3
stxp,stlxp 4
ldapur,ldapurb,ldapurh,ldapursb,ldapursh,ldapursw,stlur,stlurb,stlurh 2
ldraa,ldrab 2
ld64b,st64b 2
st64bv,st64bv0 3

// ---------------------------------------------------------------- LSE atomics
${combos(['cas'], ORDER, SIZE)} 3
${combos(['casp'], ORDER)} 5
${combos(LSE_OPS.map((o) => `ld${o}`), ORDER, SIZE)} 3
${combos(LSE_OPS.map((o) => `st${o}`), ['', 'l'], SIZE)} 2
${combos(['swp'], ORDER, SIZE)} 3

// ---------------------------------------------------------------- scalar floating point
fmov 2
fadd,fsub,fmul,fdiv,fnmul,fmax,fmin,fmaxnm,fminnm,fabd 3
fmadd,fmsub,fnmadd,fnmsub 4
fabs,fneg,fsqrt 2
fcmp,fcmpe 2
fccmp,fccmpe,fcsel 4
fcvt,fjcvtzs 2
fcvtas,fcvtau,fcvtms,fcvtmu,fcvtns,fcvtnu,fcvtps,fcvtpu 2
fcvtzs,fcvtzu,scvtf,ucvtf 2-3
frinta,frinti,frintm,frintn,frintp,frintx,frintz,frint32x,frint32z,frint64x,frint64z 2

// ---------------------------------------------------------------- Advanced SIMD
// three registers of one type (several also have scalar or by-element forms)
addp,faddp,fmaxp,fminp,fmaxnmp,fminnmp 2-3
smaxp,sminp,umaxp,uminp 3
mla,mls,pmul,sqadd,uqadd,sqsub,uqsub,shadd,uhadd,srhadd,urhadd,shsub,uhsub 3
smax,smin,umax,umin,sabd,uabd,saba,uaba 3
bsl,bit,bif 3
cmeq,cmge,cmgt,cmhi,cmhs,cmtst,cmle,cmlt 3
fcmeq,fcmge,fcmgt,fcmle,fcmlt,facge,facgt,facle,faclt 3
sshl,ushl,srshl,urshl,sqshl,uqshl,sqrshl,uqrshl 3
sqdmulh,sqrdmulh,sqrdmlah,sqrdmlsh 3
fmla,fmls,fmulx,frecps,frsqrts 3
// long, wide and narrow
${pair(['saddl', 'uaddl', 'ssubl', 'usubl', 'saddw', 'uaddw', 'ssubw', 'usubw'])} 3
${pair(['sabal', 'uabal', 'sabdl', 'uabdl', 'smlal', 'umlal', 'smlsl', 'umlsl'])} 3
smull2,umull2,${pair(['sqdmlal', 'sqdmlsl', 'sqdmull', 'pmull'])} 3
${pair(['addhn', 'raddhn', 'subhn', 'rsubhn'])} 3
// permutes and table lookups
zip1,zip2,uzp1,uzp2,trn1,trn2,tbl,tbx 3
ext 4
// shifts by immediate
shl,sshr,ushr,ssra,usra,srshr,urshr,srsra,ursra,sri,sli,sqshlu 3
${pair(['shrn', 'rshrn', 'sqshrn', 'uqshrn', 'sqrshrn', 'uqrshrn', 'sqshrun', 'sqrshrun'])} 3
${pair(['sshll', 'ushll', 'shll'])} 3
// two registers
abs,not,cnt,sqabs,sqneg,suqadd,usqadd 2
saddlp,uaddlp,sadalp,uadalp 2
${pair(['xtn', 'sqxtn', 'uqxtn', 'sqxtun', 'sxtl', 'uxtl', 'fcvtl', 'fcvtn', 'fcvtxn', 'bfcvtn'])} 2
urecpe,ursqrte,frecpe,frsqrte,frecpx,bfcvt 2
// across lanes
addv,saddlv,uaddlv,smaxv,sminv,umaxv,uminv,fmaxv,fminv,fmaxnmv,fminnmv 2
// element moves
dup,ins,umov,smov 2
// structure loads and stores; a post-index offset is the third operand
ld1,ld2,ld3,ld4,st1,st2,st3,st4,ld1r,ld2r,ld3r,ld4r 2-3
// dot products, matrix multiply, complex
sdot,udot,usdot,sudot,smmla,ummla,usmmla,bfdot,bfmmla,bfmlalb,bfmlalt 3
fmlal,fmlal2,fmlsl,fmlsl2 3
fcmla,fcadd 4
// cryptography
aese,aesd,aesmc,aesimc,sha1h,sha1su1,sha256su0,sha512su0,sm4e 2
sha1c,sha1p,sha1m,sha1su0,sha256h,sha256h2,sha256su1,sha512h,sha512h2,sha512su1,rax1,sm4ekey 3
sm3partw1,sm3partw2,sm3tt1a,sm3tt1b,sm3tt2a,sm3tt2b 3
eor3,bcax,xar,sm3ss1 4

// ---------------------------------------------------------------- system
nop,yield,wfe,wfi,sev,sevl,ssbb,pssbb,sb,csdb,esb,dgh 0
isb,clrex 0-1
dmb,dsb,psb,tsb,hint,wfet,wfit 1
mrs,msr 2
sys 4-5
sysl 5
dc,ic,at,tlbi 1-2
cfp,dvp,cpp 2
clearbhb 0
bti 0-1
paciasp,pacibsp,autiasp,autibsp,paciaz,pacibz,autiaz,autibz 0
pacia1716,pacib1716,autia1716,autib1716,xpaclri 0
pacia,pacib,pacda,pacdb,autia,autib,autda,autdb,pacga 2-3
paciza,pacizb,pacdza,pacdzb,autiza,autizb,autdza,autdzb,xpaci,xpacd 1
// memory tagging
irg 2-3
gmi,subp,subps 3
addg,subg 4
cmpp,ldg,ldgm,stgm,stzgm 2
stg,stzg,st2g,stz2g 2-3
stgp 3-4
// transactional memory
tstart,tcancel,ttest 1
tcommit 0
`;

const INSTRUCTIONS = defineInstructions(TABLE);

/** The mnemonics whose operand at the given index is an address (a label or symbol), never a register. */
const ADDRESS_OPERAND = new Map<string, number>([
  ['adr', 1], ['adrp', 1], ['prfm', 1],
  ['ldr', 1], ['ldrsw', 1],
]);

/** Index of the operand that names a code or data address, if the mnemonic has one. */
export function addressOperandIndex(mnemonic: string): number | undefined {
  const syntax = INSTRUCTIONS.get(mnemonic);
  if (syntax?.targetOperand !== undefined) return syntax.targetOperand;
  return ADDRESS_OPERAND.get(mnemonic);
}

/** The label or symbol an operand names, when it can be a direct target. */
function operandTarget(op: Operand | undefined): Expr | undefined {
  if (!op) return undefined;
  if (op.kind === 'expr' || op.kind === 'imm') return op.expr;
  return undefined;
}

function regAt(ins: InstructionStatement, index: number): string | undefined {
  const op = ins.operands[index];
  return op?.kind === 'reg' ? op.name : undefined;
}

export const AARCH64: IsaDescription = {
  isa: 'aarch64',
  registers: AARCH64_REGISTERS,
  instructions: INSTRUCTIONS,
  lookup: (m) => INSTRUCTIONS.get(m),
  control(ins): ControlInfo {
    const syntax = INSTRUCTIONS.get(ins.mnemonic);
    if (!syntax) return { kind: 'fallthrough' };
    switch (ins.mnemonic) {
      case 'ret': {
        // `ret` and `ret x30` return; `ret x1` is a jump through another register.
        const reg = ins.operands.length ? regAt(ins, 0) : 'x30';
        return { kind: reg === 'x30' || reg === 'lr' ? 'return' : 'indirect-jump' };
      }
      case 'b.al': case 'b.nv': case 'bc.al': case 'bc.nv': {
        // The "always" conditions branch unconditionally.
        const target = operandTarget(ins.operands[0]);
        return { kind: 'jump', ...(target ? { target } : {}) };
      }
      default: {
        const target = syntax.targetOperand !== undefined ? operandTarget(ins.operands[syntax.targetOperand]) : undefined;
        return { kind: syntax.flow, ...(target ? { target } : {}) };
      }
    }
  },
};
