/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Without CAP_SYS_RESOURCE: msg_max and msgsize_max bound the attributes; RLIMIT_MSGQUEUE. */
/* abi: glibc */
#define MQ_BASE "abi_mq_user_limits"
#include "mq.h"

#include <sys/resource.h>

#define Q QK

static void try(long maxmsg, long msgsize)
{
	struct mq_attr a = {.mq_maxmsg = maxmsg, .mq_msgsize = msgsize};
	long fd = syscall(SYS_mq_open, Q, O_RDWR | O_CREAT | O_EXCL, 0600, &a);

	printf("maxmsg %ld msgsize %ld: %s\n", maxmsg, msgsize, fd < 0 ? abi_errname(errno) : "ok");
	if (fd >= 0) {
		close(fd);
		syscall(SYS_mq_unlink, Q);
	}
}

int main(void)
{
	struct rlimit rl = {100000, 100000};
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			printf("FAIL: setuid\n");
		try(10, 8192);
		try(11, 16);
		try(10, 8193);
		SHOW(setrlimit(RLIMIT_MSGQUEUE, &rl));
		long q1 = SHOW_OK(syscall(SYS_mq_open, QK_N(1), O_RDWR | O_CREAT, 0600, NULL));
		SHOW(syscall(SYS_mq_open, QK_N(2), O_RDWR | O_CREAT, 0600, NULL));
		struct mq_attr small = {.mq_maxmsg = 1, .mq_msgsize = 128};
		SHOW_OK(syscall(SYS_mq_open, QK_N(2), O_RDWR | O_CREAT, 0600, &small));
		/* the charge stays while the queue is open, named or not */
		SHOW(syscall(SYS_mq_unlink, QK_N(1)));
		SHOW(syscall(SYS_mq_open, QK_N(3), O_RDWR | O_CREAT, 0600, NULL));
		SHOW(close(q1));
		SHOW_OK(syscall(SYS_mq_open, QK_N(3), O_RDWR | O_CREAT, 0600, NULL));
		SHOW(syscall(SYS_mq_unlink, QK_N(2)));
		SHOW(syscall(SYS_mq_unlink, QK_N(3)));
		_exit(0);
	}
	abi_wait_child("child", pid);
	return 0;
}
