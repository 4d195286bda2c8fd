/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * In-kernel self-tests, reported in KTAP (Linux's kselftest/KUnit format).
 * A test is a function registered with KTEST(suite, name); the runner
 * (ktest_run, called by ring 1 when the command line says `ktest`) runs
 * every suite in link order, each test in turn, and prints one KTAP
 * subtest block per suite.  KTEST_EXPECT records a failure and continues;
 * KTEST_ASSERT records it and ends the test (by returning: no longjmp).
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>

struct ktest_ctx {
	int failures;
	bool skipped;
	const char *skip_reason;
};

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(struct ktest_ctx *t);
};

#define KTEST(suite_, name_)                                                        \
	static void ktest_##suite_##_##name_(struct ktest_ctx *t);                  \
	static const struct ktest ktest_desc_##suite_##_##name_ __used               \
		__section(".ktest") __aligned(8) = { #suite_, #name_,                \
						     ktest_##suite_##_##name_ };     \
	static void ktest_##suite_##_##name_(struct ktest_ctx *t)

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);

#define KTEST_EXPECT(t, cond)                                          \
	do {                                                           \
		if (!(cond))                                           \
			ktest_fail(t, __FILE__, __LINE__, "%s", #cond); \
	} while (0)
#define KTEST_EXPECT_EQ(t, a, b)                                                          \
	do {                                                                              \
		long long __a = (long long)(a), __b = (long long)(b);                     \
		if (__a != __b)                                                           \
			ktest_fail(t, __FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, \
				   __a, __b);                                             \
	} while (0)

static inline void ktest_skip(struct ktest_ctx *t, const char *why)
{
	t->skipped = true;
	t->skip_reason = why;
}

/* Run the suites whose name matches `filter` ("all" or a suite name);
 * returns the number of failed tests. */
int ktest_run(const char *filter);
