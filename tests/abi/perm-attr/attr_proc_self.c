/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A non-dumpable process's /proc/self is root's: its environ is EACCES, yet its fd/ and links stay its own. */
/* abi: glibc */
#include "abi.h"
#include <dirent.h>
#include <grp.h>
#include <sys/prctl.h>

static void owner(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		printf("  %s: %u:%u\n", path, (unsigned)st.st_uid, (unsigned)st.st_gid);
}

static void look(void)
{
	char buf[256];
	DIR *d = opendir("/proc/self/fd");
	int fd = open("/proc/self/environ", O_RDONLY);

	owner("/proc/self/status");
	owner("/proc/self/environ");
	printf("  open environ: %s\n", fd >= 0 ? "ok" : abi_errname(errno));
	close(fd);
	fd = open("/proc/self/status", O_RDONLY);
	printf("  read status: %s\n", fd >= 0 && read(fd, buf, sizeof(buf)) > 0 ? "ok" : "no");
	close(fd);
	printf("  opendir fd: %s\n", d ? "ok" : abi_errname(errno));
	if (d)
		closedir(d);
	printf("  readlink fd/1: %s\n",
	       readlink("/proc/self/fd/1", buf, sizeof(buf)) > 0 ? "ok" : abi_errname(errno));
	printf("  readlink cwd: %s\n",
	       readlink("/proc/self/cwd", buf, sizeof(buf)) > 0 ? "ok" : abi_errname(errno));
}

static int as_user(void *arg)
{
	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	prctl(PR_SET_DUMPABLE, 1);
	printf("dumpable:\n");
	look();
	prctl(PR_SET_DUMPABLE, 0);
	printf("not dumpable:\n");
	look();
	return 0;
}

int main(void)
{
	abi_run_child("uid 1000", as_user, NULL);
	return 0;
}
