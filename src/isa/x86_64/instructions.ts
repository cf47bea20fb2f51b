// x86-64 instructions in AT&T spelling: everything gcc emits for ordinary C at
// -O0..-O3/-Os, plus what people commonly write by hand (SSE4, AVX/AVX2, FMA,
// BMI, x87, string ops, atomics). Size suffixes are generated: `add` gives
// `add`, `addb`, `addw`, `addl`, `addq`. Format: see defineInstructions.
import type { Expr, InstructionStatement } from '../../asm/ast.js';
import { defineInstructions, type ControlInfo, type FlowKind, type IsaDescription } from '../types.js';
import { X86_REGISTERS } from './registers.js';

/** Every condition-code spelling gas accepts after `j`, `set`, `cmov`. */
export const CONDITIONS = [
  'o', 'no', 'b', 'c', 'nae', 'ae', 'nb', 'nc', 'e', 'z', 'ne', 'nz', 'be', 'na', 'a', 'nbe',
  's', 'ns', 'p', 'pe', 'np', 'po', 'l', 'nge', 'ge', 'nl', 'le', 'ng', 'g', 'nle',
];

/** `names` with each suffix letter group appended, the bare names included. */
function sfx(names: string, suffixes: string[]): string {
  return names
    .split(',')
    .flatMap((n) => [n, ...suffixes.map((s) => n + s)])
    .join(',');
}

const BWLQ = ['b', 'w', 'l', 'q'];
const WLQ = ['w', 'l', 'q'];
const LQ = ['l', 'q'];
const WQ = ['w', 'q'];

function cross(prefixes: string[], suffixes: string[]): string {
  return prefixes.flatMap((p) => suffixes.map((s) => p + s)).join(',');
}

const INTEGER = `
// moves and arithmetic
${sfx('mov,add,sub,adc,sbb,and,or,xor,cmp,test,xchg,cmpxchg,xadd', BWLQ)} 2
${sfx('movabs', BWLQ)} 2
${sfx('inc,dec,neg,not,mul,div,idiv', BWLQ)} 1
${sfx('imul', BWLQ)} 1-3
${sfx('sal,sar,shl,shr,rol,ror,rcl,rcr', BWLQ)} 1-2
${sfx('shld,shrd', WLQ)} 2-3
${sfx('lea', WLQ)} 2
cmpxchg8b,cmpxchg16b 1
// extensions: movzbl, movsbw, movslq ...; Intel spellings movzx, movsx, movsxd
movzbw,movzbl,movzbq,movzwl,movzwq,movsbw,movsbl,movsbq,movswl,movswq,movslq 2
${sfx('movzx', ['b', 'w'])},${sfx('movsx', ['b', 'w', 'l'])},movsxd 2
cbw,cwde,cdqe,cwd,cdq,cqo,cbtw,cwtl,cltq,cwtd,cltd,cqto 0
// bits
${sfx('bt,bts,btr,btc,bsf,bsr,tzcnt,lzcnt,popcnt,movbe', WLQ)} 2
bswap,bswapl,bswapq 1
${sfx('crc32', BWLQ)} 2
${sfx('andn,bextr,bzhi,sarx,shlx,shrx,rorx,pdep,pext,mulx', LQ)} 3
${sfx('blsi,blsr,blsmsk,adcx,adox', LQ)} 2
${CONDITIONS.map((c) => `set${c},set${c}b`).join(',')} 1
${CONDITIONS.map((c) => sfx(`cmov${c}`, WLQ)).join(',')} 2
// stack
${sfx('push,pop', WQ)} 1
pushf,pushfw,pushfq,popf,popfw,popfq 0
enter,enterw,enterq 2
leave,leavew,leaveq 0
// flags and misc
clc,stc,cmc,cld,std,cli,sti,lahf,sahf 0
rdrand,rdseed 1
cpuid,rdtsc,rdtscp,rdpmc,rdmsr,wrmsr,xgetbv,swapgs,wbinvd,invd,clts,syscall,sysenter,sysexit 0
pause,mfence,lfence,sfence,endbr64,endbr32,xend,xtest,emms,vzeroupper,vzeroall 0
int 1
int3,int1 0
nop 0-1
nopw,nopl,nopq 1
clflush,clflushopt,clwb,prefetch,prefetchw,prefetcht0,prefetcht1,prefetcht2,prefetchnta,invlpg,xabort 1
ldmxcsr,stmxcsr,vldmxcsr,vstmxcsr,fxsave,fxrstor,fxsave64,fxrstor64,xsave,xrstor,xsave64,xrstor64 1
${sfx('in,out', ['b', 'w', 'l'])} 1-2
// prefixes written as instructions on their own (gcc's TLS sequence has a lone \`rex64\`)
lock,rep,repe,repz,repne,repnz,notrack,bnd,data16,addr32,rex,rex64,rex.w,xacquire,xrelease 0
cs,ds,fs,gs 0
// string instructions; the operands, when written, only name the sizes and segment
${sfx('movs,stos,lods,scas,cmps', BWLQ)},${sfx('ins,outs', ['b', 'w', 'l'])} 0-2
xlat,xlatb 0-1
// control flow
jmp,jmpq,jmpw 1 jump@0
ljmp,ljmpl,ljmpw 1-2 indirect-jump
call,callq,callw 1 call@0
lcall,lcalll,lcallw 1-2 indirect-call
${CONDITIONS.map((c) => `j${c}`).join(',')} 1 branch@0
jecxz,jrcxz,loop,loopq,loopl,loope,loopz,loopne,loopnz,xbegin 1 branch@0
ret,retq,retw,lret,lretq,lretl,lretw 0-1 return
iret,iretw,iretl,iretq,sysret,sysretl,sysretq 0 return
ud2,ud2a,hlt 0 trap
ud0,ud1,ud2b 2 trap
`;

