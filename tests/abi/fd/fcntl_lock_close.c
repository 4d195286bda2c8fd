/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A process's POSIX locks go when it closes ANY descriptor of the file, dup2 over one included. */
/* abi: glibc */
#include "abi.h"

static int setlk(int fd, short type)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};

	return fcntl(fd, F_SETLK, &fl);
}

/* In a child: is the whole file free of the parent's locks? */
static void probe(int fd, const char *when)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};

		fcntl(fd, F_GETLK, &fl);
		printf("%s: %s\n", when, fl.l_type == F_UNLCK ? "unlocked" : "locked");
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int other = open("f", O_RDONLY);
	int null = open("/dev/null", O_RDONLY);
	int d;

	SHOW(setlk(fd, F_WRLCK));
	probe(fd, "locked through fd");
	SHOW(close(null));
	probe(fd, "after closing an unrelated fd");
	SHOW(close(other));
	probe(fd, "after closing another open file of it");
	SHOW(setlk(fd, F_WRLCK));
	d = dup(fd);
	SHOW(close(d));
	probe(fd, "after closing a dup");
	SHOW(setlk(fd, F_WRLCK));
	other = open("f", O_RDONLY);
	SHOW(dup2(fd, other)); /* closes the other open file first */
	probe(fd, "after dup2 over another descriptor of it");
	close(other);
	close(fd);
	unlink("f");
	return 0;
}
