/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* How many primes lie below n: the sieve of Eratosthenes. */
#include <stdlib.h>
#include "proj.h"

unsigned primes_below(unsigned n)
{
	unsigned char *composite = calloc(n, 1);
	unsigned count = 0;

	if (!composite)
		return 0;
	for (unsigned i = 2; i < n; i++) {
		if (composite[i])
			continue;
		count++;
		for (unsigned long j = (unsigned long)i * i; j < n; j += i)
			composite[j] = 1;
	}
	free(composite);
	return count;
}