// ---------------------------------------------------------------- SSE and AVX

const PS_PD_SS_SD = ['ps', 'pd', 'ss', 'sd'];
const SSE_CMP_PREDICATES = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord'];

/** SSE instructions taking two operands (AVX forms take one more). */
const SSE2 = [
  cross(['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt'], PS_PD_SS_SD),
  cross(['rcp', 'rsqrt'], ['ps', 'ss']),
  cross(['and', 'andn', 'or', 'xor', 'unpckl', 'unpckh', 'hadd', 'hsub', 'addsub', 'movmsk'], ['ps', 'pd']),
  cross(['comi', 'ucomi'], ['ss', 'sd']),
  cross(SSE_CMP_PREDICATES.map((p) => `cmp${p}`), PS_PD_SS_SD),
  'movss,movaps,movapd,movups,movupd,movdqa,movdqu,movd,movq,movhps,movlps,movhpd,movlpd,movhlps,movlhps',
  'movntps,movntpd,movntdq,movntdqa,maskmovdqu,movshdup,movsldup,movddup,lddqu',
  sfx('cvtsi2ss,cvtsi2sd,cvtss2si,cvtsd2si,cvttss2si,cvttsd2si', LQ),
  'cvtss2sd,cvtsd2ss,cvtps2pd,cvtpd2ps,cvtdq2ps,cvtps2dq,cvttps2dq,cvtdq2pd,cvtpd2dq,cvttpd2dq',
  cross(['padd', 'psub'], ['b', 'w', 'd', 'q']),
  cross(['padds', 'psubs', 'paddus', 'psubus', 'pavg'], ['b', 'w']),
  'pmullw,pmulld,pmulhw,pmulhuw,pmuludq,pmuldq,pmaddwd,pmaddubsw,pmulhrsw,psadbw,phminposuw',
  cross(['pmins', 'pmaxs', 'pminu', 'pmaxu'], ['b', 'w', 'd']),
  cross(['pabs', 'psign'], ['b', 'w', 'd']),
  'pand,pandn,por,pxor,ptest,pmovmskb,pshufb',
  cross(['psll', 'psrl'], ['w', 'd', 'q']),
  'psraw,psrad,pslldq,psrldq',
  cross(['pcmpeq', 'pcmpgt'], ['b', 'w', 'd', 'q']),
  'packsswb,packssdw,packuswb,packusdw',
  cross(['punpckl', 'punpckh'], ['bw', 'wd', 'dq', 'qdq']),
  cross(['phadd', 'phsub'], ['w', 'd', 'sw']),
  cross(['pmovsx', 'pmovzx'], ['bw', 'bd', 'bq', 'wd', 'wq', 'dq']),
  'aesenc,aesenclast,aesdec,aesdeclast,aesimc',
].join(',');

