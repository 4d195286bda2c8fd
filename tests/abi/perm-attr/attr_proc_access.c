/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Another user's /proc/<pid>/environ, maps, fd/N, cwd, root, exe are EACCES; status and others readable; one's own fine. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/prctl.h>

static void try(pid_t pid, const char *name)
{
	char path[64], buf[256];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	if (!strchr(name, '/') && strcmp(name, "cwd") && strcmp(name, "root") &&
	    strcmp(name, "exe")) {
		fd = open(path, O_RDONLY);
		printf("  open %s: %s\n", name, fd >= 0 ? "ok" : abi_errname(errno));
		if (fd >= 0)
			printf("  read %s: %s\n", name,
			       read(fd, buf, sizeof(buf)) > 0 ? "ok" : "-");
		close(fd);
	} else {
		printf("  readlink %s: %s\n", name,
		       readlink(path, buf, sizeof(buf)) > 0 ? "ok" : abi_errname(errno));
	}
}

static void try_all(pid_t pid)
{
	const char *names[] = {"status",  "environ", "maps",  "smaps",	"smaps_rollup", "limits",
			       "cmdline", "stat",    "statm", "mounts", "mountinfo",	"comm",
			       "fd/1",	  "cwd",     "root",  "exe"};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		try(pid, names[i]);
}

static int as_user(void *arg)
{
	pid_t parent = *(pid_t *)arg;

	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	prctl(PR_SET_DUMPABLE, 1); /* setresuid may have cleared it */
	printf("root's process:\n");
	try_all(parent);
	printf("its own:\n");
	try_all(getpid());
	return 0;
}

int main(void)
{
	pid_t self = getpid();

	abi_run_child("uid 1000", as_user, &self);
	return 0;
}
