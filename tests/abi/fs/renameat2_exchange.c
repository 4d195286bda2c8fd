/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RENAME_EXCHANGE swaps a file and a directory across directories; parents' link counts follow. */
/* abi: glibc */
#include "abi.h"

#define EXCHANGE (1 << 1)

static long xchg(const char *a, const char *b)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, EXCHANGE);
}

static void show(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		printf("%s: %s\n", path, abi_errname(errno));
	else
		printf("%s: %s nlink %ld\n", path, S_ISDIR(st.st_mode) ? "dir" : "file",
		       (long)st.st_nlink);
}

int main(void)
{
	char buf[8] = "";
	struct stat before, after;
	int fd;

	mkdir("a", 0755);
	mkdir("b", 0755);
	mkdir("a/sub", 0755);
	abi_make_file("a/sub/inside", "in");
	abi_make_file("b/f", "file");
	SHOW(stat("a/sub", &before));
	SHOW(xchg("a/sub", "b/f"));
	show("a");
	show("b");
	show("a/sub");
	show("b/f");
	SHOW(stat("b/f", &after));
	FACT("the directory kept its inode", before.st_ino == after.st_ino);
	SHOW(access("b/f/inside", F_OK));
	fd = open("a/sub", O_RDONLY);
	SHOW(read(fd, buf, 4));
	printf("a/sub holds \"%s\"\n", buf);
	close(fd);
	SHOW(stat("b/f/..", &after));
	SHOW(stat("b", &before));
	FACT("b/f/.. is b", before.st_ino == after.st_ino);
	SHOW(xchg("a/sub", "b/f"));
	show("a");
	show("b");
	show("a/sub");
	SHOW(xchg("a/sub/inside", "a/sub"));
	SHOW(unlink("a/sub/inside"));
	SHOW(rmdir("a/sub"));
	SHOW(unlink("b/f"));
	SHOW(rmdir("a"));
	SHOW(rmdir("b"));
	return 0;
}
