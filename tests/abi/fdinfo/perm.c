/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Another uid may not open or look into a process's fdinfo (EACCES); its own is readable. */
/* abi: glibc */
#include "fdinfo.h"
#include <dirent.h>

int main(void)
{
	char path[64];
	struct stat st;
	pid_t target, c;
	int p[2];

	pipe(p);
	target = fork();
	if (target == 0) {
		close(p[1]);
		read(p[0], path, 1);
		_exit(0);
	}
	c = fork();
	if (c == 0) {
		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(9);
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/0", target);
		SHOW(open(path, O_RDONLY));
		SHOW(stat(path, &st));
		snprintf(path, sizeof(path), "/proc/%d/fdinfo", target);
		SHOW(stat(path, &st));
		printf("dir mode %o\n", st.st_mode);
		SHOW(open(path, O_RDONLY | O_DIRECTORY));
		SHOW(open(path, O_PATH) >= 0);
		snprintf(path, sizeof(path), "/proc/%d/fd", target);
		SHOW(open(path, O_RDONLY | O_DIRECTORY));
		SHOW(fdinfo_get(0) > 0);
		SHOW(fdinfo_get_pid(getpid(), 1) > 0);
		SHOW(open("/proc/self/fdinfo", O_RDONLY | O_DIRECTORY) >= 0);
		_exit(0);
	}
	abi_wait_child("other uid", c);
	SHOW(fdinfo_get_pid(target, 0) > 0);
	close(p[1]);
	abi_wait_child("target", target);
	return 0;
}
