/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Freestanding printf: the conversions, flags and modifiers listed in
 * <klib/printf.h>, no floating point.  One formatter writes either to a
 * caller's character sink (kvformat) or straight into a bounded buffer
 * (vsnprintf), so the common snprintf path makes no indirect call per
 * character.
 *
 * A conversion is parsed into a `struct spec`, then printed as
 *   [pad] [sign or 0x prefix] [zeros] digits [pad]
 * with the C99 rules for how flags, width and precision interact.  Field
 * widths and precisions are capped at FMT_MAX_WIDTH, so a bad format or a
 * garbage '*' argument cannot stall the console for billions of characters.
 */
#include <klib/compiler.h>
#include <klib/printf.h>
#include <klib/string.h>

#define FMT_MAX_WIDTH 4096

enum {
	F_LEFT = 1 << 0,  /* '-' */
	F_ZERO = 1 << 1,  /* '0' */
	F_PLUS = 1 << 2,  /* '+' */
	F_SPACE = 1 << 3, /* ' ' */
	F_ALT = 1 << 4,	  /* '#' */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	unsigned flags;
	int width;
	int prec; /* -1: none given */
	enum length len;
};

/* Where output goes: a sink, or else buf (at most size - 1 characters). */
struct out {
	kfmt_sink sink;
	void *ctx;
	char *buf;
	size_t size;
	size_t len; /* characters produced so far, stored or not */
};

static void put(struct out *o, char c)
{
	if (o->sink)
		o->sink(o->ctx, c);
	else if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_n(struct out *o, char c, int n)
{
	for (; n > 0; n--)
		put(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
	for (; n; n--)
		put(o, *s++);
}

/* Parse a decimal field at *fmt, saturating at FMT_MAX_WIDTH. */
static int parse_num(const char **fmt)
{
	int v = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++)
		if (v <= FMT_MAX_WIDTH)
			v = v * 10 + (**fmt - '0');
	return MIN(v, FMT_MAX_WIDTH);
}

static int clamp_width(int v)
{
	return MIN(v, FMT_MAX_WIDTH);
}

static unsigned parse_flags(const char **fmt)
{
	unsigned flags = 0;

	for (;; (*fmt)++) {
		switch (**fmt) {
		case '-':
			flags |= F_LEFT;
			break;
		case '0':
			flags |= F_ZERO;
			break;
		case '+':
			flags |= F_PLUS;
			break;
		case ' ':
			flags |= F_SPACE;
			break;
		case '#':
			flags |= F_ALT;
			break;
		default:
			return flags;
		}
	}
}

/* A '*' width: negative means '-' plus the absolute value. */
static void star_width(struct spec *sp, int w)
{
	if (w < 0) {
		sp->flags |= F_LEFT;
		sp->width = w < -FMT_MAX_WIDTH ? FMT_MAX_WIDTH : -w;
	} else {
		sp->width = clamp_width(w);
	}
}

static enum length parse_length(const char **fmt)
{
	const char *f = *fmt;
	enum length len;

	switch (*f) {
	case 'h':
		len = f[1] == 'h' ? LEN_HH : LEN_H;
		break;
	case 'l':
		len = f[1] == 'l' ? LEN_LL : LEN_L;
		break;
	case 'z':
		len = LEN_Z;
		break;
	case 't':
		len = LEN_T;
		break;
	case 'j':
		len = LEN_J;
		break;
	default:
		return LEN_NONE;
	}
	*fmt += (len == LEN_HH || len == LEN_LL) ? 2 : 1;
	return len;
}

/* Parse flags, width, precision and length after a '%'; *fmt is left on
 * the conversion character. */
static void parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
	sp->flags = parse_flags(fmt);
	sp->width = 0;
	sp->prec = -1;
	if (**fmt == '*') {
		(*fmt)++;
		star_width(sp, va_arg(*ap, int));
	} else {
		sp->width = parse_num(fmt);
	}
	if (**fmt == '.') {
		(*fmt)++;
		if (**fmt == '*') {
			int p = va_arg(*ap, int);

			(*fmt)++;
			sp->prec = p < 0 ? -1 : clamp_width(p);
		} else {
			sp->prec = parse_num(fmt);
		}
	}
	sp->len = parse_length(fmt);
}

static long long arg_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
		return va_arg(*ap, ssize_t);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	case LEN_NONE:
		break;
	}
	return va_arg(*ap, int);
}

static unsigned long long arg_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	case LEN_NONE:
		break;
	}
	return va_arg(*ap, unsigned);
}

/* Write v's digits backwards from the end of buf; return how many. */
static int to_digits(char *end, unsigned long long v, unsigned base, bool upper)
{
	const char *xdigits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		*--end = xdigits[v % base];
		v /= base;
		n++;
	} while (v);
	return n;
}

