/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/<pid> and its files belong to the process's euid/egid while it is dumpable, else to root; Linux's modes. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/prctl.h>

static void show(pid_t pid, const char *name)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d%s%s", (int)pid, *name ? "/" : "", name);
	if (lstat(path, &st) == 0)
		printf("  /proc/<pid>/%s: %u:%u %06o\n", name, (unsigned)st.st_uid,
		       (unsigned)st.st_gid, (unsigned)st.st_mode);
	else
		printf("  /proc/<pid>/%s: %s\n", name, abi_errname(errno));
}

/* (/proc/<pid> itself keeps the owner Linux gave it at its first lookup) */
static void show_all(pid_t pid)
{
	const char *names[] = {"status", "stat", "cmdline", "environ", "fd",	 "fd/0",
			       "cwd",	 "root", "exe",	    "maps",    "limits", "comm"};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		show(pid, names[i]);
}

int main(void)
{
	int go[2], done[2];
	char c;
	pid_t pid;

	if (pipe(go) || pipe(done))
		return 1;
	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) || setresgid(1001, 1001, 1001) ||
		    setresuid(1000, 1000, 1000))
			_exit(99);
		prctl(PR_SET_DUMPABLE, 1);
		write(go[1], "1", 1);
		read(done[0], &c, 1);
		prctl(PR_SET_DUMPABLE, 0);
		write(go[1], "2", 1);
		read(done[0], &c, 1);
		_exit(0);
	}
	read(go[0], &c, 1);
	printf("dumpable:\n");
	show(pid, "");
	show_all(pid);
	write(done[1], "x", 1);
	read(go[0], &c, 1);
	printf("not dumpable:\n");
	show_all(pid);
	write(done[1], "x", 1);
	abi_wait_child("child", pid);
	return 0;
}
