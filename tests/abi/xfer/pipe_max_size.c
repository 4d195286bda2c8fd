/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sys/fs/pipe-max-size: readable, writable (rounded up, EINVAL), bounds F_SETPIPE_SZ. */
/* abi: glibc */
/* abi: serial: changes the host's fs.pipe-max-size for a moment */
#include "abi.h"

static void show_max(void)
{
	char buf[32] = "";
	int fd = open("/proc/sys/fs/pipe-max-size", O_RDONLY);

	SHOW(read(fd, buf, sizeof(buf) - 1));
	printf("pipe-max-size: %s", buf);
	close(fd);
}

static void set_max(const char *s)
{
	int fd = open("/proc/sys/fs/pipe-max-size", O_WRONLY);

	printf("write \"%s\": %ld\n", s, write(fd, s, strlen(s)) < 0 ? -(long)errno : 0L);
	close(fd);
}

/* an unprivileged process may not grow a pipe past the maximum */
static int unprivileged(void *arg)
{
	int *p = arg;

	if (setuid(65534) != 0)
		return 1;
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 1 << 20));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 1 << 21));
	SHOW(fcntl(p[1], F_GETPIPE_SZ));
	return 0;
}

int main(void)
{
	int p[2];

	/* every write keeps the default: tests run in parallel (natively, on
	 * one host), and others rely on it */
	show_max();
	set_max("1000000\n");
	show_max();
	set_max("junk");
	set_max("-1");
	set_max("2147483649");
	set_max(" 1048576 ");
	show_max();
	SHOW(pipe(p));
	abi_run_child("unprivileged", unprivileged, p);
	return 0;
}
