/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for libs/klib/printf.c.  printf.c is compiled with snprintf
 * and vsnprintf renamed to klib_*, so this file can call both klib's and
 * the host libc's: most tests are differential, formatting the same
 * format/value pairs with both and requiring identical text and return
 * values.  The rest cover what klib defines differently from glibc (%p,
 * "(null)" under a precision, unknown conversions, width caps) and the
 * kvformat sink.
 */
/* hosttest-cflags: -fno-builtin -Dsnprintf=klib_snprintf -Dvsnprintf=klib_vsnprintf */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <klib/compiler.h>
#include <klib/printf.h>

/* From here on, snprintf and vsnprintf are the host libc's. */
#undef snprintf
#undef vsnprintf
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define BUFSZ 512

/* Format with klib and with libc; fail unless both agree byte for byte. */
static void check_same(const char *fmt, ...)
{
	char got[BUFSZ], want[BUFSZ];
	va_list ap, aq;
	int g, w;

	va_start(ap, fmt);
	va_copy(aq, ap);
	g = klib_vsnprintf(got, sizeof(got), fmt, ap);
	w = vsnprintf(want, sizeof(want), fmt, aq);
	va_end(aq);
	va_end(ap);
	if (g != w || memcmp(got, want, (size_t)MIN(w + 1, BUFSZ)) != 0)
		fail_msg("format \"%s\": klib gave \"%s\" (%d), libc \"%s\" (%d)", fmt, got, g,
			 want, w);
}

/* klib only: the output must be `want`, and the return value its length. */
static void check_fmt(const char *want, const char *fmt, ...)
{
	char got[BUFSZ];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = klib_vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (strcmp(got, want) != 0 || n != (int)strlen(want))
		fail_msg("format \"%s\": got \"%s\" (%d), want \"%s\"", fmt, got, n, want);
}

/* klib's vsnprintf without a format attribute, for formats gcc rejects. */
static int kfmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = klib_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Build "%<flags><width><prec><len><conv>" for every combination of flag
 * set, width and precision, and hand each to `check`.
 */
static const char *const widths[] = {"", "0", "1", "5", "25"};
static const char *const precs[] = {"", ".", ".0", ".1", ".3", ".25"};
static const char flag_chars[] = "-0+ #";

typedef void (*spec_check)(const char *fmt, const void *vals, size_t nvals);

static void for_each_spec(const char *len, const char *conv, spec_check check, const void *vals,
			  size_t nvals)
{
	for (unsigned set = 0; set < 1u << 5; set++)
		for (size_t w = 0; w < ARRAY_SIZE(widths); w++)
			for (size_t p = 0; p < ARRAY_SIZE(precs); p++) {
				char fmt[32], flags[8], *f = flags;

				for (unsigned b = 0; b < 5; b++)
					if (set & (1u << b))
						*f++ = flag_chars[b];
				*f = '\0';
				snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%s]", flags, widths[w],
					 precs[p], len, conv);
				check(fmt, vals, nvals);
			}
}

static void check_ints(const char *fmt, const void *vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_same(fmt, ((const int *)vals)[i]);
}

static void check_uints(const char *fmt, const void *vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_same(fmt, ((const unsigned *)vals)[i]);
}

static void check_llongs(const char *fmt, const void *vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_same(fmt, ((const long long *)vals)[i]);
}

static void check_ullongs(const char *fmt, const void *vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_same(fmt, ((const unsigned long long *)vals)[i]);
}

static const int int_vals[] = {0, 1, -1, 7, 8, 42, -42, 255, 4096, INT_MAX, INT_MIN};
static const unsigned uint_vals[] = {0, 1, 7, 8, 15, 16, 255, 0x7fffffff, 0x80000000, UINT_MAX};
static const long long ll_vals[] = {0, 1, -1, 1LL << 40, -(1LL << 40), LLONG_MAX, LLONG_MIN};
static const unsigned long long ull_vals[] = {0, 1, 8, 0xdeadbeefcafeULL, 1ULL << 63, ULLONG_MAX};