/** Legacy-SSE/MMX instructions with no VEX form. */
const SSE_ONLY = [
  'maskmovq,movq2dq,movdq2q,movntq,cvtpi2ps,cvtps2pi,cvttps2pi,cvtpi2pd,cvtpd2pi,cvttpd2pi',
  sfx('movnti', LQ),
  'sha1msg1,sha1msg2,sha1nexte,sha256msg1,sha256msg2',
].join(',');

/** SSE instructions with an immediate: three operands (AVX forms take one more). */
const SSE3 = [
  'cmpss,cmpps,cmppd,shufps,shufpd,blendps,blendpd,roundss,roundsd,roundps,roundpd,dpps,dppd,insertps,extractps',
  'pshufd,pshufhw,pshuflw,palignr,pinsrb,pinsrw,pinsrd,pinsrq,pextrb,pextrw,pextrd,pextrq,pblendw,mpsadbw',
  'pclmulqdq,pcmpestri,pcmpestrm,pcmpistri,pcmpistrm,aeskeygenassist',
].join(',');

/** SSE4.1 variable blends: the implicit %xmm0 may be written. */
const SSE_BLENDV = 'blendvps,blendvpd,pblendvb';

function vex(names: string): string {
  return names
    .split(',')
    .map((n) => `v${n}`)
    .join(',');
}

const FMA = cross(
  ['vfmadd', 'vfmsub', 'vfnmadd', 'vfnmsub'].flatMap((p) => ['132', '213', '231'].map((o) => p + o)),
  PS_PD_SS_SD,
);
const FMA_ADDSUB = cross(['vfmaddsub', 'vfmsubadd'].flatMap((p) => ['132', '213', '231'].map((o) => p + o)), ['ps', 'pd']);

/** AVX comparison predicates (the first eight are SSE's). */
const AVX_CMP = cross(
  [
    ...SSE_CMP_PREDICATES, 'eq_uq', 'nge', 'ngt', 'false', 'neq_oq', 'ge', 'gt', 'true', 'eq_os', 'lt_oq', 'le_oq',
    'unord_s', 'neq_us', 'nlt_uq', 'nle_uq', 'ord_s', 'eq_us', 'nge_uq', 'ngt_uq', 'false_os', 'neq_os', 'ge_oq',
    'gt_oq', 'true_us',
  ].map((p) => `vcmp${p}`),
  PS_PD_SS_SD,
);

