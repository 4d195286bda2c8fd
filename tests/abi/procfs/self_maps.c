/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/maps shows our mappings with permissions and file names, and [stack]. */
#include "abi.h"

#include <stdint.h>
#include <sys/mman.h>

/* The permission field of the line that contains address p, or "none". */
static const char *perms_of(const char *maps, void *p, char *name, size_t nsize)
{
	static char perms[8];
	const char *line = maps;
	unsigned long lo, hi;
	int off;

	while (line && *line) {
		if (sscanf(line, "%lx-%lx %4s %*s %*s %*s%n", &lo, &hi, perms, &off) == 3 &&
		    (uintptr_t)p >= lo && (uintptr_t)p < hi) {
			const char *s = line + off, *e;

			while (*s == ' ')
				s++;
			e = strchr(s, '\n');
			snprintf(name, nsize, "%.*s", (int)(e ? e - s : (long)strlen(s)), s);
			return perms;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return "none";
}

int main(void)
{
	static char maps[65536];
	char name[4200], cwd[4096], want[4200];
	char *anon, *file;
	int fd, local;

	getcwd(cwd, sizeof(cwd));
	abi_make_file("f", "mapped file");
	fd = open("f", O_RDWR);
	anon = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	file = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	fd = open("/proc/self/maps", O_RDONLY);
	abi_read_all(fd, maps, sizeof(maps));
	close(fd);
	printf("anonymous: %s", perms_of(maps, anon, name, sizeof(name)));
	printf(" name \"%s\"\n", name);
	printf("file: %s\n", perms_of(maps, file, name, sizeof(name)));
	snprintf(want, sizeof(want), "%s/f", cwd);
	FACT("file mapping named by path", strcmp(name, want) == 0);
	printf("stack: %s", perms_of(maps, &local, name, sizeof(name)));
	printf(" name \"%s\"\n", name);
	printf("code: %s\n", perms_of(maps, (void *)(uintptr_t)main, name, sizeof(name)));
	munmap(anon, 8192);
	munmap(file, 4096);
	unlink("f");
	return 0;
}
