/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for libs/klib/cmdline.c: splitting, quotes, bare keys, "last
 * one wins", buffer limits and number parsing.  cmdline.c runs on klib's
 * string.c, renamed as in string_test.c so it does not clash with libc.
 */
/* hosttest-sources: libs/klib/string.c */
/* hosttest-cflags: -fno-builtin -Dmemcpy=klib_memcpy -Dmemmove=klib_memmove */
/* hosttest-cflags: -Dmemset=klib_memset -Dmemcmp=klib_memcmp -Dmemchr=klib_memchr */
/* hosttest-cflags: -Dstrlen=klib_strlen -Dstrnlen=klib_strnlen -Dstrcmp=klib_strcmp */
/* hosttest-cflags: -Dstrncmp=klib_strncmp -Dstrchr=klib_strchr -Dstrrchr=klib_strrchr */
/* hosttest-cflags: -Dstrlcpy=klib_strlcpy */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <klib/cmdline.h>
#include <klib/errno.h>
#include <klib/string.h>

/* Records each parameter as "key|" (bare) or "key=[value]|". */
struct trace {
	char text[256];
	size_t len;
	int calls;
	int stop_at; /* return non-zero on this call (1-based), 0: never */
};

static void trace_add(struct trace *t, const char *s, size_t n)
{
	assert_true(t->len + n < sizeof(t->text));
	memcpy(t->text + t->len, s, n);
	t->len += n;
	t->text[t->len] = '\0';
}

static int trace_fn(const char *key, size_t klen, const char *val, size_t vlen, void *ctx)
{
	struct trace *t = ctx;

	trace_add(t, key, klen);
	if (val) {
		trace_add(t, "=[", 2);
		trace_add(t, val, vlen);
		trace_add(t, "]", 1);
	} else {
		assert_int_equal(vlen, 0);
	}
	trace_add(t, "|", 1);
	t->calls++;
	return t->calls == t->stop_at ? 40 + t->calls : 0;
}

static void check_split(const char *cmdline, const char *want)
{
	struct trace t = {.text = ""};

	assert_int_equal(cmdline_foreach(cmdline, trace_fn, &t), 0);
	assert_string_equal(t.text, want);
}

static void test_foreach_order(void **state)
{
	check_split("console=ttyS0 quiet loglevel=7 init=/sbin/init",
		    "console=[ttyS0]|quiet|loglevel=[7]|init=[/sbin/init]|");
	check_split("a=b=c", "a=[b=c]|"); /* only the first '=' splits */
	check_split("x", "x|");
}

static void test_foreach_whitespace(void **state)
{
	check_split("  a=1\t\tb \n c\n", "a=[1]|b|c|");
	check_split("a\r\nb\vc\fd", "a|b|c|d|");
}

static void test_foreach_empty(void **state)
{
	check_split("", "");
	check_split("   \t\n", "");
	check_split(NULL, "");
}

static void test_foreach_stops_early(void **state)
{
	struct trace t = {.text = "", .stop_at = 2};

	assert_int_equal(cmdline_foreach("a b=1 c d", trace_fn, &t), 42);
	assert_int_equal(t.calls, 2);
	assert_string_equal(t.text, "a|b=[1]|");
}

static void test_foreach_quotes(void **state)
{
	check_split("msg=\"hello world\" x=1", "msg=[hello world]|x=[1]|");
	check_split("a=\"\" b", "a=[]|b|");
	check_split("a=\"x=y  z\"", "a=[x=y  z]|");
	check_split("a=\"x y\"tail w", "a=[x y]|w|"); /* after the quote: dropped */
	check_split("a=\"x y", "a=[x y]|");	      /* unterminated: to the end */
	check_split("a=\"", "a=[]|");
	check_split("a=b\"c d\"", "a=[b\"c]|d\"|"); /* only a leading quote quotes */
}

static void test_foreach_empty_key_and_value(void **state)
{
	check_split("=x a= b =", "a=[]|b|");
	check_split("k=\"\"", "k=[]|");
}

static void test_has(void **state)
{
	const char *cmd = "quiet debug=1 x= \"q\"";

	assert_true(cmdline_has(cmd, "quiet"));
	assert_true(cmdline_has(cmd, "debug"));
	assert_true(cmdline_has(cmd, "x"));
	assert_true(cmdline_has(cmd, "\"q\""));
	assert_false(cmdline_has(cmd, "qui"));
	assert_false(cmdline_has(cmd, "quietx"));
	assert_false(cmdline_has(cmd, "debug=1"));
	assert_false(cmdline_has(cmd, "1"));
	assert_false(cmdline_has(cmd, ""));
	assert_false(cmdline_has("", "quiet"));
	assert_false(cmdline_has(NULL, "quiet"));
}

