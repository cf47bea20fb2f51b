// The built-in C library table: prototypes of the libc and libgcc functions
// that translated code may call. The translator needs them at every external
// call because AArch64 (AAPCS64) and RISC-V (LP64D) disagree on narrow
// integer arguments (RISC-V wants 32-bit values sign-extended, AArch64
// leaves the upper bits unspecified) and on variadic floating-point
// arguments (RISC-V passes them in integer registers). Declarations are C
// text read by the same tree-sitter-c reader as `--headers`.
import type { CType, Prototype } from '../cfront/ctypes.js';
import { parsePrototypes } from '../cfront/prototypes.js';

const LIBC_DECLARATIONS = `
typedef long time_t;
int printf(const char *fmt, ...);
int fprintf(FILE *f, const char *fmt, ...);
int sprintf(char *s, const char *fmt, ...);
int snprintf(char *s, size_t n, const char *fmt, ...);
int dprintf(int fd, const char *fmt, ...);
int puts(const char *s);
int putchar(int c);
int putc(int c, FILE *f);
int fputc(int c, FILE *f);
int fputs(const char *s, FILE *f);
int getchar(void);
int fflush(FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);
void exit(int status);
void _exit(int status);
void abort(void);
int atexit(void (*f)(void));
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
char *strcat(char *d, const char *s);
char *strncat(char *d, const char *s, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
char *strdup(const char *s);
char *strtok(char *s, const char *d);
long strtol(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
double strtod(const char *s, char **end);
int atoi(const char *s);
long atol(const char *s);
int abs(int x);
long labs(long x);
int rand(void);
void srand(unsigned seed);
int toupper(int c);
int tolower(int c);
int isdigit(int c);
int isalpha(int c);
int isspace(int c);
int isalnum(int c);
int isupper(int c);
int islower(int c);
int isprint(int c);
int isxdigit(int c);
int ispunct(int c);
time_t time(time_t *t);
int *__errno_location(void);
void *alloca(size_t n);
double sqrt(double x);
float sqrtf(float x);
double fabs(double x);
float fabsf(float x);
double floor(double x);
float floorf(float x);
double ceil(double x);
float ceilf(float x);
double trunc(double x);
float truncf(float x);
double round(double x);
float roundf(float x);
double fma(double a, double b, double c);
float fmaf(float a, float b, float c);
double fmax(double a, double b);
double fmin(double a, double b);
float fmaxf(float a, float b);
float fminf(float a, float b);
double pow(double a, double b);
double exp(double x);
double log(double x);
double sin(double x);
double cos(double x);
double atan2(double y, double x);
double hypot(double x, double y);
double fmod(double a, double b);
double ldexp(double x, int e);
`;

/** Callback parameters of library functions that call back into translated code: (function, parameter index). */
export const CALLBACK_PARAMS: ReadonlyMap<string, number> = new Map([
  ['qsort', 3],
  ['bsearch', 4],
  ['atexit', 0],
]);

/** qsort/bsearch with parameter types the tree-sitter reader is given as plain pointers (callbacks are pointers). */
const EXTRA_DECLARATIONS = `
void qsort(void *base, size_t n, size_t size, void *cmp);
void *bsearch(const void *key, const void *base, size_t n, size_t size, void *cmp);
`;

const int128: CType = { kind: 'int', bits: 128, signed: true, name: '__int128' };
const uint128: CType = { kind: 'int', bits: 128, signed: false, name: 'unsigned __int128' };
const int32: CType = { kind: 'int', bits: 32, signed: true, name: 'int' };

/** libgcc helpers for 128-bit arithmetic (tree-sitter-c does not know __int128). */
const LIBGCC: Prototype[] = [
  { name: '__ashlti3', result: int128, params: [int128, int32], variadic: false },
  { name: '__ashrti3', result: int128, params: [int128, int32], variadic: false },
  { name: '__lshrti3', result: uint128, params: [uint128, int32], variadic: false },
  { name: '__multi3', result: int128, params: [int128, int128], variadic: false },
  { name: '__divti3', result: int128, params: [int128, int128], variadic: false },
  { name: '__modti3', result: int128, params: [int128, int128], variadic: false },
  { name: '__udivti3', result: uint128, params: [uint128, uint128], variadic: false },
  { name: '__umodti3', result: uint128, params: [uint128, uint128], variadic: false },
];

