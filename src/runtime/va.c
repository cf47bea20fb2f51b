/*
 * transpile's variadic runtime for AArch64 code translated to RISC-V64 (LP64D).
 *
 * Compiled by scripts/gen-runtime.mjs (riscv64-linux-gnu-gcc -O2 -S) into
 * src/runtime/va-riscv64.generated.ts; the emitter appends that text to an
 * output file that calls one of the wrappers below. Everything here is
 * static (local symbols), so two translated files can be linked together.
 *
 * The problem: the translated program keeps AArch64's data layout, so a
 * va_list it builds (va_start) is AArch64's 32-byte structure, and a printf
 * whose format is only known at run time receives its variadic arguments the
 * AArch64 way (integers in x1-x7, doubles in v0-v7, the rest on the stack).
 * The RISC-V C library expects LP64D's va_list: a pointer to consecutive
 * 8-byte argument slots. Which slot comes from where depends on the format
 * string, so the conversion happens here, at run time, driven by the format.
 *
 * Calling convention of every wrapper: the translator's local one (AArch64
 * registers mapped 1:1: x0-x7 in a0-a7, the low 64 bits of v0-v7 in
 * fa0-fa7, sp is AArch64's sp). For the v* wrappers every argument is a
 * pointer or a 64-bit integer, where that convention and LP64D agree, so
 * they are plain C functions whose narrow parameters are declared 64 bits
 * wide and narrowed here (AArch64 leaves the upper bits of an int argument
 * undefined; LP64D wants them sign-extended). The printf-family wrappers
 * need the incoming registers and sp themselves: a short assembly stub
 * (below) saves them and calls C.
 *
 * Anything this reader cannot place exactly (long double `L`, positional
 * `%n$` arguments, an unknown conversion, more than TP_MAX_ARGS arguments)
 * stops the program with a message instead of guessing.
 */
#define _GNU_SOURCE /* vasprintf */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* LP64D: va_list is one pointer to 8-byte slots (RISC-V psABI). */
_Static_assert(sizeof(va_list) == sizeof(void *), "LP64D va_list is a pointer");

#define TP_MAX_ARGS 64

/* AArch64's va_list (AAPCS64 appendix B). */
struct tp_a64_va_list {
  char *stack;   /* next stack argument (8-byte slots) */
  char *gr_top;  /* end of the saved general registers */
  char *vr_top;  /* end of the saved FP/SIMD registers (16 bytes each) */
  int gr_offs;   /* negative while saved general registers remain */
  int vr_offs;   /* negative while saved FP/SIMD registers remain */
};

/* Stops the program: the format asks for something this runtime does not place. */
__attribute__((noreturn)) static void __tp_rt_refuse(const char *why) {
  static const char head[] = "transpile runtime: ";
  const char *p = why;
  while (*p) p++;
  (void)!write(2, head, sizeof head - 1);
  (void)!write(2, why, (size_t)(p - why));
  (void)!write(2, "\n", 1);
  abort();
}

/* va_arg(ap, <integer or pointer>) the AArch64 way: the whole 8-byte slot. */
static uint64_t __tp_rt_next_int(struct tp_a64_va_list *ap) {
  uint64_t v;
  if (ap->gr_offs < 0) {
    v = *(const uint64_t *)(ap->gr_top + ap->gr_offs);
    ap->gr_offs += 8;
  } else {
    v = *(const uint64_t *)ap->stack;
    ap->stack += 8;
  }
  return v;
}

/* va_arg(ap, double) the AArch64 way: the low 8 bytes of a 16-byte register slot, or a stack slot. */
static uint64_t __tp_rt_next_double(struct tp_a64_va_list *ap) {
  uint64_t v;
  if (ap->vr_offs < 0) {
    v = *(const uint64_t *)(ap->vr_top + ap->vr_offs);
    ap->vr_offs += 16;
  } else {
    v = *(const uint64_t *)ap->stack;
    ap->stack += 8;
  }
  return v;
}

/* The converted argument list: LP64D slots, in order. */
struct tp_slots {
  uint64_t slot[TP_MAX_ARGS];
  int count;
};

static void __tp_rt_put(struct tp_slots *out, uint64_t v) {
  if (out->count >= TP_MAX_ARGS) __tp_rt_refuse("more than 64 variadic arguments");
  out->slot[out->count++] = v;
}

static int __tp_rt_is_digit(char c) { return c >= '0' && c <= '9'; }

/* A positional argument (`%2$d`, `%*3$d`) starts at p: digits followed by '$'. */
static void __tp_rt_no_positional(const char *p) {
  const char *q = p;
  while (__tp_rt_is_digit(*q)) q++;
  if (q != p && *q == '$') __tp_rt_refuse("positional arguments (%n$) are not supported");
}

/*
 * printf family: every conversion in order, each taking what it consumes from
 * the AArch64 list: `*` width and precision an int; d i o u x X c p s n b B C S
 * an integer or pointer; a A e E f F g G a double (`L`, long double, refused);
 * `%%` and `%m` nothing.
 */
