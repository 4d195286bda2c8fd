/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for libs/klib/string.c.  klib's functions carry libc's names,
 * so both this file and string.c are compiled with -D renames (memcpy ->
 * klib_memcpy, ...): every call below reaches klib's code, never libc's.
 * Expected results come from naive byte loops written here.  Buffers are
 * heap blocks sized exactly, so ASan reports any byte read or written out
 * of bounds.
 */
/* hosttest-cflags: -fno-builtin -Dmemcpy=klib_memcpy -Dmemmove=klib_memmove */
/* hosttest-cflags: -Dmemset=klib_memset -Dmemcmp=klib_memcmp -Dmemchr=klib_memchr */
/* hosttest-cflags: -Dstrlen=klib_strlen -Dstrnlen=klib_strnlen -Dstrcmp=klib_strcmp */
/* hosttest-cflags: -Dstrncmp=klib_strncmp -Dstrchr=klib_strchr -Dstrrchr=klib_strrchr */
/* hosttest-cflags: -Dstrlcpy=klib_strlcpy */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <klib/errno.h>
#include <klib/string.h>

#define CANARY 0xEE

/* Lengths to try beyond 0..64: word-loop boundaries and large blocks. */
static const size_t long_lens[] = {95, 96, 97, 127, 128, 129, 255, 256, 257, 1000, 4096, 4103};

static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed * 13 + 1);
}

static void check_canary(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != CANARY)
			fail_msg("canary byte %zu clobbered: 0x%02x", i, p[i]);
}

/* memcpy of n bytes from src offset so to dst offset dso; the source block
 * ends exactly at its last byte, the destination has 8 canary bytes. */
static void check_memcpy_case(size_t so, size_t dso, size_t n)
{
	unsigned char *src = malloc(so + n);
	unsigned char *dst = malloc(dso + n + 8);

	fill_pattern(src, so + n, (unsigned)(so + dso + n));
	for (size_t i = 0; i < dso + n + 8; i++)
		dst[i] = CANARY;
	assert_ptr_equal(memcpy(dst + dso, src + so, n), dst + dso);
	for (size_t i = 0; i < n; i++)
		if (dst[dso + i] != src[so + i])
			fail_msg("memcpy so=%zu dso=%zu n=%zu: byte %zu differs", so, dso, n, i);
	check_canary(dst, dso);
	check_canary(dst + dso + n, 8);
	free(src);
	free(dst);
}

static void test_memcpy_alignments(void **state)
{
	for (size_t so = 0; so < 8; so++)
		for (size_t dso = 0; dso < 8; dso++)
			for (size_t n = 0; n <= 64; n++)
				check_memcpy_case(so, dso, n);
}

static void test_memcpy_long(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(long_lens); i++)
		for (size_t so = 0; so < 8; so++)
			for (size_t dso = 0; dso < 8; dso += 3)
				check_memcpy_case(so, dso, long_lens[i]);
}

/* Compare klib's memmove with a copy through a temporary buffer. */
static void check_memmove_case(size_t from, size_t to, size_t n)
{
	enum { SIZE = 300 };
	unsigned char buf[SIZE], want[SIZE], tmp[SIZE];

	fill_pattern(buf, SIZE, (unsigned)(from + to));
	for (size_t i = 0; i < SIZE; i++)
		want[i] = buf[i];
	for (size_t i = 0; i < n; i++)
		tmp[i] = want[from + i];
	for (size_t i = 0; i < n; i++)
		want[to + i] = tmp[i];
	assert_ptr_equal(memmove(buf + to, buf + from, n), buf + to);
	for (size_t i = 0; i < SIZE; i++)
		if (buf[i] != want[i])
			fail_msg("memmove from=%zu to=%zu n=%zu: byte %zu is 0x%02x, want 0x%02x",
				 from, to, n, i, buf[i], want[i]);
}

/* dst below src, overlapping: must copy upwards. */
static void test_memmove_overlap_down(void **state)
{
	for (size_t to = 0; to < 8; to++)
		for (size_t dist = 1; dist <= 17; dist++)
			for (size_t n = 0; n <= 100; n++)
				check_memmove_case(to + dist, to, n);
	check_memmove_case(1, 0, 290);
	check_memmove_case(9, 3, 280);
}

