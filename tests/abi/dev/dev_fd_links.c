/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/fd and /dev/std{in,out,err} are symlinks into /proc/self/fd that open the files. */
/* abi: glibc */
#include "abi.h"

static void show_link(const char *path)
{
	char buf[64];
	struct stat st;
	ssize_t n;

	memset(buf, 0, sizeof(buf));
	n = readlink(path, buf, sizeof(buf) - 1);
	printf("%s -> %s (%s)\n", path, n < 0 ? abi_errname(errno) : buf,
	       lstat(path, &st) == 0 && S_ISLNK(st.st_mode) ? "symlink" : "not a symlink");
}

int main(void)
{
	struct stat a, b;
	char buf[16] = {0};
	int p[2], fd;

	show_link("/dev/fd");
	show_link("/dev/stdin");
	show_link("/dev/stdout");
	show_link("/dev/stderr");
	stat("/dev/stdin", &a);
	fstat(0, &b);
	FACT("stat(/dev/stdin) is stdin's file", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	pipe(p);
	SHOW(dup2(p[1], 5));
	/* what a shell does for "echo x > /dev/fd/5" */
	fd = open("/dev/fd/5", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	FACT("opened /dev/fd/5 with O_CREAT|O_TRUNC", fd >= 0);
	SHOW(write(fd, "through", 7));
	close(fd);
	SHOW(read(p[0], buf, sizeof(buf) - 1));
	printf("read \"%s\"\n", buf);
	fd = open("/dev/fd/", O_RDONLY | O_DIRECTORY);
	FACT("/dev/fd/ is a directory", fd >= 0);
	close(fd);
	SHOW(open("/dev/fd/77", O_RDONLY));
	close(5);
	close(p[0]);
	close(p[1]);
	return 0;
}
