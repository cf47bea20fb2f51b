// The assembler directives the front ends accept, and how their arguments are read.

/** Directives whose arguments are kept as written: they are not expressions (`.arch armv8-a+crc`). */
export const RAW_ARGUMENT_DIRECTIVES = new Set([
  '.arch', '.arch_extension', '.cpu', '.fpu', '.loc', '.file', '.option', '.symver', '.cfi_sections',
]);

/** Directives whose first argument is a section name, read verbatim up to the first comma. */
export const SECTION_NAME_DIRECTIVES = new Set(['.section', '.pushsection']);

const KNOWN = [
  // data
  '.byte', '.2byte', '.4byte', '.8byte', '.hword', '.half', '.short', '.value', '.word', '.long', '.int', '.quad', '.dword', '.xword',
  '.octa', '.zero', '.skip', '.space', '.fill', '.string', '.asciz', '.ascii', '.float', '.single', '.double',
  '.uleb128', '.sleb128', '.inst', '.reloc', '.nops', '.org',
  // sections
  '.section', '.pushsection', '.popsection', '.previous', '.subsection', '.text', '.data', '.bss',
  // symbols
  '.globl', '.global', '.local', '.weak', '.weakref', '.hidden', '.protected', '.internal', '.type', '.size',
  '.set', '.equ', '.equiv', '.comm', '.lcomm', '.symver', '.variant_pcs',
  // alignment
  '.align', '.balign', '.balignw', '.balignl', '.p2align', '.p2alignw', '.p2alignl',
  // meta
  '.file', '.loc', '.ident', '.option', '.attribute', '.arch', '.arch_extension', '.cpu', '.fpu', '.addrsig',
  '.addrsig_sym', '.end', '.code64', '.att_syntax', '.note', '.tlsdesccall', '.ltorg', '.pool',
  // call frame information
  '.cfi_startproc', '.cfi_endproc', '.cfi_def_cfa', '.cfi_def_cfa_offset', '.cfi_def_cfa_register', '.cfi_offset',
  '.cfi_rel_offset', '.cfi_restore', '.cfi_remember_state', '.cfi_restore_state', '.cfi_adjust_cfa_offset',
  '.cfi_escape', '.cfi_personality', '.cfi_lsda', '.cfi_register', '.cfi_same_value', '.cfi_undefined',
  '.cfi_return_column', '.cfi_signal_frame', '.cfi_window_save', '.cfi_negate_ra_state', '.cfi_b_key_frame',
  '.cfi_sections', '.cfi_val_offset', '.cfi_mte_tagged_frame',
];

export const KNOWN_DIRECTIVES = new Set(KNOWN);

/** Directives that change meaning in ways the pipeline cannot follow; named so the error says why. */
export const UNSUPPORTED_DIRECTIVES: Record<string, string> = {
  '.intel_syntax': 'Intel syntax is not supported; use AT&T syntax (gcc -masm=att, the default)',
  '.macro': 'assembler macros are not supported; expand them first (gcc -E, or as -a)',
  '.rept': 'repeat blocks are not supported; expand them first',
  '.irp': 'repeat blocks are not supported; expand them first',
  '.if': 'conditional assembly is not supported; preprocess the file first',
  '.ifdef': 'conditional assembly is not supported; preprocess the file first',
  '.ifndef': 'conditional assembly is not supported; preprocess the file first',
  '.include': 'included files are not supported; pass the combined text',
  '.incbin': 'binary includes are not supported',
  '.code32': '32-bit code is not supported',
  '.code16': '16-bit code is not supported',
};
