/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SETLKW waits for a conflicting lock to go, then takes the range. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct flock wr = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
	struct flock un = {.l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
	int p[2], r;
	pid_t pid;
	char c;

	SHOW(pipe(p));
	SHOW(fcntl(fd, F_SETLK, &wr));
	pid = fork();
	if (pid == 0) {
		struct flock rd = {
			.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 5, .l_len = 1};
		char buf[16] = "";

		write(p[1], "r", 1);
		SHOW(fcntl(fd, F_SETLKW, &rd));
		SHOW(pread(fd, buf, sizeof(buf) - 1, 0));
		printf("child read after the lock: %s\n", buf);
		_exit(0);
	}
	read(p[0], &c, 1);
	usleep(100000);
	SHOW(write(fd, "unlocked", 8));
	r = fcntl(fd, F_SETLK, &un); /* printed after the child, which runs at once */
	abi_wait_child("child", pid);
	printf("parent: unlock = %d\n", r);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink("f");
	return 0;
}
