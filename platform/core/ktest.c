/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The KTAP runner.  Output, per suite:
 *
 *   KTAP version 1
 *   1..<suites>
 *       KTAP version 1
 *       # Subtest: <suite>
 *       1..<tests>
 *       ok 1 <name>
 *       not ok 2 <name>
 *   ok 1 <suite>
 *
 * tools/tap.py counts it for `make test` (tools/test.sh).
 */
#include <klib/printf.h>
#include <klib/string.h>
#include <platform/ktest.h>
#include <platform/log.h>

extern const struct ktest __ktest_start[], __ktest_end[];

void ktest_fail(struct ktest_ctx *t, const char *file, int line, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("    # %s:%d: expectation failed: %s\n", file, line, msg);
	t->failures++;
}

static bool suite_selected(const char *suite, const char *filter)
{
	return !strcmp(filter, "all") || !strcmp(filter, suite);
}

/* Suites are contiguous in link order (one file per suite, usually);
 * [first, end) is the run of tests sharing first->suite. */
static const struct ktest *suite_end(const struct ktest *first)
{
	const struct ktest *e = first;

	while (e < __ktest_end && !strcmp(e->suite, first->suite))
		e++;
	return e;
}

static int run_suite(const struct ktest *first, const struct ktest *end, unsigned idx)
{
	int failed = 0;
	unsigned n = 0;

	kprintf("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", first->suite,
		(unsigned)(end - first));
	for (const struct ktest *k = first; k < end; k++) {
		struct ktest_ctx t = {0};

		k->fn(&t);
		n++;
		if (t.skipped)
			kprintf("    ok %u %s # SKIP %s\n", n, k->name, t.skip_reason);
		else
			kprintf("    %sok %u %s\n", t.failures ? "not " : "", n, k->name);
		failed += t.failures ? 1 : 0;
	}
	kprintf("%sok %u %s\n", failed ? "not " : "", idx, first->suite);
	return failed;
}

int ktest_run(const char *filter)
{
	unsigned nsuites = 0, idx = 0;
	int failed = 0;

	for (const struct ktest *k = __ktest_start; k < __ktest_end; k = suite_end(k))
		nsuites += suite_selected(k->suite, filter);
	kprintf("KTAP version 1\n1..%u\n", nsuites);
	for (const struct ktest *k = __ktest_start; k < __ktest_end; k = suite_end(k)) {
		if (suite_selected(k->suite, filter))
			failed += run_suite(k, suite_end(k), ++idx);
	}
	return failed;
}
