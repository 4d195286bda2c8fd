/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mount -t sysfs on a fresh directory shows the same cpu files as /sys; umount gives the directory back. */
/* abi: glibc */
#include "abi.h"

#include <linux/magic.h>
#include <sys/mount.h>
#include <sys/vfs.h>

static void slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : -1;

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char a[128], b[128];
	struct statfs sf;
	int fd;

	SHOW(mkdir("s", 0755));
	SHOW(mount("sysfs", "s", "sysfs", 0, NULL));
	SHOW(statfs("s", &sf));
	FACT("f_type is SYSFS_MAGIC", sf.f_type == SYSFS_MAGIC);
	slurp("s/devices/system/cpu/online", a, sizeof(a));
	slurp("/sys/devices/system/cpu/online", b, sizeof(b));
	FACT("online reads the same", a[0] && !strcmp(a, b));
	slurp("s/devices/system/cpu/possible", a, sizeof(a));
	slurp("/sys/devices/system/cpu/possible", b, sizeof(b));
	FACT("possible reads the same", a[0] && !strcmp(a, b));
	SHOW(umount2("s", 0));
	SHOW(access("s/devices", F_OK));
	SHOW(mount("sysfs", "s", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
	fd = open("s/devices/system/cpu/online", O_RDONLY);
	FACT("read-only instance opens", fd >= 0);
	SHOW(open("s/devices/system/cpu/online", O_WRONLY));
	SHOW(umount2("s", 0));
	close(fd);
	SHOW(umount2("s", 0));
	SHOW(mount("sysfs", "missing", "sysfs", 0, NULL));
	SHOW(rmdir("s"));
	return 0;
}
