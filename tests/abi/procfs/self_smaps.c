/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/smaps: Linux's fields in order; a touched anonymous page is 4 kB resident. */
#include "abi.h"

#include <stdint.h>
#include <sys/mman.h>

static char smaps[1 << 20];

/* Print the block of the mapping that starts at p: field names, and the
 * sizes that are facts here. */
static void show_block(uintptr_t p)
{
	char *line = smaps;
	unsigned long lo, hi, kb;
	char name[64];
	int in = 0;

	while (line && *line) {
		char *next = strchr(line, '\n');

		if (next)
			*next++ = '\0';
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, '-') < strchr(line, ' '))
			in = lo == p;
		else if (in && sscanf(line, "%63s %lu kB", name, &kb) == 2 &&
			 (!strcmp(name, "Size:") || !strcmp(name, "Rss:") ||
			  !strcmp(name, "Anonymous:") || !strcmp(name, "Private_Dirty:") ||
			  !strcmp(name, "Swap:") || !strcmp(name, "KernelPageSize:")))
			printf("%s %lu kB\n", name, kb);
		else if (in && sscanf(line, "%63s", name) == 1)
			printf("%s\n", !strcmp(name, "VmFlags:") ? line : name);
		line = next;
	}
}

int main(void)
{
	/* Inaccessible guard pages on both sides keep Linux from merging the
	 * mapping with a neighbour. */
	char *base = mmap(NULL, 4 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *anon = base + 4096;
	int fd;

	SHOW(mprotect(anon, 8192, PROT_READ | PROT_WRITE));
	anon[0] = 1;
	fd = open("/proc/self/smaps", O_RDONLY);
	SHOW_OK(fd);
	abi_read_all(fd, smaps, sizeof(smaps));
	close(fd);
	show_block((uintptr_t)anon);
	munmap(base, 4 * 4096);
	return 0;
}