static void __tp_rt_convert_printf(const char *fmt, struct tp_a64_va_list *ap, struct tp_slots *out) {
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') continue;
    p++;
    if (*p == '%') continue;
    __tp_rt_no_positional(p);
    while (*p == '-' || *p == '+' || *p == ' ' || *p == '#' || *p == '0' || *p == '\'' || *p == 'I') p++;
    if (*p == '*') {
      p++;
      __tp_rt_no_positional(p);
      __tp_rt_put(out, __tp_rt_next_int(ap));
    } else
      while (__tp_rt_is_digit(*p)) p++;
    if (*p == '.') {
      p++;
      if (*p == '*') {
        p++;
        __tp_rt_no_positional(p);
        __tp_rt_put(out, __tp_rt_next_int(ap));
      } else
        while (__tp_rt_is_digit(*p)) p++;
    }
    int long_double = 0;
    while (*p == 'h' || *p == 'l' || *p == 'q' || *p == 'j' || *p == 'z' || *p == 't' || *p == 'L') {
      if (*p == 'L') long_double = 1;
      p++;
    }
    switch (*p) {
    case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'c': case 'p': case 's': case 'n':
    case 'b': case 'B': case 'C': case 'S':
      __tp_rt_put(out, __tp_rt_next_int(ap));
      break;
    case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      if (long_double) __tp_rt_refuse("long double arguments (%L) are not supported");
      __tp_rt_put(out, __tp_rt_next_double(ap));
      break;
    case 'm':
      break;
    case '\0':
      return; /* a lone '%' at the end: the C library prints nothing for it and reads nothing */
    default:
      __tp_rt_refuse("unknown printf conversion");
    }
  }
}

/*
 * scanf family: every conversion except `%%` and assignment-suppressed ones
 * (`%*d`) takes a pointer, `%[...]` scansets and `%n` included.
 */
static void __tp_rt_convert_scanf(const char *fmt, struct tp_a64_va_list *ap, struct tp_slots *out) {
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') continue;
    p++;
    if (*p == '%') continue;
    __tp_rt_no_positional(p);
    int suppressed = 0;
    if (*p == '*') {
      suppressed = 1;
      p++;
    }
    while (__tp_rt_is_digit(*p)) p++;
    while (*p == 'm' || *p == 'a' || *p == 'h' || *p == 'l' || *p == 'q' || *p == 'j' || *p == 'z' || *p == 't' || *p == 'L') {
      /* 'a' is glibc's old allocation modifier only before s, S or [ */
      if (*p == 'a' && p[1] != 's' && p[1] != 'S' && p[1] != '[') break;
      p++;
    }
    if (*p == '\0') return;
    if (*p == '[') {
      p++;
      if (*p == '^') p++;
      if (*p == ']') p++;
      while (*p && *p != ']') p++;
      if (*p == '\0') return; /* unterminated: the C library stops here too */
    } else {
      switch (*p) {
      case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': case 'a': case 'A': case 'e': case 'E':
      case 'f': case 'F': case 'g': case 'G': case 's': case 'S': case 'c': case 'C': case 'p': case 'n':
        break;
      default:
        __tp_rt_refuse("unknown scanf conversion");
      }
    }
    if (!suppressed) __tp_rt_put(out, __tp_rt_next_int(ap));
  }
}

/* An LP64D va_list over the converted slots. */
static void __tp_rt_rv_va_list(va_list *rv, struct tp_slots *s) {
  void *base = s->slot;
  __builtin_memcpy(rv, &base, sizeof base);
}

/* Converts an AArch64 va_list (read through a copy: the caller's stays as it was). */
static void __tp_rt_convert(int scanf_like, const char *fmt, const struct tp_a64_va_list *ap, struct tp_slots *out) {
  struct tp_a64_va_list copy = *ap;
  out->count = 0;
  if (scanf_like) __tp_rt_convert_scanf(fmt, &copy, out);
  else __tp_rt_convert_printf(fmt, &copy, out);
}

/* ---- v* wrappers: the AArch64 va_list arrives by address (AAPCS64 passes the 32-byte struct by reference). */

#define TP_WRAPPER __attribute__((used, noinline))

