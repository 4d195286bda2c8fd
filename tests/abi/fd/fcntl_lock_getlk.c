/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_GETLK reports the first conflicting lock (type, range from SEEK_SET, holder's pid) or F_UNLCK. */
/* abi: glibc */
#include "abi.h"

static pid_t parent;

static void probe(int fd, short type, short whence, off_t start, off_t len)
{
	struct flock fl = {.l_type = type, .l_whence = whence, .l_start = start, .l_len = len};
	int r = fcntl(fd, F_GETLK, &fl);

	printf("F_GETLK %s %lld+%lld (whence %d) = %d: type %s", type == F_RDLCK ? "RD" : "WR",
	       (long long)start, (long long)len, whence, r,
	       fl.l_type == F_UNLCK   ? "UNLCK"
	       : fl.l_type == F_RDLCK ? "RDLCK"
				      : "WRLCK");
	if (fl.l_type != F_UNLCK)
		printf(" whence %d start %lld len %lld pid-is-parent %s", fl.l_whence,
		       (long long)fl.l_start, (long long)fl.l_len,
		       fl.l_pid == parent ? "yes" : "no");
	else
		printf(" whence %d start %lld len %lld pid %d", fl.l_whence, (long long)fl.l_start,
		       (long long)fl.l_len, fl.l_pid);
	printf("\n");
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct flock wr = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 10};
	struct flock rd = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 0};
	pid_t pid;

	parent = getpid();
	SHOW(write(fd, "0123456789012345678901234567890123456789", 40));
	SHOW(fcntl(fd, F_SETLK, &wr));
	SHOW(fcntl(fd, F_SETLK, &rd));
	probe(fd, F_WRLCK, SEEK_SET, 0, 0); /* own locks never conflict */
	pid = fork();
	if (pid == 0) {
		probe(fd, F_WRLCK, SEEK_SET, 0, 10);
		probe(fd, F_WRLCK, SEEK_SET, 0, 11);
		probe(fd, F_RDLCK, SEEK_SET, 19, 1);
		probe(fd, F_RDLCK, SEEK_SET, 20, 50);
		probe(fd, F_RDLCK, SEEK_SET, 20, 0);
		probe(fd, F_WRLCK, SEEK_SET, 20, 0);
		probe(fd, F_WRLCK, SEEK_SET, 1000000, 5);
		probe(fd, F_WRLCK, SEEK_END, -30, 5);
		probe(fd, F_WRLCK, SEEK_CUR, -1, 1);
		probe(fd, F_WRLCK, SEEK_SET, 25, -10);
		_exit(0);
	}
	abi_wait_child("child", pid);
	close(fd);
	unlink("f");
	return 0;
}
