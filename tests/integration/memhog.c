/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Touch N MiB (default 500) of anonymous memory a MiB at a time, saying how far it got; "hold": then keep it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 500;

	for (size_t i = 0; i < mib; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED) {
			printf("memhog: mmap failed at %zu MiB\n", i);
			return 1;
		}
		for (size_t j = 0; j < (1 << 20); j += 4096)
			p[j] = 1;
		if (i % 32 == 0)
			printf("memhog: %zu MiB\n", i);
	}
	printf("memhog: touched all %zu MiB\n", mib);
	fflush(stdout);
	if (argc > 2 && !strcmp(argv[2], "hold"))
		for (;;)
			pause();
	return 0;
}