/* dst above src, overlapping: must copy downwards. */
static void test_memmove_overlap_up(void **state)
{
	for (size_t from = 0; from < 8; from++)
		for (size_t dist = 1; dist <= 17; dist++)
			for (size_t n = 0; n <= 100; n++)
				check_memmove_case(from, from + dist, n);
	check_memmove_case(0, 1, 290);
	check_memmove_case(3, 9, 280);
}

static void test_memmove_disjoint_and_same(void **state)
{
	for (size_t n = 0; n <= 64; n++) {
		check_memmove_case(0, 100 + n % 8, n);
		check_memmove_case(150 + n % 8, 3, n);
		check_memmove_case(n % 8, n % 8, n);
		check_memmove_case(5, 5 + n, n); /* adjacent: dst == src + n */
		check_memmove_case(5 + n, 5, n); /* adjacent: src == dst + n */
	}
}

static void check_memset_case(size_t off, size_t n, int c)
{
	unsigned char *buf = malloc(off + n + 8);

	for (size_t i = 0; i < off + n + 8; i++)
		buf[i] = CANARY;
	assert_ptr_equal(memset(buf + off, c, n), buf + off);
	for (size_t i = 0; i < n; i++)
		if (buf[off + i] != (unsigned char)c)
			fail_msg("memset off=%zu n=%zu c=%d: byte %zu is 0x%02x", off, n, c, i,
				 buf[off + i]);
	check_canary(buf, off);
	check_canary(buf + off + n, 8);
	free(buf);
}

static void test_memset_alignments(void **state)
{
	static const int values[] = {0, 0xA5, 0x1FF, -1, 0x80};

	for (size_t v = 0; v < ARRAY_SIZE(values); v++)
		for (size_t off = 0; off < 8; off++) {
			for (size_t n = 0; n <= 64; n++)
				check_memset_case(off, n, values[v]);
			for (size_t i = 0; i < ARRAY_SIZE(long_lens); i++)
				check_memset_case(off, long_lens[i], values[v]);
		}
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* For each length, put one difference at each position and check the
 * sign, comparing bytes as unsigned char (0x80 > 0x7f). */
static void test_memcmp_difference_position(void **state)
{
	unsigned char a[80], b[80];

	for (size_t off = 0; off < 8; off++)
		for (size_t n = 0; n <= 64; n++) {
			fill_pattern(a, sizeof(a), 3);
			fill_pattern(b, sizeof(b), 3);
			assert_int_equal(memcmp(a + off, b + off, n), 0);
			for (size_t i = 0; i < n; i++) {
				a[off + i] = 0x80;
				b[off + i] = 0x7f;
				assert_int_equal(sign(memcmp(a + off, b + off, n)), 1);
				assert_int_equal(sign(memcmp(b + off, a + off, n)), -1);
				a[off + i] = b[off + i] = (unsigned char)i;
			}
		}
}

static void test_memcmp_first_difference_wins(void **state)
{
	const unsigned char a[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0x01, 0xff};
	const unsigned char b[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0x02, 0x00};

	assert_true(memcmp(a, b, sizeof(a)) < 0);
	assert_true(memcmp(b, a, sizeof(a)) > 0);
	assert_int_equal(memcmp(a, b, 9), 0);
	assert_int_equal(memcmp(a, b, 0), 0);
	assert_int_equal(memcmp(NULL, NULL, 0), 0);
	/* Unaligned operands differing only in the last byte of a word. */
	assert_true(memcmp("abcdefgh1", "abcdefgi1", 9) < 0);
}

static void test_memchr(void **state)
{
	const char s[] = "hello, world\0after";
	const unsigned char hi[] = {0x10, 0xe9, 0x20};

	assert_ptr_equal(memchr(s, 'o', sizeof(s)), s + 4);
	assert_ptr_equal(memchr(s, 'z', sizeof(s)), NULL);
	assert_ptr_equal(memchr(s, '\0', sizeof(s)), s + 12);
	assert_ptr_equal(memchr(s, 'a', sizeof(s)), s + 13); /* past the NUL */
	assert_ptr_equal(memchr(s, 'h', 0), NULL);
	assert_ptr_equal(memchr(s, 'w', 7), NULL); /* 'w' is at 7 */
	assert_ptr_equal(memchr(s, 'w', 8), s + 7);
	assert_ptr_equal(memchr(s, 0x100 + 'e', sizeof(s)), s + 1); /* c as unsigned char */
	assert_ptr_equal(memchr(hi, 0xe9, sizeof(hi)), hi + 1);
	assert_ptr_equal(memchr(hi, -23, sizeof(hi)), hi + 1); /* (unsigned char)-23 == 0xe9 */
}

static void test_strlen_strnlen(void **state)
{
	char *raw = malloc(3); /* not NUL-terminated: strnlen must stop at max */

	raw[0] = 'a';
	raw[1] = 'b';
	raw[2] = 'c';
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("a"), 1);
	assert_int_equal(strlen("hello world"), 11);
	assert_int_equal(strlen("ab\0cd"), 2);
	assert_int_equal(strnlen("hello", 0), 0);
	assert_int_equal(strnlen("hello", 3), 3);
	assert_int_equal(strnlen("hello", 5), 5);
	assert_int_equal(strnlen("hello", 6), 5);
	assert_int_equal(strnlen("hello", (size_t)-1), 5);
	assert_int_equal(strnlen(raw, 3), 3);
	assert_int_equal(strnlen(raw, 0), 0);
	free(raw);
}

