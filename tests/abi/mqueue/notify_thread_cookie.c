/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGEV_THREAD by hand: the 32-byte cookie arrives on the netlink socket, NOTIFY_WOKENUP or NOTIFY_REMOVED. */
/* abi: glibc */
#define MQ_BASE "abi_mq_notify_cookie"
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/netlink.h>
#include "mq.h"

static int s;

/* The next cookie on s: its length, sender and last byte. */
static void cookie(const char *label)
{
	unsigned char buf[64];
	struct sockaddr_nl from = {0};
	socklen_t fl = sizeof(from);
	long n = recvfrom(s, buf, sizeof(buf), MSG_DONTWAIT, (void *)&from, &fl);

	if (n < 0)
		return (void)printf("%s: %s\n", label, abi_errname(errno));
	printf("%s: %ld bytes from pid %u, \"%.5s\" ... last byte %d\n", label, n, from.nl_pid,
	       (char *)buf, buf[31]);
}

int main(void)
{
	char ck[32] = "magic";
	struct sigevent ev = {.sigev_notify = SIGEV_THREAD, .sigev_value.sival_ptr = ck};
	char buf[8192];
	mqd_t q;

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	ev.sigev_signo = s;
	q = mq_open(QS, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
	SHOW(syscall(SYS_mq_notify, q, &ev));
	ck[0] = 'M'; /* the cookie was copied at registration */
	cookie("before a message");
	SHOW(mq_send(q, "a", 1, 0));
	cookie("message arrived");
	cookie("nothing more");
	SHOW(mq_send(q, "b", 1, 0)); /* not registered any more */
	cookie("second message");
	SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	/* unregistering sends NOTIFY_REMOVED */
	SHOW(syscall(SYS_mq_notify, q, &ev));
	SHOW(syscall(SYS_mq_notify, q, NULL));
	cookie("unregistered");
	/* so does the owner's close */
	SHOW(syscall(SYS_mq_notify, q, &ev));
	SHOW(mq_close(q));
	cookie("closed");
	/* and the owner's exit */
	q = mq_open(QS, O_RDWR);
	if (fork() == 0)
		_exit(syscall(SYS_mq_notify, q, &ev) ? 1 : 0);
	SHOW(wait(NULL) > 0);
	cookie("owner exited");
	SHOW(mq_send(q, "c", 1, 0));
	cookie("after its exit");
	SHOW(mq_unlink(QS));
	return 0;
}
