/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Send and receive errors: sizes (EMSGSIZE), access modes and descriptors (EBADF), EFAULT. */
/* abi: glibc */
#define MQ_BASE "abi_mq_io_errors"
#include "mq.h"

#define Q QK

int main(void)
{
	struct mq_attr a = {.mq_maxmsg = 4, .mq_msgsize = 8};
	char buf[16];
	unsigned prio;
	long q, r, w;

	q = SHOW_OK(syscall(SYS_mq_open, Q, O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600, &a));
	r = SHOW_OK(syscall(SYS_mq_open, Q, O_RDONLY | O_NONBLOCK, 0, NULL));
	w = SHOW_OK(syscall(SYS_mq_open, Q, O_WRONLY | O_NONBLOCK, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, q, "123456789", 9, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, q, "12345678", 8, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, r, "1", 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, w, "1", 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, w, ABI_BADPTR, 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, 1, "1", 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedsend, -1, "1", 1, 0, NULL));
	SHOW(syscall(SYS_mq_timedreceive, q, buf, 7, NULL, NULL));
	SHOW(syscall(SYS_mq_timedreceive, w, buf, sizeof(buf), NULL, NULL));
	SHOW(syscall(SYS_mq_timedreceive, 1, buf, sizeof(buf), NULL, NULL));
	SHOW(syscall(SYS_mq_timedreceive, r, buf, 8, &prio, NULL));
	SHOW(syscall(SYS_mq_timedreceive, r, ABI_BADPTR, 8, NULL, NULL));
	SHOW(syscall(SYS_mq_timedreceive, r, buf, 8, ABI_BADPTR, NULL));
	SHOW(syscall(SYS_mq_timedreceive, r, buf, 8, NULL, NULL));
	SHOW(write(q, "x", 1));
	SHOW(lseek(q, 0, SEEK_SET));
	SHOW(syscall(SYS_mq_getsetattr, 1, NULL, NULL));
	SHOW(syscall(SYS_mq_notify, 1, NULL));
	SHOW(syscall(SYS_mq_unlink, Q));
	return 0;
}
