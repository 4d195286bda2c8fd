/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The vDSO exports Linux's x86-64 symbols at version LINUX_2.6, the unprefixed names as aliases. */
/* abi: glibc */
#include "abi.h"
#include "vdso_sym.h"

static const char *const names[] = {"clock_gettime", "gettimeofday", "time", "getcpu",
				    "clock_getres"};

int main(void)
{
	char prefixed[64];

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		void *p, *alias;

		snprintf(prefixed, sizeof(prefixed), "__vdso_%s", names[i]);
		p = vdso_sym(prefixed, "LINUX_2.6");
		alias = vdso_sym(names[i], "LINUX_2.6");
		printf("%s: %s, alias %s\n", prefixed, p ? "found" : "missing",
		       !alias	    ? "missing"
		       : alias == p ? "same"
				    : "different");
	}
	FACT("__vdso_clock_gettime at another version",
	     vdso_sym("__vdso_clock_gettime", "LINUX_2.5") != NULL);
	FACT("__vdso_nosuch", vdso_sym("__vdso_nosuch", "LINUX_2.6") != NULL);
	return 0;
}
