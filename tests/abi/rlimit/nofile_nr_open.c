/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_NOFILE: its hard limit stops at /proc/sys/fs/nr_open (EPERM past it); the soft limit bounds new fds (EMFILE). */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

int main(void)
{
	struct rlimit r = {5, 5};
	char buf[32] = "";
	unsigned long nr_open;
	int fd = open("/proc/sys/fs/nr_open", O_RDONLY);

	SHOW(read(fd, buf, sizeof(buf) - 1) > 0);
	close(fd);
	nr_open = strtoul(buf, NULL, 10);
	printf("nr_open: %lu\n", nr_open);
	getrlimit(RLIMIT_NOFILE, &r);
	r.rlim_max = nr_open + 1;
	SHOW(setrlimit(RLIMIT_NOFILE, &r));
	r.rlim_max = RLIM_INFINITY;
	SHOW(setrlimit(RLIMIT_NOFILE, &r));
	r = (struct rlimit){5, 5};
	SHOW(setrlimit(RLIMIT_NOFILE, &r));
	SHOW(dup(0));
	SHOW(dup(0));
	SHOW(dup(0));
	SHOW(fcntl(0, F_DUPFD, 5));
	SHOW(dup2(0, 5));
	return 0;
}
