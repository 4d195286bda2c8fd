/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getdents64 lists each entry once, "." and ".." included, with d_type; then 0. */
/* abi: glibc */
#include "abi.h"

#include <dirent.h>

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static char buf[4096], lines[64][300];
	char *sorted[64];
	long n, off;
	int fd, count = 0, i, calls = 0;

	mkdir("d", 0755);
	mkdir("d/sub", 0755);
	abi_make_file("d/file", "x");
	symlink("file", "d/link");
	for (i = 0; i < 20; i++) {
		snprintf(buf, sizeof(buf), "d/n%02d", i);
		abi_make_file(buf, "");
	}
	fd = open("d", O_RDONLY | O_DIRECTORY);
	while ((n = syscall(SYS_getdents64, fd, buf, 256)) > 0) {
		calls++;
		for (off = 0; off < n && count < 64;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			const char *t = d->d_type == DT_DIR   ? "dir"
					: d->d_type == DT_REG ? "reg"
					: d->d_type == DT_LNK ? "lnk"
							      : "?";

			snprintf(lines[count], sizeof(lines[count]), "%s %s", d->d_name, t);
			sorted[count] = lines[count];
			count++;
			off += d->d_reclen;
		}
	}
	printf("last call returned %ld; more than one call with a small buffer: %s\n", n,
	       calls > 1 ? "yes" : "no");
	qsort(sorted, count, sizeof(sorted[0]), cmp);
	for (i = 0; i < count; i++)
		printf("  %s\n", sorted[i]);
	SHOW(syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	close(fd);
	for (i = 0; i < 20; i++) {
		snprintf(buf, sizeof(buf), "d/n%02d", i);
		unlink(buf);
	}
	unlink("d/link");
	unlink("d/file");
	rmdir("d/sub");
	rmdir("d");
	return 0;
}
