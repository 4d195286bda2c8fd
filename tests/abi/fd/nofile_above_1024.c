/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_NOFILE raised past 1024: fds up to the limit, kept across fork, FDSize grows by doubling. */
/* abi: glibc */
#include "abi.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void fdsize(void)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = abi_read_all(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n > 0 ? n : 0] = 0;
	p = strstr(buf, "FDSize:");
	printf("%.*s\n", p ? (int)strcspn(p, "\n") : 0, p ? p : "");
}

int main(void)
{
	struct rlimit rl = {3000, 3000};
	int n = 0, fd, p[2];
	pid_t pid;

	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	SHOW(dup2(0, 2999));
	SHOW(dup2(0, 3000));
	SHOW(fcntl(0, F_DUPFD, 2000));
	SHOW(fcntl(0, F_DUPFD, 3000));
	fdsize();
	SHOW(pipe(p));
	pid = fork();
	if (pid == 0) {
		printf("child: fcntl(2999, F_GETFD) = %d\n", fcntl(2999, F_GETFD));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	while ((fd = dup(0)) >= 0)
		n++;
	printf("dups until %s: %d\n", abi_errname(errno), n);
	SHOW(close(2999));
	SHOW(close(2999));
	SHOW(dup(0));
	SHOW(syscall(SYS_close_range, 1500, ~0u, 0));
	SHOW(fcntl(1600, F_GETFD));
	SHOW(fcntl(1499, F_GETFD));
	return 0;
}