static void test_diff_signed_int(void **state)
{
	for_each_spec("", "d", check_ints, int_vals, ARRAY_SIZE(int_vals));
	for_each_spec("", "i", check_ints, int_vals, ARRAY_SIZE(int_vals));
}

static void test_diff_unsigned_int(void **state)
{
	for_each_spec("", "u", check_uints, uint_vals, ARRAY_SIZE(uint_vals));
	for_each_spec("", "x", check_uints, uint_vals, ARRAY_SIZE(uint_vals));
	for_each_spec("", "X", check_uints, uint_vals, ARRAY_SIZE(uint_vals));
	for_each_spec("", "o", check_uints, uint_vals, ARRAY_SIZE(uint_vals));
}

static void test_diff_long_long(void **state)
{
	for_each_spec("ll", "d", check_llongs, ll_vals, ARRAY_SIZE(ll_vals));
	for_each_spec("ll", "u", check_ullongs, ull_vals, ARRAY_SIZE(ull_vals));
	for_each_spec("ll", "x", check_ullongs, ull_vals, ARRAY_SIZE(ull_vals));
	for_each_spec("ll", "o", check_ullongs, ull_vals, ARRAY_SIZE(ull_vals));
}

/* hh and h convert the promoted int argument down first. */
static void test_diff_char_short(void **state)
{
	static const int vals[] = {0, 1, -1, 127, 128, 255, 256, 300, -129, 32767, 32768, 70000};

	for_each_spec("hh", "d", check_ints, vals, ARRAY_SIZE(vals));
	for_each_spec("hh", "u", check_ints, vals, ARRAY_SIZE(vals));
	for_each_spec("hh", "x", check_ints, vals, ARRAY_SIZE(vals));
	for_each_spec("h", "d", check_ints, vals, ARRAY_SIZE(vals));
	for_each_spec("h", "u", check_ints, vals, ARRAY_SIZE(vals));
	for_each_spec("h", "o", check_ints, vals, ARRAY_SIZE(vals));
}

static void test_diff_long_size_ptrdiff_intmax(void **state)
{
	check_same("%ld %lu %lx %li", LONG_MIN, ULONG_MAX, 0xabcdefUL, LONG_MAX);
	check_same("%zu %zx %zd %zd", SIZE_MAX, (size_t)0x1234, (ptrdiff_t)-5, (ptrdiff_t)7);
	check_same("%td %tu %tx", (ptrdiff_t)PTRDIFF_MIN, (ptrdiff_t)42, (ptrdiff_t)-1);
	check_same("%jd %ju %jx %jo", INTMAX_MIN, UINTMAX_MAX, (uintmax_t)255, (uintmax_t)8);
	check_same("%-+12ld|%012zu|%#20jx", -1234567L, (size_t)99, (uintmax_t)0xfeed);
}

static void test_diff_strings(void **state)
{
	static const char *const strs[] = {"", "a", "hello", "hello, world and beyond"};

	for (size_t i = 0; i < ARRAY_SIZE(strs); i++) {
		for (size_t w = 0; w < ARRAY_SIZE(widths); w++)
			for (size_t p = 0; p < ARRAY_SIZE(precs); p++) {
				char fmt[32];

				snprintf(fmt, sizeof(fmt), "<%%%s%ss>", widths[w], precs[p]);
				check_same(fmt, strs[i]);
				snprintf(fmt, sizeof(fmt), "<%%-%s%ss>", widths[w], precs[p]);
				check_same(fmt, strs[i]);
			}
		check_same("%05s|%+s|% s", strs[i], strs[i], strs[i]);
	}
}

/* %.Ns reads at most N bytes: this source has no terminator (ASan). */
static void test_string_precision_bounds_read(void **state)
{
	char raw[4] = {'a', 'b', 'c', 'd'};

	check_fmt("abcd", "%.4s", raw);
	check_fmt("ab", "%.2s", raw);
	check_fmt("  abc", "%5.3s", raw);
	check_fmt("", "%.*s", 0, raw);
}

static void test_diff_chars(void **state)
{
	static const int chars[] = {'a', ' ', '%', 0xe9, 0x141};

	for (size_t i = 0; i < ARRAY_SIZE(chars); i++) {
		check_same("%c", chars[i]);
		check_same("[%5c][%-5c][%05c][%.0c]", chars[i], chars[i], chars[i], chars[i]);
	}
	check_same("%c%c%c", 'a', 'b', 'c');
}

