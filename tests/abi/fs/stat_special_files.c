/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* stat of devices, /proc files, links and directories: type, mode, nlink, size, blksize, rdev. */
/* abi: glibc */
#include "abi.h"

#include <sys/sysmacros.h>

static void show(const char *path, int nlink)
{
	struct stat st;

	if (lstat(path, &st)) {
		printf("%s: %s\n", path, abi_errname(errno));
		return;
	}
	printf("%s: mode %06o", path, st.st_mode);
	if (nlink)
		printf(" nlink %lu", (unsigned long)st.st_nlink);
	printf(" size %lld blksize %ld blocks %lld rdev %u:%u uid %u\n", (long long)st.st_size,
	       (long)st.st_blksize, (long long)st.st_blocks, major(st.st_rdev), minor(st.st_rdev),
	       st.st_uid);
}

int main(void)
{
	struct stat st;
	static const char *const devs[] = {"/dev/null",	  "/dev/zero",	  "/dev/full",
					   "/dev/random", "/dev/urandom", "/dev/tty",
					   "/dev/console"};
	static const char *const procs[] = {
		"/proc/self/status",  "/proc/self/stat",
		"/proc/self/cmdline", "/proc/self/maps",
		"/proc/self/mounts",  "/proc/self/mountinfo",
		"/proc/meminfo",      "/proc/uptime",
		"/proc/self/comm",    "/proc/self/exe",
		"/proc/self/cwd",     "/proc/self/fd/1",
		"/proc/self/fd/0",    "/proc/self",
		"/proc/mounts",	      "/proc/sys/kernel/hostname",
	};

	for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		show(devs[i], 1);
	for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
		show(procs[i], 1);
	show("/proc/self/fd", 0);
	show("/proc", 0);
	mkdir("d", 0750);
	mkdir("d/sub", 0755);
	SHOW(lstat("d", &st));
	printf("d: mode %06o nlink %lu\n", st.st_mode, (unsigned long)st.st_nlink);
	rmdir("d/sub");
	rmdir("d");
	return 0;
}
