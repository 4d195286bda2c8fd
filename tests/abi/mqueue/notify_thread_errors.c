/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGEV_THREAD's errors: the socket (EBADF, ENOTSOCK, EINVAL), the cookie (EFAULT), the queue, EBUSY. */
/* abi: glibc */
#define MQ_BASE "abi_mq_notify_thread_errors"
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/netlink.h>
#include "mq.h"

int main(void)
{
	char ck[32] = "cookie";
	struct sigevent ev = {.sigev_notify = SIGEV_THREAD, .sigev_value.sival_ptr = ck};
	int s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), u = socket(AF_UNIX, SOCK_DGRAM, 0);
	int p[2];
	char buf[64];
	mqd_t q = mq_open(QS, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);

	SHOW(pipe(p));
	ev.sigev_signo = -1;
	SHOW(syscall(SYS_mq_notify, q, &ev));
	ev.sigev_signo = 999;
	SHOW(syscall(SYS_mq_notify, q, &ev));
	ev.sigev_signo = p[0];
	SHOW(syscall(SYS_mq_notify, q, &ev));
	ev.sigev_signo = u;
	SHOW(syscall(SYS_mq_notify, q, &ev));
	ev.sigev_signo = s;
	ev.sigev_value.sival_ptr = ABI_BADPTR;
	SHOW(syscall(SYS_mq_notify, q, &ev));
	ev.sigev_value.sival_ptr = ck;
	/* the socket is checked before the queue */
	SHOW(syscall(SYS_mq_notify, p[0], &ev));
	SHOW(syscall(SYS_mq_notify, -1, &ev));
	ev.sigev_signo = 999;
	SHOW(syscall(SYS_mq_notify, -1, &ev));
	/* nothing was left on the socket by the failures */
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	ev.sigev_signo = s;
	SHOW(syscall(SYS_mq_notify, q, &ev));
	SHOW(syscall(SYS_mq_notify, q, &ev));
	SHOW(recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	/* a registration outlives its socket's descriptor */
	SHOW(close(s));
	SHOW(mq_send(q, "a", 1, 0));
	SHOW(syscall(SYS_mq_notify, q, NULL));
	SHOW(mq_close(q));
	SHOW(mq_unlink(QS));
	return 0;
}
