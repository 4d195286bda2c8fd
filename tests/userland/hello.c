/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Prints its argv and what the kernel put in the auxiliary vector: run as
 * a static, static-PIE and dynamic (musl, glibc) executable. */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	const char *fn = (const char *)getauxval(AT_EXECFN);

	printf("hello argc=%d argv1=%s pagesz=%lu phnum>0=%d random=%s execfn=%s secure=%lu\n",
	       argc, argc > 1 ? argv[1] : "-", getauxval(AT_PAGESZ), getauxval(AT_PHNUM) > 0,
	       rnd ? "yes" : "no", fn ? fn : "-", getauxval(AT_SECURE));
	return 0;
}
