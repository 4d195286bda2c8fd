/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self links to the caller's pid, in a forked child too; /proc/<pid> is a directory. */
#include "abi.h"

static void check(const char *who)
{
	char buf[32] = "", want[32];
	struct stat st;

	snprintf(want, sizeof(want), "%d", (int)getpid());
	readlink("/proc/self", buf, sizeof(buf) - 1);
	printf("%s: readlink(/proc/self) is our pid: %s\n", who, strcmp(buf, want) ? "no" : "yes");
	if (lstat("/proc/self", &st) == 0)
		printf("%s: /proc/self is a symlink: %s\n", who,
		       S_ISLNK(st.st_mode) ? "yes" : "no");
	snprintf(want, sizeof(want), "/proc/%d", (int)getpid());
	if (stat(want, &st) == 0)
		printf("%s: /proc/<pid> is a directory: %s\n", who,
		       S_ISDIR(st.st_mode) ? "yes" : "no");
}

int main(void)
{
	pid_t pid;

	check("parent");
	pid = fork();
	if (pid == 0) {
		check("child");
		_exit(0);
	}
	abi_wait_child("child", pid);
	return 0;
}