/* A '\0' from %c is output like any other character and counted. */
static void test_char_nul(void **state)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(klib_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
	assert_memory_equal(buf, "a\0b\0", 4);
}

static void test_diff_star(void **state)
{
	static const int args[] = {-30, -5, -1, 0, 1, 5, 30};

	for (size_t i = 0; i < ARRAY_SIZE(args); i++)
		for (size_t j = 0; j < ARRAY_SIZE(args); j++) {
			check_same("[%*d]", args[i], 42);
			check_same("[%.*d]", args[i], -42);
			check_same("[%*.*x]", args[i], args[j], 0xbeefU);
			check_same("[%-*.*s]", args[i], args[j], "string");
			check_same("[%0*.*o]", args[i], args[j], 0755U);
		}
}

static void test_diff_mixed(void **state)
{
	check_same("");
	check_same("no conversions at all");
	check_same("100%% sure, %d%%", 5);
	check_same("%s=%d (0x%08x) %c%s", "answer", 42, 42U, '!', "");
	check_same("%d %s %d %s", 1, "two", 3, "four");
	check_same("%#o %#x %#X %#.0o %#.0x", 0U, 0U, 0U, 0U, 0U);
	check_same("%+d % d %+ d % +d", 0, 0, 5, -5);
	check_same("%-0+#10.4x|%-010d|", 0x1fU, -3);
}

/* Every buffer size from 0 to past the full length: same return value
 * and contents as libc, and nothing written past `size`. */
static void check_truncation(const char *fmt, int a, const char *s)
{
	char full[BUFSZ];
	int len = snprintf(full, sizeof(full), fmt, a, s);

	for (size_t size = 0; size <= (size_t)len + 2; size++) {
		char got[BUFSZ], want[BUFSZ];

		memset(got, 0x7e, sizeof(got));
		memset(want, 0x7e, sizeof(want));
		assert_int_equal(klib_snprintf(got, size, fmt, a, s), len);
		assert_int_equal(snprintf(want, size, fmt, a, s), len);
		assert_memory_equal(got, want, sizeof(got));
	}
}

static void test_truncation(void **state)
{
	check_truncation("%d:%s", 12345, "abcdef");
	check_truncation("%-8d|%8s|", -7, "xy");
	check_truncation("%#010x %.3s", 0xabc, "truncate me");
	check_truncation("%d%s", 0, "");
}

static void test_size_zero_writes_nothing(void **state)
{
	char buf[4] = {'z', 'z', 'z', 'z'};

	assert_int_equal(klib_snprintf(NULL, 0, "%d-%s", 1234, "abc"), 8);
	assert_int_equal(klib_snprintf(buf, 0, "%d-%s", 1234, "abc"), 8);
	assert_memory_equal(buf, "zzzz", 4);
	assert_int_equal(klib_snprintf(buf, 1, "%d", 1234), 4);
	assert_memory_equal(buf, "\0zzz", 4);
	assert_int_equal(kfmt(buf, 4, ""), 0);
	assert_int_equal(buf[0], '\0');
}

/* A pointer with a given value, without an integer-to-pointer cast. */
static void *ptr_of(uintptr_t v)
{
	void *p;

	memcpy(&p, &v, sizeof(p));
	return p;
}

static void test_pointer(void **state)
{
	int x;
	char want[64];

	check_fmt("0x0000000000000000", "%p", NULL);
	check_fmt("0x00000000deadbeef", "%p", ptr_of(0xdeadbeef));
	check_fmt("0xffffffffffffffff", "%p", ptr_of(UINTPTR_MAX));
	check_fmt("[  0x0000000000000010]", "[%20p]", ptr_of(16));
	check_fmt("[0x0000000000000010  ]", "[%-20p]", ptr_of(16));
	check_fmt("[  0x0000000000000010]", "[%020p]", ptr_of(16));
	check_fmt("0x0000000000000010", "%5p", ptr_of(16));
	snprintf(want, sizeof(want), "0x%016jx", (uintmax_t)(uintptr_t)&x);
	check_fmt(want, "%p", (void *)&x);
}

