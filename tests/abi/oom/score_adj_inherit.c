/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* oom_score_adj is inherited by fork and kept across execve. */
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

static int child(void *arg)
{
	char buf[16] = "";
	int fd = open("/proc/self/oom_score_adj", O_RDONLY);

	(void)arg;
	if (read(fd, buf, sizeof(buf) - 1) < 0)
		printf("read: %s\n", abi_errname(errno));
	close(fd);
	printf("child sees %s", buf);
	put("456");
	execl("/bin/cat", "cat", "/proc/self/oom_score_adj", (char *)NULL);
	printf("execl: %s\n", abi_errname(errno));
	return 1;
}

static int setter(void *arg)
{
	(void)arg;
	put("123");
	abi_run_child("child", child, NULL);
	return 0;
}

int main(void)
{
	abi_run_child("setter", setter, NULL);
	return 0;
}
