/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setgroups needs CAP_SETGID (EPERM before EINVAL), and /proc/self/status shows the groups sorted with a trailing space. */
/* abi: glibc */
#include "abi.h"

#include <grp.h>

static void groups_line(void)
{
	char buf[4096], *l;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = abi_read_all(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	l = strstr(buf, "\nGroups:");
	if (l)
		printf("[%.*s]\n", (int)(strchr(l + 1, '\n') - l - 1), l + 1);
}

static int child(void *arg)
{
	gid_t g[] = {30, 10, 20}, out[8];

	(void)arg;
	SHOW(syscall(SYS_setgroups, 3, g));
	groups_line();
	SHOW(syscall(SYS_getgroups, 8, out));
	printf("%u %u %u\n", out[0], out[1], out[2]);
	SHOW(syscall(SYS_setgroups, 0, NULL));
	groups_line();
	SHOW(syscall(SYS_setgroups, 1, g));
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_setgroups, 0, NULL));
	SHOW(syscall(SYS_setgroups, 1 << 20, g));
	SHOW(syscall(SYS_setgroups, 1, ABI_BADPTR));
	SHOW(syscall(SYS_getgroups, 8, out));
	groups_line();
	return 0;
}

int main(void)
{
	abi_run_child("setgroups", child, NULL);
	return 0;
}