static void test_null_string(void **state)
{
	check_fmt("(null)", "%s", (char *)NULL);
	check_fmt("[  (null)]", "[%8s]", (char *)NULL);
	check_fmt("[(null)  ]", "[%-8s]", (char *)NULL);
	check_fmt("(nu", "%.3s", (char *)NULL); /* glibc prints "" here */
	check_fmt("", "%.0s", (char *)NULL);
}

static void test_unknown_conversions_verbatim(void **state)
{
	int n = 0;

	check_fmt("%y", "%y");
	check_fmt("a%5yb", "a%5yb");
	check_fmt("%-08.3lly", "%-08.3lly");
	check_fmt("%n", "%n", &n); /* never a write through the argument */
	assert_int_equal(n, 0);
	check_fmt("%f 1", "%f %d", 1); /* no floating point */
	check_fmt("x%", "x%");	       /* a format ending inside a conversion */
	check_fmt("x%-5", "x%-5");
	check_fmt("x%ll", "x%ll");
	check_fmt("x%hh", "x%hh");
	check_fmt("%", "%5%"); /* flags on %% are parsed and ignored */
	check_fmt("a%b", "a%-5%b");
}

/* Widths and precisions are capped at 4096, so garbage cannot stall. */
static void test_width_cap(void **state)
{
	char buf[8];

	assert_int_equal(kfmt(buf, sizeof(buf), "%999999999999d", 1), 4096);
	assert_string_equal(buf, "       ");
	assert_int_equal(kfmt(buf, sizeof(buf), "%*d", INT_MAX, 1), 4096);
	assert_int_equal(kfmt(buf, sizeof(buf), "%*d|", INT_MIN, 1), 4097);
	assert_string_equal(buf, "1      ");
	assert_int_equal(kfmt(buf, sizeof(buf), "%.99999999999d", 1), 4096);
	assert_string_equal(buf, "0000000");
	assert_int_equal(kfmt(buf, sizeof(buf), "%4096d", 1), 4096);
	assert_int_equal(kfmt(buf, sizeof(buf), "%4095d", 1), 4095);
}

struct sink_buf {
	char text[8192];
	size_t n;
};

static void sink_append(void *ctx, char c)
{
	struct sink_buf *sb = ctx;

	assert_true(sb->n < sizeof(sb->text));
	sb->text[sb->n++] = c;
}

static int sink_format(struct sink_buf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvformat(sink_append, sb, fmt, ap);
	va_end(ap);
	return n;
}

static void test_kvformat_sink(void **state)
{
	static struct sink_buf sb;
	char want[8192];

	assert_int_equal(sink_format(&sb, "%s %d %c", "ab", -12, 'z'), 8);
	assert_int_equal(sb.n, 8);
	assert_memory_equal(sb.text, "ab -12 z", 8);

	/* No size limit and no NUL from the sink path. */
	sb.n = 0;
	assert_int_equal(sink_format(&sb, "%4000d|%-3000s|", 7, "x"), 7002);
	assert_int_equal(sb.n, 7002);
	snprintf(want, sizeof(want), "%4000d|%-3000s|", 7, "x");
	assert_memory_equal(sb.text, want, 7002);

	sb.n = 0;
	assert_int_equal(sink_format(&sb, ""), 0);
	assert_int_equal(sb.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_signed_int),
		cmocka_unit_test(test_diff_unsigned_int),
		cmocka_unit_test(test_diff_long_long),
		cmocka_unit_test(test_diff_char_short),
		cmocka_unit_test(test_diff_long_size_ptrdiff_intmax),
		cmocka_unit_test(test_diff_strings),
		cmocka_unit_test(test_string_precision_bounds_read),
		cmocka_unit_test(test_diff_chars),
		cmocka_unit_test(test_char_nul),
		cmocka_unit_test(test_diff_star),
		cmocka_unit_test(test_diff_mixed),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_size_zero_writes_nothing),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_unknown_conversions_verbatim),
		cmocka_unit_test(test_width_cap),
		cmocka_unit_test(test_kvformat_sink),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