static void test_strcmp(void **state)
{
	assert_int_equal(strcmp("", ""), 0);
	assert_int_equal(strcmp("abc", "abc"), 0);
	assert_true(strcmp("abc", "abd") < 0);
	assert_true(strcmp("abd", "abc") > 0);
	assert_true(strcmp("ab", "abc") < 0);
	assert_true(strcmp("abc", "ab") > 0);
	assert_true(strcmp("", "a") < 0);
	assert_true(strcmp("\x80", "a") > 0); /* unsigned char order */
	assert_true(strcmp("a", "\xff") < 0);
}

static void test_strncmp(void **state)
{
	assert_int_equal(strncmp("abc", "abd", 0), 0);
	assert_int_equal(strncmp("abc", "abd", 2), 0);
	assert_true(strncmp("abc", "abd", 3) < 0);
	assert_true(strncmp("abd", "abc", 100) > 0);
	assert_int_equal(strncmp("abc\0x", "abc\0y", 5), 0); /* stops at the NUL */
	assert_true(strncmp("ab", "abc", 3) < 0);
	assert_int_equal(strncmp("ab", "abc", 2), 0);
	assert_true(strncmp("\x80", "\x7f", 1) > 0);
}

static void test_strchr_strrchr(void **state)
{
	const char *s = "a/b/c\xe9";

	assert_ptr_equal(strchr(s, '/'), s + 1);
	assert_ptr_equal(strrchr(s, '/'), s + 3);
	assert_ptr_equal(strchr(s, 'a'), s);
	assert_ptr_equal(strrchr(s, 'a'), s);
	assert_ptr_equal(strchr(s, 'z'), NULL);
	assert_ptr_equal(strrchr(s, 'z'), NULL);
	assert_ptr_equal(strchr(s, '\0'), s + 6); /* the terminator is found */
	assert_ptr_equal(strrchr(s, '\0'), s + 6);
	assert_ptr_equal(strchr(s, 0xe9), s + 5); /* c converted to char */
	assert_ptr_equal(strrchr(s, 0x100 + '/'), s + 3);
	assert_ptr_equal(strchr("", 'a'), NULL);
	assert_ptr_equal(strrchr("", 'a'), NULL);
}

/* strlcpy into a block of `size` bytes followed by canaries. */
static void check_strlcpy(const char *src, size_t size, const char *want)
{
	char buf[32];

	memset(buf, CANARY, sizeof(buf));
	assert_int_equal(strlcpy(buf, src, size), strlen(src));
	if (size == 0) {
		check_canary((unsigned char *)buf, sizeof(buf));
		return;
	}
	assert_string_equal(buf, want);
	check_canary((unsigned char *)buf + strlen(want) + 1, sizeof(buf) - strlen(want) - 1);
}

static void test_strlcpy(void **state)
{
	check_strlcpy("hello", 0, NULL);
	check_strlcpy("hello", 1, "");
	check_strlcpy("hello", 2, "h");
	check_strlcpy("hello", 5, "hell");
	check_strlcpy("hello", 6, "hello");
	check_strlcpy("hello", 20, "hello");
	check_strlcpy("", 1, "");
	check_strlcpy("", 10, "");
	check_strlcpy("0123456789abcdefghij", 17, "0123456789abcdef");
}

struct strtoull_case {
	const char *s;
	unsigned base;
	int ret;
	unsigned long long val;
};

