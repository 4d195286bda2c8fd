/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/oom_score: read-only, within Linux's 0..2000 scale, and higher with a higher oom_score_adj. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>

static void put(const char *v)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	if (fd < 0 || write(fd, v, strlen(v)) < 0)
		printf("write %s: %s\n", v, abi_errname(errno));
	close(fd);
}

static long score(void)
{
	char buf[32] = "";
	int fd = open("/proc/self/oom_score", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	return n > 0 ? atol(buf) : -1;
}

static int child(void *arg)
{
	long s0, s500, s1000;
	int fd;

	(void)arg;
	fd = open("/proc/self/oom_score", O_WRONLY);
	SHOW(write(fd, "1", 1));
	close(fd);
	put("0");
	s0 = score();
	CHECK(s0 >= 600 && s0 < 1000); /* (1000 + small) * 2/3 */
	put("500");
	s500 = score();
	put("1000");
	s1000 = score();
	CHECK(s500 > s0);
	CHECK(s1000 > s500);
	CHECK(s1000 >= 1300 && s1000 <= 2000);
	return 0;
}

int main(void)
{
	abi_run_child("child", child, NULL);
	return 0;
}