static void check_get(const char *cmdline, const char *key, int want_ret, const char *want)
{
	char buf[64];

	memset(buf, 0x7e, sizeof(buf));
	assert_int_equal(cmdline_get(cmdline, key, buf, sizeof(buf)), want_ret);
	if (want)
		assert_string_equal(buf, want);
	else
		assert_int_equal(buf[0], 0x7e); /* untouched */
}

static void test_get_last_wins(void **state)
{
	check_get("a=1 a=22 b=3 a=333", "a", 3, "333");
	check_get("a=1 a=22 b=3 a=333", "b", 1, "3");
	check_get("a=\"x y\" a=z", "a", 1, "z");
	check_get("a=z a=\"x y\"", "a", 3, "x y");
	check_get("a=1 a", "a", -ENOENT, NULL); /* the last one is bare */
	check_get("a a=1", "a", 1, "1");
}

static void test_get_absent_bare_empty(void **state)
{
	check_get("a b=1", "a", -ENOENT, NULL);
	check_get("a b=1", "c", -ENOENT, NULL);
	check_get("", "a", -ENOENT, NULL);
	check_get(NULL, "a", -ENOENT, NULL);
	check_get("a= b", "a", 0, "");
	check_get("a=\"\"", "a", 0, "");
}

static void test_get_exact_key(void **state)
{
	const char *cmd = "loglevel=3 log=1 level=9x";

	check_get(cmd, "log", 1, "1");
	check_get(cmd, "loglevel", 1, "3");
	check_get(cmd, "level", 2, "9x");
	check_get(cmd, "lev", -ENOENT, NULL);
	check_get(cmd, "loglevel=3", -ENOENT, NULL);
}

/* Value "abcdef" (6 bytes) into a buffer of `size` followed by canaries. */
static void check_get_size(size_t size, int want_ret, const char *want)
{
	char buf[16];

	memset(buf, 0x7e, sizeof(buf));
	assert_int_equal(cmdline_get("x=1 v=\"abcdef\" y", "v", buf, size), want_ret);
	if (want)
		assert_string_equal(buf, want);
	for (size_t i = want ? strlen(want) + 1 : 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0x7e);
}

static void test_get_too_long(void **state)
{
	check_get_size(16, 6, "abcdef");
	check_get_size(7, 6, "abcdef");
	check_get_size(6, -ENAMETOOLONG, "abcde");
	check_get_size(2, -ENAMETOOLONG, "a");
	check_get_size(1, -ENAMETOOLONG, "");
	check_get_size(0, -ENAMETOOLONG, NULL);
}

static void check_ull(const char *cmdline, const char *key, int want_ret, unsigned long long want)
{
	unsigned long long v = 12345;

	assert_int_equal(cmdline_get_ull(cmdline, key, &v), want_ret);
	assert_true(v == (want_ret ? 12345 : want));
}

static void test_get_ull(void **state)
{
	const char *cmd = "mem=0x1000 n=42 oct=010 bad=12x neg=-1 empty= bare q=\"7\" "
			  "max=18446744073709551615 big=18446744073709551616 n=43 "
			  "zeros=0000000000000000000000000000000000000000000000000000000000000001 "
			  "zeros2=000000000000000000000000000000000000000000000000000000000000001";

	check_ull(cmd, "mem", 0, 0x1000);
	check_ull(cmd, "n", 0, 43);
	check_ull(cmd, "oct", 0, 8);
	check_ull(cmd, "q", 0, 7);
	check_ull(cmd, "max", 0, ~0ULL);
	check_ull(cmd, "big", -ERANGE, 0);
	check_ull(cmd, "bad", -EINVAL, 0);
	check_ull(cmd, "neg", -EINVAL, 0);
	check_ull(cmd, "empty", -EINVAL, 0);
	check_ull(cmd, "bare", -ENOENT, 0);
	check_ull(cmd, "absent", -ENOENT, 0);
	check_ull(cmd, "zeros", -ERANGE, 0); /* 64 characters: over the limit */
	check_ull(cmd, "zeros2", 0, 1);	     /* 63 characters */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_foreach_order),
		cmocka_unit_test(test_foreach_whitespace),
		cmocka_unit_test(test_foreach_empty),
		cmocka_unit_test(test_foreach_stops_early),
		cmocka_unit_test(test_foreach_quotes),
		cmocka_unit_test(test_foreach_empty_key_and_value),
		cmocka_unit_test(test_has),
		cmocka_unit_test(test_get_last_wins),
		cmocka_unit_test(test_get_absent_bare_empty),
		cmocka_unit_test(test_get_exact_key),
		cmocka_unit_test(test_get_too_long),
		cmocka_unit_test(test_get_ull),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
