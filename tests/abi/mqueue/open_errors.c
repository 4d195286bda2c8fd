/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mq_open's name rules and errors, at the system call (no libc name rewriting). */
/* abi: glibc */
#define MQ_BASE "abi_mq_open_errors"
#include "mq.h"

#define Q QK

int main(void)
{
	static char big[8192];
	char long_name[300];
	struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = 16};
	int fd;

	memset(long_name, 'x', sizeof(long_name));
	long_name[256] = '\0';
	SHOW(syscall(SYS_mq_open, "", O_RDWR | O_CREAT, 0600, NULL));
	SHOW(syscall(SYS_mq_open, "a/b", O_RDWR | O_CREAT, 0600, NULL));
	SHOW(syscall(SYS_mq_open, ".", O_RDWR | O_CREAT, 0600, NULL));
	SHOW(syscall(SYS_mq_open, "..", O_RDWR, 0600, NULL));
	SHOW(syscall(SYS_mq_open, long_name, O_RDWR | O_CREAT, 0600, NULL));
	long_name[255] = '\0';
	SHOW(syscall(SYS_mq_open, long_name, O_RDWR, 0600, NULL));
	SHOW(syscall(SYS_mq_open, ABI_BADPTR, O_RDWR, 0600, NULL));
	SHOW(syscall(SYS_mq_open, Q, O_RDWR, 0600, ABI_BADPTR));
	SHOW(syscall(SYS_mq_open, Q, O_RDWR, 0600, NULL));
	SHOW(syscall(SYS_mq_open, Q, O_RDWR | O_WRONLY, 0600, NULL));
	fd = SHOW_OK(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT | O_EXCL, 0600, &attr));
	FACT("cloexec without O_CLOEXEC", fcntl(fd, F_GETFD) & FD_CLOEXEC);
	SHOW(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT | O_EXCL, 0600, &attr));
	SHOW(syscall(SYS_mq_open, Q, O_RDWR | O_WRONLY, 0600, NULL));
	SHOW(syscall(SYS_mq_open, Q, O_RDWR | O_WRONLY | O_CREAT, 0600, NULL));
	SHOW(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT, 0600, ABI_BADPTR));
	fd = SHOW_OK(syscall(SYS_mq_open, Q, O_RDONLY | O_CLOEXEC, 0, NULL));
	FACT("cloexec with O_CLOEXEC", fcntl(fd, F_GETFD) & FD_CLOEXEC);
	FACT("O_RDONLY in F_GETFL", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
	/* the libc takes "/name" and passes "name" */
	fd = SHOW_OK(mq_open(QS, O_WRONLY));
	SHOW(mq_unlink(QS));
	SHOW(syscall(SYS_mq_unlink, Q));
	/* a new queue opened O_RDWR | O_WRONLY: made, but for neither */
	fd = SHOW_OK(syscall(SYS_mq_open, QK_N(1), O_RDWR | O_WRONLY | O_CREAT, 0600, NULL));
	SHOW(syscall(SYS_mq_timedsend, fd, "x", 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedreceive, fd, big, sizeof(big), NULL, NULL));
	SHOW(syscall(SYS_mq_unlink, QK_N(1)));
	SHOW(syscall(SYS_mq_unlink, ""));
	SHOW(syscall(SYS_mq_unlink, "a/b"));
	SHOW(syscall(SYS_mq_unlink, long_name));
	SHOW(syscall(SYS_mq_unlink, ABI_BADPTR));
	return 0;
}