TP_WRAPPER static long __tp_rt_vprintf(const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(0, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vprintf(fmt, rv);
}

TP_WRAPPER static long __tp_rt_vfprintf(FILE *f, const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(0, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vfprintf(f, fmt, rv);
}

TP_WRAPPER static long __tp_rt_vsprintf(char *buf, const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(0, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vsprintf(buf, fmt, rv);
}

TP_WRAPPER static long __tp_rt_vsnprintf(char *buf, unsigned long n, const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(0, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vsnprintf(buf, n, fmt, rv);
}

TP_WRAPPER static long __tp_rt_vdprintf(long fd, const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(0, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vdprintf((int)fd, fmt, rv);
}

TP_WRAPPER static long __tp_rt_vasprintf(char **out, const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(0, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vasprintf(out, fmt, rv);
}

TP_WRAPPER static long __tp_rt_vscanf(const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(1, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vscanf(fmt, rv);
}

TP_WRAPPER static long __tp_rt_vsscanf(const char *str, const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(1, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vsscanf(str, fmt, rv);
}

TP_WRAPPER static long __tp_rt_vfscanf(FILE *f, const char *fmt, const struct tp_a64_va_list *ap) {
  struct tp_slots s;
  va_list rv;
  __tp_rt_convert(1, fmt, ap, &s);
  __tp_rt_rv_va_list(&rv, &s);
  return vfscanf(f, fmt, rv);
}

/* ---- printf family with a format known only at run time. */

/* What the entry stubs save: AArch64's argument registers x0-x7 and d0-d7, and sp at the call. */
struct tp_a64_args {
  uint64_t x[8];
  uint64_t d[8];
  char *stack;
};

enum { TP_PRINTF, TP_FPRINTF, TP_SPRINTF, TP_SNPRINTF, TP_DPRINTF };

/*
 * Builds the AArch64 va_list a variadic AArch64 function would build with
 * va_start after `named` integer arguments (and no FP ones): saved general
 * registers x[named..7], all of d0-d7 in 16-byte slots, then the stack.
 */
TP_WRAPPER static long __tp_rt_printf_family(struct tp_a64_args *r, long which) {
  uint64_t vr[16];
  for (int k = 0; k < 8; k++) {
    vr[2 * k] = r->d[k];
    vr[2 * k + 1] = 0;
  }
  int named = which == TP_PRINTF ? 1 : which == TP_SNPRINTF ? 3 : 2;
  struct tp_a64_va_list ap = {
    .stack = r->stack,
    .gr_top = (char *)&r->x[8],
    .vr_top = (char *)&vr[16],
    .gr_offs = -8 * (8 - named),
    .vr_offs = -16 * 8,
  };
  switch (which) {
  case TP_PRINTF: return __tp_rt_vprintf((const char *)r->x[0], &ap);
  case TP_FPRINTF: return __tp_rt_vfprintf((FILE *)r->x[0], (const char *)r->x[1], &ap);
  case TP_SPRINTF: return __tp_rt_vsprintf((char *)r->x[0], (const char *)r->x[1], &ap);
  case TP_SNPRINTF: return __tp_rt_vsnprintf((char *)r->x[0], r->x[1], (const char *)r->x[2], &ap);
  default: return __tp_rt_vdprintf((long)r->x[0], (const char *)r->x[1], &ap);
  }
}

/*
 * Entry stubs of the printf family (the only hand-written assembly): save
 * a0-a7 and fa0-fa7 (x0-x7, d0-d7 under the local convention) and the
 * incoming sp (where AArch64 put the stack arguments) in a struct
 * tp_a64_args on the stack, then call __tp_rt_printf_family(&args, which). The
 * frame is 16 * 8 + 8 + 8 (ra) = 144 bytes, rounded to 160; sp stays
 * 16-byte aligned.
 */
#define TP_ENTRY(name, which)                                                                  \
  __asm__("\t.text\n\t.p2align 2\n\t.type " #name ", @function\n" #name ":\n"                 \
          "\taddi sp, sp, -160\n\tsd ra, 136(sp)\n"                                            \
          "\tsd a0, 0(sp)\n\tsd a1, 8(sp)\n\tsd a2, 16(sp)\n\tsd a3, 24(sp)\n"                   \
          "\tsd a4, 32(sp)\n\tsd a5, 40(sp)\n\tsd a6, 48(sp)\n\tsd a7, 56(sp)\n"                 \
          "\tfsd fa0, 64(sp)\n\tfsd fa1, 72(sp)\n\tfsd fa2, 80(sp)\n\tfsd fa3, 88(sp)\n"         \
          "\tfsd fa4, 96(sp)\n\tfsd fa5, 104(sp)\n\tfsd fa6, 112(sp)\n\tfsd fa7, 120(sp)\n"      \
          "\taddi t0, sp, 160\n\tsd t0, 128(sp)\n"                                             \
          "\tmv a0, sp\n\tli a1, " #which "\n\tcall __tp_rt_printf_family\n"                         \
          "\tld ra, 136(sp)\n\taddi sp, sp, 160\n\tret\n"                                      \
          "\t.size " #name ", .-" #name "\n")

_Static_assert(TP_PRINTF == 0 && TP_FPRINTF == 1 && TP_SPRINTF == 2 && TP_SNPRINTF == 3 && TP_DPRINTF == 4, "stub numbers");
TP_ENTRY(__tp_rt_printf, 0);
TP_ENTRY(__tp_rt_fprintf, 1);
TP_ENTRY(__tp_rt_sprintf, 2);
TP_ENTRY(__tp_rt_snprintf, 3);
TP_ENTRY(__tp_rt_dprintf, 4);