let table: Promise<Map<string, Prototype>> | undefined;

/** The built-in prototypes by function name. */
export function libcPrototypes(): Promise<Map<string, Prototype>> {
  table ??= (async () => {
    const protos = await parsePrototypes(LIBC_DECLARATIONS + EXTRA_DECLARATIONS, '<built-in libc table>');
    const map = new Map<string, Prototype>();
    for (const p of [...protos, ...LIBGCC]) map.set(p.name, p);
    return map;
  })();
  return table;
}

/** Library functions with a printf-style format: index of the format parameter. */
export const FORMAT_PARAM: ReadonlyMap<string, number> = new Map([
  ['printf', 0], ['fprintf', 1], ['sprintf', 1], ['snprintf', 2], ['dprintf', 1],
]);

/**
 * Library functions that take a `va_list` (vsnprintf and friends): index of
 * the format parameter and of the `va_list`. They have no prototype in the
 * table on purpose: AArch64 passes its 32-byte `va_list` structure by
 * reference and the RISC-V C library expects LP64D's pointer to argument
 * slots, so a plain call would be wrong. Calls to them go through the
 * runtime wrappers (src/runtime/va.c), which convert the list.
 */
export const VA_LIST_PARAM: ReadonlyMap<string, { format: number; vaList: number; wrapper: string }> = new Map([
  ['vprintf', { format: 0, vaList: 1, wrapper: 'vprintf' }],
  ['vfprintf', { format: 1, vaList: 2, wrapper: 'vfprintf' }],
  ['vsprintf', { format: 1, vaList: 2, wrapper: 'vsprintf' }],
  ['vsnprintf', { format: 2, vaList: 3, wrapper: 'vsnprintf' }],
  ['vdprintf', { format: 1, vaList: 2, wrapper: 'vdprintf' }],
  ['vasprintf', { format: 1, vaList: 2, wrapper: 'vasprintf' }],
  ['vscanf', { format: 0, vaList: 1, wrapper: 'vscanf' }],
  ['vsscanf', { format: 1, vaList: 2, wrapper: 'vsscanf' }],
  ['vfscanf', { format: 1, vaList: 2, wrapper: 'vfscanf' }],
  // glibc's headers call the ISO C99 scanf functions by these names; the wrappers call the same ones.
  ['__isoc99_vscanf', { format: 0, vaList: 1, wrapper: 'vscanf' }],
  ['__isoc99_vsscanf', { format: 1, vaList: 2, wrapper: 'vsscanf' }],
  ['__isoc99_vfscanf', { format: 1, vaList: 2, wrapper: 'vfscanf' }],
]);

/**
 * A runtime wrapper (src/runtime/va.c) that stands for a C library function
 * at a call the static lowering cannot place: called with the translator's
 * local convention (x0-x7 in a0-a7, the low 64 bits of v0-v7 in fa0-fa7,
 * sp unchanged), it reads `intArgs` integer registers from x0 on, `fpArgs`
 * FP registers from v0 on, and the stack arguments at sp when `stackArgs`.
 */
export interface RuntimeWrapper {
  wrapper: string;
  intArgs: number;
  fpArgs: number;
  stackArgs: boolean;
}

/** Prefix of every runtime symbol; the emitter appends the runtime when a target line calls one. */
export const RUNTIME_PREFIX = '__tp_rt_';

/**
 * The runtime wrapper for a callee: every `va_list` function above (its
 * arguments are integers and pointers, the list is read through x<vaList>),
 * and the printf family for formats known only at run time (all argument
 * registers and the stack: the format decides which are read).
 */
export function runtimeWrapperFor(callee: string): RuntimeWrapper | undefined {
  const va = VA_LIST_PARAM.get(callee);
  if (va) return { wrapper: `${RUNTIME_PREFIX}${va.wrapper}`, intArgs: va.vaList + 1, fpArgs: 0, stackArgs: false };
  if (FORMAT_PARAM.has(callee)) return { wrapper: `${RUNTIME_PREFIX}${callee}`, intArgs: 8, fpArgs: 8, stackArgs: true };
  return undefined;
}