/* Print an integer conversion: v in `base` behind `prefix` ("-", "0x"...). */
static void fmt_int(struct out *o, const struct spec *sp, unsigned long long v, unsigned base,
		    bool upper, const char *prefix)
{
	char buf[24]; /* 22 octal digits for 2^64 - 1 */
	char *end = buf + sizeof(buf);
	int ndig = to_digits(end, v, base, upper);
	int plen = (int)strlen(prefix);
	int zeros, pad;

	if (v == 0 && sp->prec == 0)
		ndig = 0;
	zeros = sp->prec > ndig ? sp->prec - ndig : 0;
	/* '#' with %o: make the first digit a zero, if it is not already. */
	if (base == 8 && (sp->flags & F_ALT) && zeros == 0 && (ndig == 0 || end[-ndig] != '0'))
		zeros = 1;
	pad = sp->width - (plen + zeros + ndig);
	if ((sp->flags & (F_ZERO | F_LEFT)) == F_ZERO && sp->prec < 0 && pad > 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & F_LEFT))
		put_n(o, ' ', pad);
	put_str(o, prefix, (size_t)plen);
	put_n(o, '0', zeros);
	put_str(o, end - ndig, (size_t)ndig);
	if (sp->flags & F_LEFT)
		put_n(o, ' ', pad);
}

static const char *sign_prefix(unsigned flags, bool negative)
{
	if (negative)
		return "-";
	if (flags & F_PLUS)
		return "+";
	if (flags & F_SPACE)
		return " ";
	return "";
}

static void fmt_signed(struct out *o, const struct spec *sp, long long v)
{
	/* Negate in unsigned arithmetic: -LLONG_MIN does not fit a long long. */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	fmt_int(o, sp, u, 10, false, sign_prefix(sp->flags, v < 0));
}

/* Text with width and (for %s) precision; '0' pads with spaces here. */
static void fmt_text(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	int pad = (size_t)sp->width > n ? sp->width - (int)n : 0;

	if (!(sp->flags & F_LEFT))
		put_n(o, ' ', pad);
	put_str(o, s, n);
	if (sp->flags & F_LEFT)
		put_n(o, ' ', pad);
}

static void fmt_string(struct out *o, const struct spec *sp, const char *s)
{
	size_t max = sp->prec < 0 ? (size_t)-1 : (size_t)sp->prec;

	if (!s)
		s = "(null)";
	fmt_text(o, sp, s, strnlen(s, max));
}

static void fmt_pointer(struct out *o, const struct spec *sp, const void *p)
{
	struct spec psp = {.flags = sp->flags & F_LEFT, .width = sp->width, .prec = 16};

	fmt_int(o, &psp, (uintptr_t)p, 16, false, "0x");
}

/* Print one conversion; returns false if `conv` is not one we know. */
static bool convert(struct out *o, char conv, const struct spec *sp, va_list *ap)
{
	bool alt = sp->flags & F_ALT;
	unsigned long long u;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		fmt_signed(o, sp, arg_signed(sp->len, ap));
		return true;
	case 'u':
		fmt_int(o, sp, arg_unsigned(sp->len, ap), 10, false, "");
		return true;
	case 'o':
		fmt_int(o, sp, arg_unsigned(sp->len, ap), 8, false, "");
		return true;
	case 'x':
	case 'X':
		u = arg_unsigned(sp->len, ap);
		fmt_int(o, sp, u, 16, conv == 'X', alt && u ? (conv == 'X' ? "0X" : "0x") : "");
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_text(o, sp, &c, 1);
		return true;
	case 's':
		fmt_string(o, sp, va_arg(*ap, const char *));
		return true;
	case 'p':
		fmt_pointer(o, sp, va_arg(*ap, const void *));
		return true;
	case '%':
		put(o, '%');
		return true;
	default:
		return false;
	}
}

static void format(struct out *o, const char *fmt, va_list *ap)
{
	while (*fmt) {
		const char *start = fmt;
		struct spec sp;

		if (*fmt != '%') {
			put(o, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &sp, ap);
		if (*fmt && convert(o, *fmt, &sp, ap)) {
			fmt++;
			continue;
		}
		/* Unknown or truncated conversion: print it as written (the
		 * loop goes on with the unknown character as plain text). */
		put_str(o, start, (size_t)(fmt - start));
	}
}

static int out_result(const struct out *o)
{
	return o->len > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)o->len;
}

int kvformat(kfmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = {.sink = sink, .ctx = ctx};
	va_list aq;

	va_copy(aq, ap);
	format(&o, fmt, &aq);
	va_end(aq);
	return out_result(&o);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {.buf = buf, .size = size};
	va_list aq;

	va_copy(aq, ap);
	format(&o, fmt, &aq);
	va_end(aq);
	if (size)
		buf[MIN(o.len, size - 1)] = '\0';
	return out_result(&o);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
