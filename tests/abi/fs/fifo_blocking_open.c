/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A blocking FIFO open waits for the other end: a reader for a writer, a writer for a reader. */
/* abi: glibc */
#include "abi.h"

static int writer(void *arg)
{
	int fd = open("fifo", O_WRONLY); /* waits for the parent's reader */

	(void)arg;
	if (fd < 0)
		return 1;
	if (write(fd, "from child", 10) != 10)
		return 2;
	close(fd);
	return 0;
}

static int reader(void *arg)
{
	char buf[16];
	int fd = open("fifo", O_RDONLY); /* waits for the parent's writer */

	(void)arg;
	if (fd < 0 || read(fd, buf, sizeof(buf)) != 6 || memcmp(buf, "parent", 6))
		return 1;
	return read(fd, buf, sizeof(buf)) == 0 ? 0 : 2; /* end of file */
}

int main(void)
{
	char buf[16] = "";
	pid_t pid;
	int fd;

	SHOW(mkfifo("fifo", 0600));
	pid = fork();
	if (pid == 0)
		_exit(writer(NULL));
	fd = open("fifo", O_RDONLY);
	SHOW(fd >= 0);
	SHOW(read(fd, buf, sizeof(buf)));
	printf("got: %.10s\n", buf);
	SHOW(read(fd, buf, sizeof(buf)));
	abi_wait_child("writer", pid);
	close(fd);
	pid = fork();
	if (pid == 0)
		_exit(reader(NULL));
	fd = open("fifo", O_WRONLY);
	SHOW(fd >= 0);
	SHOW(write(fd, "parent", 6));
	close(fd);
	abi_wait_child("reader", pid);
	SHOW(unlink("fifo"));
	return 0;
}
