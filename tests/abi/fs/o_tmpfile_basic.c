/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_TMPFILE makes an unnamed file (nlink 0) that linkat names by fd or /proc/self/fd/N. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

static long nlink_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : (long)st.st_nlink;
}

/* readlink of /proc/self/fd/N, the cwd and the inode number replaced */
static void show_link(int fd)
{
	char path[64], buf[512], cwd[400], want[64];
	struct stat st;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0 || !getcwd(cwd, sizeof(cwd)) || fstat(fd, &st)) {
		printf("readlink: %s\n", abi_errname(errno));
		return;
	}
	buf[n] = '\0';
	snprintf(want, sizeof(want), "/#%lu", (unsigned long)st.st_ino);
	if (!strncmp(buf, cwd, strlen(cwd)) && !strncmp(buf + strlen(cwd), want, strlen(want)))
		printf("link: <cwd>/#<ino>%s\n", buf + strlen(cwd) + strlen(want));
	else
		printf("link: unexpected\n");
}

int main(void)
{
	char path[64], buf[8] = "";
	struct stat st;
	int fd, fd2;

	mkdir("m", 0755);
	if (mount("none", "m", "tmpfs", 0, NULL) != 0 || chdir("m") != 0)
		printf("FAIL: tmpfs: %s\n", abi_errname(errno));
	fd = open(".", O_TMPFILE | O_RDWR, 0640);
	printf("fd ok %d\n", fd >= 0);
	SHOW(write(fd, "abc", 3));
	printf("nlink %ld\n", nlink_of(fd));
	SHOW(fstat(fd, &st));
	printf("mode %o size %ld\n", st.st_mode & 0170777, (long)st.st_size);
	show_link(fd);
	SHOW(linkat(fd, "", AT_FDCWD, "a", AT_EMPTY_PATH));
	printf("nlink %ld\n", nlink_of(fd));
	fd2 = open("a", O_RDONLY);
	SHOW(read(fd2, buf, 3));
	printf("read %s\n", buf);
	close(fd2);
	show_link(fd);
	SHOW(linkat(fd, "", AT_FDCWD, "a", AT_EMPTY_PATH));
	SHOW(unlink("a"));
	SHOW(linkat(fd, "", AT_FDCWD, "b", AT_EMPTY_PATH));
	close(fd);

	fd = openat(AT_FDCWD, ".", O_TMPFILE | O_WRONLY, 0600);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	SHOW(linkat(AT_FDCWD, path, AT_FDCWD, "c", AT_SYMLINK_FOLLOW));
	printf("nlink %ld\n", nlink_of(fd));
	SHOW(unlink("c"));
	close(fd);

	if (chdir("..") != 0 || umount2("m", 0) != 0 || rmdir("m") != 0)
		printf("FAIL: umount: %s\n", abi_errname(errno));
	return 0;
}
