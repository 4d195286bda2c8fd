/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sys/kernel files tools read: tainted, ngroups_max, cap_last_cap, overflowuid, pid_max, printk. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>

static void show(const char *path)
{
	char buf[128];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	buf[n > 0 ? n : 0] = '\0';
	printf("%s: %s", path, n > 0 ? buf : "(unreadable)\n");
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char buf[64];
	int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	FACT("pid_max >= 32768", atol(buf) >= 32768);
	close(fd);
	fd = open("/proc/sys/kernel/printk", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	{
		int c, d, m, dc;

		FACT("printk: four levels",
		     sscanf(buf, "%d\t%d\t%d\t%d\n", &c, &d, &m, &dc) == 4 && m == 1);
	}
	show("/proc/sys/kernel/tainted");
	show("/proc/sys/kernel/ngroups_max");
	show("/proc/sys/kernel/cap_last_cap");
	show("/proc/sys/kernel/overflowuid");
	show("/proc/sys/kernel/overflowgid");
	printf("CAP_LAST_CAP %d\n", CAP_LAST_CAP);
	return 0;
}