/** AVX-512 additions (their operand counts vary with masking and immediates: 2 to 4). */
const AVX512 = [
  cross(['vrndscale', 'vreduce', 'vrange', 'vgetexp', 'vgetmant', 'vscalef', 'vfixupimm', 'vrcp14', 'vrsqrt14', 'vfpclass'], PS_PD_SS_SD),
  sfx('vfpclassps,vfpclasspd', ['x', 'y', 'z']),
  cross(['vpermt2', 'vpermi2'], ['b', 'w', 'ps', 'pd']),
  'vpermb,vpermw,vpmultishiftqb,vdbpsadbw,vpabsq,vpsraq,vpsravw,vpsllvw,vpsrlvw,vpmullq',
  'vpminsq,vpmaxsq,vpminuq,vpmaxuq,vpxord,vpxorq,vpandd,vpandq,vpandnd,vpandnq,vpord,vporq',
  cross(['vpmov', 'vpmovs', 'vpmovus'], ['qb', 'qw', 'qd', 'db', 'dw', 'wb']),
  'vpmovm2b,vpmovm2w,vpmovm2d,vpmovm2q,vpmovb2m,vpmovw2m,vpmovd2m,vpmovq2m',
  cross(['vpcompress', 'vpexpand', 'vpopcnt', 'vptestm', 'vptestnm', 'vpblendm'], ['b', 'w', 'd', 'q']),
  cross(['vpconflict', 'vplzcnt', 'vprol', 'vpror', 'vprolv', 'vprorv'], ['d', 'q']),
  cross(['vpshld', 'vpshrd', 'vpshldv', 'vpshrdv'], ['w', 'd', 'q']),
  'vcompressps,vcompresspd,vexpandps,vexpandpd,valignd,valignq,vblendmps,vblendmpd',
  cross(['vshuff', 'vshufi'], ['32x4', '64x2']),
  cross(['vinsertf', 'vinserti', 'vextractf', 'vextracti', 'vbroadcastf', 'vbroadcasti'], ['32x4', '64x2', '32x8', '64x4']),
  'vbroadcastf32x2,vbroadcasti32x2',
  'vpbroadcastmb2q,vpbroadcastmw2d',
  'vcvtps2udq,vcvttps2udq,vcvtps2qq,vcvttps2qq,vcvtps2uqq,vcvttps2uqq,vcvtpd2qq,vcvttpd2qq,vcvtpd2uqq,vcvttpd2uqq',
  'vcvtudq2ps,vcvtudq2pd,vcvtqq2pd,vcvtuqq2pd',
  sfx('vcvtqq2ps,vcvtuqq2ps', ['x', 'y']),
  cross(['vpcmp', 'vpcmpeq', 'vpcmplt', 'vpcmple', 'vpcmpneq', 'vpcmpnlt', 'vpcmpnle'], ['b', 'w', 'd', 'q', 'ub', 'uw', 'ud', 'uq']),
  cross(['vscatterd', 'vscatterq'], ['ps', 'pd']),
  cross(['vpscatterd', 'vpscatterq'], ['d', 'q']),
  'vpdpbusd,vpdpbusds,vpdpwssd,vpdpwssds',
  cross(['kshiftl', 'kshiftr'], ['b', 'w', 'd', 'q']),
  'kunpckbw,kunpckwd,kunpckdq',
].join(',');

const VECTOR = `
${SSE2} 2
movsd 0-2
cmpsd 0-3
${SSE3} 3
${SSE_ONLY} 2
pshufw,sha1rnds4 3
${SSE_BLENDV} 2-3
${vex(SSE2)},vmovsd 2-3
${vex(SSE3)},vcmpsd 3-4
${vex(SSE_BLENDV)} 4
${sfx('vcvtsi2ss,vcvtsi2sd,vcvtusi2ss,vcvtusi2sd', LQ)} 3
${sfx('vcvtpd2dq,vcvtpd2ps,vcvttpd2dq,vcvtpd2udq,vcvttpd2udq', ['x', 'y'])} 2
${sfx('vcvtss2usi,vcvtsd2usi,vcvttss2usi,vcvttsd2usi', LQ)} 2
vbroadcastss,vbroadcastsd,vbroadcastf128,vbroadcasti128,vpbroadcastb,vpbroadcastw,vpbroadcastd,vpbroadcastq 2
vbroadcastf32x4,vbroadcasti32x4,vbroadcastf64x4,vbroadcasti64x4 2
vinsertf128,vinserti128,vperm2f128,vperm2i128,vpblendd,vinsertf32x4,vinserti32x4,vinsertf64x4,vinserti64x4 4
vextractf128,vextracti128,vpermq,vpermpd,vextractf32x4,vextracti32x4,vextractf64x4,vextracti64x4 3
vpermd,vpermps,vpermilps,vpermilpd,vpermi2d,vpermi2q,vpermt2d,vpermt2q,vpermi2ps,vpermi2pd,vpermt2ps,vpermt2pd 3
vmaskmovps,vmaskmovpd,vpmaskmovd,vpmaskmovq 3
vpsllvd,vpsllvq,vpsrlvd,vpsrlvq,vpsravd,vpsravq 3
vgatherdps,vgatherdpd,vgatherqps,vgatherqpd,vpgatherdd,vpgatherdq,vpgatherqd,vpgatherqq 2-3
vtestps,vtestpd,vcvtph2ps 2
vcvtps2ph 3
${FMA},${FMA_ADDSUB} 3
vpternlogd,vpternlogq 4
${AVX512} 2-4
${AVX_CMP} 3
${vex('cmpss,cmpps,cmppd')},vcmpsd 3-4
vmovdqa32,vmovdqa64,vmovdqu8,vmovdqu16,vmovdqu32,vmovdqu64 2
${cross(['kmov', 'knot', 'kortest', 'ktest'], ['b', 'w', 'd', 'q'])} 2
${cross(['kand', 'kandn', 'kor', 'kxor', 'kxnor', 'kadd'], ['b', 'w', 'd', 'q'])} 3
`;

