/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Opening /proc/self/fd/N of a pipe opens that pipe (bash's <(...)); EOF once its writers close. */
/* abi: glibc */
#include "abi.h"

static int reopen(int fd, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return open(path, flags);
}

int main(void)
{
	struct stat a, b;
	char buf[64], link[64], path[64];
	int p[2], q[2], r, w;

	SHOW(pipe(p));
	SHOW(write(p[1], "hello", 5));
	r = reopen(p[0], O_RDONLY);
	FACT("opened the read end again", r >= 0);
	fstat(p[0], &a);
	fstat(r, &b);
	FACT("same pipe", a.st_ino == b.st_ino && a.st_dev == b.st_dev && S_ISFIFO(b.st_mode));
	memset(buf, 0, sizeof(buf));
	SHOW(read(r, buf, sizeof(buf)));
	printf("read \"%s\"\n", buf);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", r);
	memset(link, 0, sizeof(link));
	SHOW_OK(readlink(path, link, sizeof(link) - 1));
	FACT("still links to pipe:[...]", strncmp(link, "pipe:[", 6) == 0);
	w = reopen(p[1], O_WRONLY);
	FACT("opened the write end again", w >= 0);
	SHOW(close(p[1]));
	SHOW(write(w, "again", 5));
	memset(buf, 0, sizeof(buf));
	SHOW(read(p[0], buf, sizeof(buf)));
	printf("read \"%s\"\n", buf);
	SHOW(close(w));
	SHOW(read(r, buf, sizeof(buf)));
	SHOW(reopen(99, O_RDONLY));
	/* an O_PATH open is no reader or writer: both stay */
	signal(SIGPIPE, SIG_IGN);
	SHOW(pipe(q));
	SHOW(close(reopen(q[1], O_PATH)));
	SHOW(write(q[1], "x", 1));
	SHOW(fcntl(q[0], F_SETFL, O_NONBLOCK));
	SHOW(read(q[0], buf, 2));
	SHOW(read(q[0], buf, 2));
	SHOW(close(q[0]));
	SHOW(write(q[1], "x", 1));
	close(r);
	close(p[0]);
	return 0;
}
