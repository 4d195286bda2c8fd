/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A SIGEV_THREAD registration in the queue's status line (NOTIFY:2), and gone once it fires. */
/* abi: glibc */
#define MQ_BASE "abi_mq_thread_status"
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/netlink.h>
#include "mq.h"

static void show_status(mqd_t q)
{
	char buf[128], pid[16], *p;
	ssize_t n = pread(q, buf, sizeof(buf) - 1, 0);

	if (n < 0)
		return (void)printf("pread: %s\n", abi_errname(errno));
	buf[n] = '\0';
	snprintf(pid, sizeof(pid), "%-6d", (int)getpid());
	p = strstr(buf, pid);
	if (p) /* the pid is the host's: name it */
		memcpy(p, "<self>", 6);
	printf("%zd: %s", n, buf);
}

int main(void)
{
	char ck[32] = "c";
	struct sigevent ev = {.sigev_notify = SIGEV_THREAD, .sigev_value.sival_ptr = ck};
	mqd_t q = mq_open(QS, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
	char buf[64];

	ev.sigev_signo = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	SHOW(syscall(SYS_mq_notify, q, &ev));
	show_status(q);
	SHOW(mq_send(q, "a", 1, 0));
	show_status(q);
	SHOW(recv(ev.sigev_signo, buf, sizeof(buf), MSG_DONTWAIT));
	SHOW(mq_unlink(QS));
	return 0;
}
