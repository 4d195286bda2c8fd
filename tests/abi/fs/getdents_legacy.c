/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getdents (not 64): struct linux_dirent records, d_type in each record's last byte; errors. */
#include "abi.h"
#include <sys/syscall.h>

struct old_dirent {
	unsigned long d_ino, d_off;
	unsigned short d_reclen;
	char d_name[];
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static char buf[4096];
	char *names[16], line[16][64];
	int fd, n = 0, aligned = 1;
	long len;

	abi_make_file("file", "x");
	SHOW(mkdir("dir", 0755));
	SHOW(symlink("file", "a-much-longer-link-name"));
	fd = open(".", O_RDONLY | O_DIRECTORY);
	SHOW_OK(len = syscall(SYS_getdents, fd, buf, sizeof(buf)));
	for (long at = 0; at < len && n < 16;) {
		struct old_dirent *d = (struct old_dirent *)(buf + at);
		unsigned char type = (unsigned char)buf[at + d->d_reclen - 1];

		aligned &= d->d_reclen % 8 == 0 && d->d_reclen >= 18 + strlen(d->d_name) + 2;
		snprintf(line[n], sizeof(line[n]), "%s type %u ino %s", d->d_name, type,
			 d->d_ino ? "set" : "0");
		names[n] = line[n];
		n++;
		at += d->d_reclen;
	}
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++)
		printf("%s\n", names[i]);
	FACT("records aligned to 8 and long enough", aligned);
	SHOW(syscall(SYS_getdents, fd, buf, sizeof(buf))); /* at the end */
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(syscall(SYS_getdents, fd, buf, 10)); /* no record fits */
	SHOW(syscall(SYS_getdents, fd, ABI_BADPTR, sizeof(buf)));
	SHOW(syscall(SYS_getdents, 999, buf, sizeof(buf)));
	close(fd);
	fd = open("file", O_RDONLY);
	SHOW(syscall(SYS_getdents, fd, buf, sizeof(buf)));
	close(fd);
	unlink("a-much-longer-link-name");
	unlink("file");
	rmdir("dir");
	return 0;
}
