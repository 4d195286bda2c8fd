/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/<pid>/stat of another user's process hides its addresses: startcode/endcode 1, startstack and start_brk 0. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>

static const char *kind(unsigned long long v)
{
	return v == 0 ? "0" : v == 1 ? "1" : "address";
}

static void show(const char *label, pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long f[53] = {0};
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0 || abi_read_all(fd, buf, sizeof(buf)) <= 0) {
		printf("%s: %s\n", label, abi_errname(errno));
		return;
	}
	close(fd);
	p = strrchr(buf, ')') + 2; /* field 3 onwards */
	for (i = 3; i <= 52 && *p; i++) {
		f[i] = strtoull(p, &p, 10);
		while (*p == ' ' || (*p >= 'A' && *p <= 'Z'))
			p++;
	}
	printf("%s: startcode %s endcode %s startstack %s start_brk %s\n", label, kind(f[26]),
	       kind(f[27]), kind(f[28]), kind(f[47]));
}

static int as_user(void *arg)
{
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	show("root's process", *(pid_t *)arg);
	show("its own", getpid());
	return 0;
}

int main(void)
{
	pid_t self = getpid();

	show("root, its own", self);
	abi_run_child("uid 1000", as_user, &self);
	return 0;
}
