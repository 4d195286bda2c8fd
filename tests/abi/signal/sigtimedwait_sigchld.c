/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A blocked SIGCHLD at SIG_DFL (ignored by default) that arrives during sigtimedwait is taken, not dropped. */
#include <sched.h>
#include <time.h>
#include "abi.h"

/* The child waits until its parent sleeps in sigtimedwait, then exits 7. */
static void child(pid_t parent)
{
	char path[64], buf[256], *st;
	int fd, n;

	alarm(10);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)parent);
	for (;;) {
		fd = open(path, O_RDONLY);
		n = fd < 0 ? -1 : (int)read(fd, buf, sizeof(buf) - 1);
		if (fd >= 0)
			close(fd);
		buf[n > 0 ? n : 0] = 0;
		st = strrchr(buf, ')');
		if (st && st[1] == ' ' && st[2] == 'S')
			_exit(7);
		sched_yield();
	}
}

int main(void)
{
	struct timespec wait = {5, 0}, zero = {0, 0};
	sigset_t set;
	siginfo_t si;
	pid_t pid;
	int status;

	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = fork();
	if (pid == 0)
		child(getppid());
	memset(&si, 0, sizeof(si));
	printf("sigtimedwait = %s\n", abi_signame(sigtimedwait(&set, &si, &wait)));
	printf("si_code=%s si_status=%d from the child: %s\n", abi_sicode(si.si_signo, si.si_code),
	       si.si_status, si.si_pid == pid ? "yes" : "no");
	SHOW(sigtimedwait(&set, &si, &zero));
	CHECK(waitpid(pid, &status, 0) == pid);
	printf("exited %d, status %d\n", WIFEXITED(status), WEXITSTATUS(status));
	return 0;
}