static void check_strtoull_cases(const struct strtoull_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned long long v = 0x5a5a5a5a5a5a5a5aULL;
		int ret = kstrtoull(c[i].s, c[i].base, &v);

		if (ret != c[i].ret)
			fail_msg("kstrtoull(\"%s\", %u) = %d, want %d", c[i].s, c[i].base, ret,
				 c[i].ret);
		/* *res is written only on success. */
		if (v != (ret ? 0x5a5a5a5a5a5a5a5aULL : c[i].val))
			fail_msg("kstrtoull(\"%s\", %u) gave %llu", c[i].s, c[i].base, v);
	}
}

static void test_kstrtoull_bases(void **state)
{
	static const struct strtoull_case cases[] = {
		{"0", 0, 0, 0},
		{"7", 0, 0, 7},
		{"123", 0, 0, 123},
		{"123", 10, 0, 123},
		{"0x1f", 0, 0, 31},
		{"0X1F", 0, 0, 31},
		{"0xABCdef", 0, 0, 0xabcdef},
		{"017", 0, 0, 15},
		{"017", 10, 0, 17},
		{"017", 8, 0, 15},
		{"ff", 16, 0, 255},
		{"0xff", 16, 0, 255},
		{"0x10", 0, 0, 16},
		{"00", 0, 0, 0},
		{"0\n", 0, 0, 0},
		{"42\n", 10, 0, 42},
		{"0x2a\n", 0, 0, 42},
		{"000000000000000000000000000001", 0, 0, 1},
	};

	check_strtoull_cases(cases, ARRAY_SIZE(cases));
}

static void test_kstrtoull_overflow(void **state)
{
	static const struct strtoull_case cases[] = {
		{"18446744073709551615", 10, 0, ~0ULL},
		{"18446744073709551616", 10, -ERANGE, 0},
		{"18446744073709551620", 0, -ERANGE, 0},
		{"99999999999999999999999", 10, -ERANGE, 0},
		{"0xffffffffffffffff", 0, 0, ~0ULL},
		{"0x10000000000000000", 0, -ERANGE, 0},
		{"0x00000000000000000000ffffffffffffffff", 0, 0, ~0ULL},
		{"01777777777777777777777", 0, 0, ~0ULL},
		{"02000000000000000000000", 0, -ERANGE, 0},
		{"1777777777777777777777", 8, 0, ~0ULL},
		{"4294967296", 10, 0, 4294967296ULL},
		{"18446744073709551615\n", 10, 0, ~0ULL},
	};

	check_strtoull_cases(cases, ARRAY_SIZE(cases));
}

static void test_kstrtoull_bad_input(void **state)
{
	static const struct strtoull_case cases[] = {
		{"", 0, -EINVAL, 0},	  {"\n", 10, -EINVAL, 0},    {" 1", 10, -EINVAL, 0},
		{"1 ", 10, -EINVAL, 0},	  {"-1", 0, -EINVAL, 0},     {"+1", 0, -EINVAL, 0},
		{"12a", 10, -EINVAL, 0},  {"08", 0, -EINVAL, 0},     {"8", 8, -EINVAL, 0},
		{"0x", 0, -EINVAL, 0},	  {"0x", 16, -EINVAL, 0},    {"0xg", 16, -EINVAL, 0},
		{"0x1f", 10, -EINVAL, 0}, {"1\n\n", 10, -EINVAL, 0}, {"1\n2", 10, -EINVAL, 0},
		{"12", 2, -EINVAL, 0},	  {"12", 36, -EINVAL, 0},    {"g", 16, -EINVAL, 0},
	};

	check_strtoull_cases(cases, ARRAY_SIZE(cases));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_alignments),
		cmocka_unit_test(test_memcpy_long),
		cmocka_unit_test(test_memmove_overlap_down),
		cmocka_unit_test(test_memmove_overlap_up),
		cmocka_unit_test(test_memmove_disjoint_and_same),
		cmocka_unit_test(test_memset_alignments),
		cmocka_unit_test(test_memcmp_difference_position),
		cmocka_unit_test(test_memcmp_first_difference_wins),
		cmocka_unit_test(test_memchr),
		cmocka_unit_test(test_strlen_strnlen),
		cmocka_unit_test(test_strcmp),
		cmocka_unit_test(test_strncmp),
		cmocka_unit_test(test_strchr_strrchr),
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_kstrtoull_bases),
		cmocka_unit_test(test_kstrtoull_overflow),
		cmocka_unit_test(test_kstrtoull_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
