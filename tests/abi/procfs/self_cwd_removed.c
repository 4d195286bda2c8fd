/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/cwd and exe lead to the directory and program themselves, even once removed. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	char buf[4200], top[4096];
	struct stat st;
	ssize_t n;
	int fd;

	getcwd(top, sizeof(top));
	mkdir("d", 0755);
	SHOW(chdir("d"));
	SHOW(rmdir("../d"));
	memset(buf, 0, sizeof(buf));
	n = readlink("/proc/self/cwd", buf, sizeof(buf) - 1);
	FACT("the link names it \"(deleted)\"", n > 10 && !strcmp(buf + n - 10, " (deleted)"));
	SHOW(stat("/proc/self/cwd", &st));
	printf("a directory: %d, nlink %lu\n", S_ISDIR(st.st_mode), (unsigned long)st.st_nlink);
	fd = open("/proc/self/cwd", O_RDONLY | O_DIRECTORY);
	FACT("opened it", fd >= 0);
	SHOW(open("/proc/self/cwd/x", O_CREAT | O_WRONLY, 0644));
	close(fd);
	SHOW(chdir(top));
	fd = open("/proc/self/exe", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	SHOW(read(fd, buf, 4));
	FACT("the program's ELF header", !memcmp(buf, "\177ELF", 4));
	close(fd);
	SHOW(stat("/proc/self/root", &st));
	FACT("root is a directory", S_ISDIR(st.st_mode));
	return 0;
}
