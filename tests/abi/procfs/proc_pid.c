/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/<pid> of a live child is readable, a zombie shows state Z, gone once reaped. */
#include "abi.h"

static char state_of(pid_t pid)
{
	char path[64], buf[512], *p;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '-';
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	p = strrchr(buf, ')');
	return p ? p[2] : '?';
}

int main(void)
{
	siginfo_t si;
	char path[64];
	int p[2];
	pid_t pid;
	char c;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[0]);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	SHOW(access(path, F_OK));
	while (state_of(pid) == 'R')
		usleep(1000);
	printf("blocked child state: %c\n", state_of(pid));
	close(p[1]);
	waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
	printf("zombie state: %c\n", state_of(pid));
	abi_wait_child("child", pid);
	SHOW(access(path, F_OK));
	return 0;
}
