/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A full or empty queue: EAGAIN with O_NONBLOCK, ETIMEDOUT past the deadline; timeouts checked first. */
/* abi: glibc */
#define MQ_BASE "abi_mq_nonblock"
#include "mq.h"

#include <time.h>

#define Q QK

int main(void)
{
	struct mq_attr a = {.mq_maxmsg = 1, .mq_msgsize = 8}, set = {0}, old;
	struct timespec past = {1, 0}, bad = {0, 1000000000}, neg = {-1, 0}, soon;
	char buf[8];
	long q;

	q = SHOW_OK(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600, &a));
	SHOW(syscall(SYS_mq_timedreceive, q, buf, 8, NULL, NULL));
	SHOW(syscall(SYS_mq_timedsend, q, "a", 1, 0, &bad));
	SHOW(syscall(SYS_mq_timedsend, q, "a", 1, 0, ABI_BADPTR));
	SHOW(syscall(SYS_mq_timedsend, q, "a", 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, q, "b", 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedreceive, q, buf, 8, NULL, &neg));
	set.mq_flags = 0;
	SHOW(syscall(SYS_mq_getsetattr, q, &set, &old));
	printf("old flags %s\n", old.mq_flags == O_NONBLOCK ? "O_NONBLOCK" : "0");
	FACT("F_GETFL O_NONBLOCK", fcntl(q, F_GETFL) & O_NONBLOCK);
	SHOW(syscall(SYS_mq_timedsend, q, "b", 1, 0, &past));
	clock_gettime(CLOCK_REALTIME, &soon);
	soon.tv_nsec += 50000000;
	if (soon.tv_nsec >= 1000000000) {
		soon.tv_sec++;
		soon.tv_nsec -= 1000000000;
	}
	SHOW(syscall(SYS_mq_timedsend, q, "b", 1, 0, &soon));
	SHOW(syscall(SYS_mq_timedreceive, q, buf, 8, NULL, &past));
	SHOW(syscall(SYS_mq_timedreceive, q, buf, 8, NULL, &past));
	set.mq_flags = O_NONBLOCK | O_RDWR;
	SHOW(syscall(SYS_mq_getsetattr, q, &set, NULL));
	set.mq_flags = O_NONBLOCK;
	SHOW(syscall(SYS_mq_getsetattr, q, &set, ABI_BADPTR));
	SHOW(syscall(SYS_mq_getsetattr, q, ABI_BADPTR, NULL));
	SHOW(syscall(SYS_mq_getsetattr, q, NULL, &old));
	printf("flags now %s\n", old.mq_flags == O_NONBLOCK ? "O_NONBLOCK" : "0");
	SHOW(syscall(SYS_mq_timedreceive, q, buf, 8, NULL, NULL));
	SHOW(syscall(SYS_mq_unlink, Q));
	return 0;
}
