/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The C memory and string functions, plus kstrtoull.
 *
 * memcpy, memmove, memset and memcmp are hot, so they move a 64-bit word at
 * a time: byte steps until the destination is aligned, then words (loaded
 * through an alignment-1 type, so the source may be unaligned; both x86-64
 * and arm64 load unaligned words from normal memory at full speed), then
 * the tail in bytes.  They never touch a byte outside [p, p + n).  The
 * string functions go a byte at a time: kernel strings are short, and a
 * word-at-a-time strlen would read past the terminator.
 *
 * The compiler may turn a copy, fill or even a strlen loop into a call to
 * memcpy, memset or strlen; here that call would recurse forever, and in
 * the host tests it would quietly test libc instead.  KLIB_NO_LIBCALL
 * forbids it on every function in this file, for gcc and clang alike
 * (`objdump -dr` of string.o: the only calls are strlcpy's).
 */
#include <klib/errno.h>
#include <klib/string.h>

#if defined(__clang__)
#define KLIB_NO_LIBCALL __attribute__((no_builtin))
#else
#define KLIB_NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif

/*
 * UBSan (the fortress profile) would test every access of the word loops
 * below for a null, misaligned or wrapping pointer, none of which can
 * happen there: the word stores are aligned by the byte loop before them,
 * the pointers stay inside [p, p + n), which the caller's object holds,
 * and a bad `p` faults at its first byte, as the trap would stop it.
 * Those tests made a 144-byte memset 177 instructions instead of 66, on
 * every stat(2).  The callers' own accesses are still checked.
 */
#define KLIB_MEM_LOOP KLIB_NO_LIBCALL __attribute__((no_sanitize("undefined")))

typedef uint64_t __attribute__((may_alias)) word_t;
typedef uint64_t __attribute__((may_alias, aligned(1))) uword_t; /* possibly unaligned */

#define WSIZE	 sizeof(word_t)
#define WORD_LSB 0x0101010101010101ULL

KLIB_MEM_LOOP static inline bool word_aligned(const void *p)
{
	return ((uintptr_t)p & (WSIZE - 1)) == 0;
}

/*
 * Copy upwards.  Each word is loaded before the store that follows it, so
 * this is also a correct memmove when dst < src.
 */
KLIB_MEM_LOOP static __always_inline void copy_forward(unsigned char *d, const unsigned char *s,
						       size_t n)
{
	if (n >= 2 * WSIZE) {
		for (; !word_aligned(d); n--)
			*d++ = *s++;
		for (; n >= 4 * WSIZE; n -= 4 * WSIZE, d += 4 * WSIZE, s += 4 * WSIZE) {
			word_t w0 = *(const uword_t *)s;
			word_t w1 = *(const uword_t *)(s + WSIZE);
			word_t w2 = *(const uword_t *)(s + 2 * WSIZE);
			word_t w3 = *(const uword_t *)(s + 3 * WSIZE);
			*(word_t *)d = w0;
			*(word_t *)(d + WSIZE) = w1;
			*(word_t *)(d + 2 * WSIZE) = w2;
			*(word_t *)(d + 3 * WSIZE) = w3;
		}
		for (; n >= WSIZE; n -= WSIZE, d += WSIZE, s += WSIZE)
			*(word_t *)d = *(const uword_t *)s;
	}
	for (; n; n--)
		*d++ = *s++;
}

/* Copy downwards from the ends: the mirror image, correct when dst > src. */
KLIB_MEM_LOOP static __always_inline void copy_backward(unsigned char *d, const unsigned char *s,
							size_t n)
{
	d += n;
	s += n;
	if (n >= 2 * WSIZE) {
		for (; !word_aligned(d); n--)
			*--d = *--s;
		for (; n >= 4 * WSIZE; n -= 4 * WSIZE) {
			d -= 4 * WSIZE;
			s -= 4 * WSIZE;
			word_t w3 = *(const uword_t *)(s + 3 * WSIZE);
			word_t w2 = *(const uword_t *)(s + 2 * WSIZE);
			word_t w1 = *(const uword_t *)(s + WSIZE);
			word_t w0 = *(const uword_t *)s;
			*(word_t *)(d + 3 * WSIZE) = w3;
			*(word_t *)(d + 2 * WSIZE) = w2;
			*(word_t *)(d + WSIZE) = w1;
			*(word_t *)d = w0;
		}
		for (; n >= WSIZE; n -= WSIZE) {
			d -= WSIZE;
			s -= WSIZE;
			*(word_t *)d = *(const uword_t *)s;
		}
	}
	for (; n; n--)
		*--d = *--s;
}

KLIB_MEM_LOOP void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

KLIB_MEM_LOOP void *memmove(void *dst, const void *src, size_t n)
{
	/* Unsigned wrap-around: true when dst < src or dst >= src + n. */
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_forward(dst, src, n);
	else if (dst != src)
		copy_backward(dst, src, n);
	return dst;
}

KLIB_MEM_LOOP void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char b = (unsigned char)c;

	if (n >= 2 * WSIZE) {
		word_t w = b * WORD_LSB;

		for (; !word_aligned(d); n--)
			*d++ = b;
		for (; n >= 4 * WSIZE; n -= 4 * WSIZE, d += 4 * WSIZE) {
			*(word_t *)d = w;
			*(word_t *)(d + WSIZE) = w;
			*(word_t *)(d + 2 * WSIZE) = w;
			*(word_t *)(d + 3 * WSIZE) = w;
		}
		for (; n >= WSIZE; n -= WSIZE, d += WSIZE)
			*(word_t *)d = w;
	}
	for (; n; n--)
		*d++ = b;
	return dst;
}

KLIB_MEM_LOOP int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	/* Skip equal words; the byte loop then finds the first difference. */
	for (; n >= WSIZE; n -= WSIZE, p += WSIZE, q += WSIZE)
		if (*(const uword_t *)p != *(const uword_t *)q)
			break;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

KLIB_NO_LIBCALL void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

KLIB_NO_LIBCALL size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

KLIB_NO_LIBCALL size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

KLIB_NO_LIBCALL int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

KLIB_NO_LIBCALL int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n; n--, p++, q++)
		if (*p != *q || !*p)
			return *p - *q;
	return 0;
}

KLIB_NO_LIBCALL char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

KLIB_NO_LIBCALL char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

KLIB_NO_LIBCALL size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* Digit value of c, or 99 if c is not a digit in any base we accept. */
KLIB_NO_LIBCALL static unsigned digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (unsigned)(c - 'A' + 10);
	return 99;
}

/* Resolve base 0 from the prefix and skip a "0x" with base 16. */
KLIB_NO_LIBCALL static const char *parse_prefix(const char *s, unsigned *base)
{
	bool hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');

	if (*base == 0)
		*base = hex_prefix ? 16 : s[0] == '0' ? 8 : 10;
	if (*base == 16 && hex_prefix)
		s += 2;
	return s;
}

KLIB_NO_LIBCALL int kstrtoull(const char *s, unsigned base, unsigned long long *res)
{
	unsigned long long v = 0;
	bool overflow = false;
	const char *p;

	if (base != 0 && base != 8 && base != 10 && base != 16)
		return -EINVAL;
	s = parse_prefix(s, &base);
	for (p = s; digit_value(*p) < base; p++) {
		unsigned d = digit_value(*p);

		if (v > (~0ULL - d) / base)
			overflow = true;
		v = v * base + d;
	}
	if (overflow)
		return -ERANGE;
	if (p == s)
		return -EINVAL;
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	*res = v;
	return 0;
}