// ---------------------------------------------------------------- x87

const X87 = `
fld1,fldz,fldpi,fldl2e,fldl2t,fldlg2,fldln2,fchs,fabs,fsqrt,fsin,fcos,fsincos,fptan,fpatan,f2xm1 0
fyl2x,fyl2xp1,fscale,fprem,fprem1,frndint,fxtract,ftst,fxam,fwait,wait,fninit,finit,fnclex,fclex 0
fdecstp,fincstp,fucompp,fcompp,fnop 0
${sfx('fld', ['s', 'l', 't'])},${sfx('fst', ['s', 'l'])},${sfx('fstp', ['s', 'l', 't'])} 1
${sfx('fild,fistp,fisttp', ['s', 'l', 'll', 'q'])},${sfx('fist', ['s', 'l'])} 1
fbld,fbstp,fldcw,fnstcw,fstcw,fldenv,fnstenv,fstenv,fnsave,fsave,frstor,ffree,ffreep 1
fnstsw,fstsw 0-1
fadd,fsub,fsubr,fmul,fdiv,fdivr 0-2
${cross(['fadd', 'fsub', 'fsubr', 'fmul', 'fdiv', 'fdivr', 'fcom', 'fcomp'], ['s', 'l'])} 1
faddp,fsubp,fsubrp,fmulp,fdivp,fdivrp 0-2
${sfx('fiadd,fisub,fisubr,fimul,fidiv,fidivr,ficom,ficomp', ['s', 'l'])} 1
fcom,fcomp,fucom,fucomp,fxch 0-1
fcomi,fcomip,fucomi,fucomip 0-2
fcmovb,fcmove,fcmovbe,fcmovu,fcmovnb,fcmovne,fcmovnbe,fcmovnu 1-2
`;

const INSTRUCTIONS = defineInstructions(INTEGER + VECTOR + X87);

/** Flows whose operand is a code address rather than data: a bare expression there is a target, not memory. */
const TARGET_FLOWS: ReadonlySet<FlowKind> = new Set(['jump', 'call', 'branch']);

/** True when a bare expression operand of this mnemonic names a code address (jmp, call, jcc, loop). */
export function takesCodeTarget(mnemonic: string): boolean {
  const syntax = INSTRUCTIONS.get(mnemonic);
  return syntax !== undefined && TARGET_FLOWS.has(syntax.flow);
}

/** True for the instructions that accept an indirect `*` operand. */
export function takesIndirectOperand(mnemonic: string): boolean {
  const flow = INSTRUCTIONS.get(mnemonic)?.flow;
  return flow === 'jump' || flow === 'call' || flow === 'indirect-jump' || flow === 'indirect-call';
}

function directTarget(ins: InstructionStatement): Expr | undefined {
  const op = ins.operands[0];
  return op?.kind === 'expr' ? op.expr : undefined;
}

export const X86_64: IsaDescription = {
  isa: 'x86_64',
  registers: X86_REGISTERS,
  instructions: INSTRUCTIONS,
  lookup: (m) => INSTRUCTIONS.get(m),
  control(ins): ControlInfo {
    const syntax = INSTRUCTIONS.get(ins.mnemonic);
    if (!syntax) return { kind: 'fallthrough' };
    switch (syntax.flow) {
      case 'jump':
      case 'call': {
        // `jmp label` / `call f` are direct; `jmp *%rax`, `call *8(%rax)` (or gas's
        // star-less `jmp %rax`, which it accepts with a warning) are indirect.
        const target = directTarget(ins);
        if (target === undefined) return { kind: syntax.flow === 'jump' ? 'indirect-jump' : 'indirect-call' };
        return { kind: syntax.flow, target };
      }
      case 'branch': {
        const target = directTarget(ins);
        return { kind: 'branch', ...(target ? { target } : {}) };
      }
      default:
        return { kind: syntax.flow };
    }
  },
};
