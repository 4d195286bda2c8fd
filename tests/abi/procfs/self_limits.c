/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/limits: every resource limit, Linux's names, columns and units. */
#include "abi.h"
#include <sys/resource.h>

static const struct {
	int res;
	rlim_t cur, max;
} set[] = {
	{RLIMIT_CPU, RLIM_INFINITY, RLIM_INFINITY},
	{RLIMIT_FSIZE, 1 << 30, RLIM_INFINITY},
	{RLIMIT_DATA, RLIM_INFINITY, RLIM_INFINITY},
	{RLIMIT_STACK, 8388608, RLIM_INFINITY},
	{RLIMIT_CORE, 0, 0},
	{RLIMIT_RSS, RLIM_INFINITY, RLIM_INFINITY},
	{RLIMIT_NPROC, 1000, 2000},
	{RLIMIT_NOFILE, 1024, 4096},
	{RLIMIT_MEMLOCK, 65536, 65536},
	{RLIMIT_AS, RLIM_INFINITY, RLIM_INFINITY},
	{RLIMIT_LOCKS, RLIM_INFINITY, RLIM_INFINITY},
	{RLIMIT_SIGPENDING, 500, 600},
	{RLIMIT_MSGQUEUE, 819200, 819200},
	{RLIMIT_NICE, 0, 0},
	{RLIMIT_RTPRIO, 0, 0},
	{RLIMIT_RTTIME, RLIM_INFINITY, RLIM_INFINITY},
};

int main(void)
{
	char buf[4096];
	struct stat st;
	ssize_t n;
	size_t i;
	int fd;

	for (i = 0; i < ABI_COUNT(set); i++) {
		struct rlimit r = {set[i].cur, set[i].max};

		if (setrlimit(set[i].res, &r))
			printf("setrlimit %d: %s\n", set[i].res, abi_errname(errno));
	}
	fd = open("/proc/self/limits", O_RDONLY);
	n = abi_read_all(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	fputs(buf, stdout);
	SHOW(stat("/proc/self/limits", &st));
	printf("mode %o\n", st.st_mode);
	return 0;
}
