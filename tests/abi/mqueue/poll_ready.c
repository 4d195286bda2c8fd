/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A queue descriptor polls writable while there is room and readable while it holds a message. */
/* abi: glibc */
#define MQ_BASE "abi_mq_poll"
#include "mq.h"

#include <poll.h>

#define Q QS

static void show(mqd_t q)
{
	struct pollfd p = {.fd = q, .events = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM};

	int n = poll(&p, 1, 0);

	printf("poll %d revents %#x\n", n, p.revents);
}

int main(void)
{
	struct mq_attr a = {.mq_maxmsg = 2, .mq_msgsize = 8};
	struct pollfd p;
	char buf[8];
	mqd_t q, r;
	pid_t pid;

	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, &a);
	r = mq_open(Q, O_RDONLY);
	show(q);
	show(r);
	SHOW(mq_send(q, "a", 1, 0));
	show(q);
	SHOW(mq_send(q, "b", 1, 0));
	show(q);
	SHOW(mq_receive(q, buf, 8, NULL));
	SHOW(mq_receive(q, buf, 8, NULL));
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		mq_send(q, "late", 4, 0);
		_exit(0);
	}
	p = (struct pollfd){.fd = r, .events = POLLIN};
	SHOW(poll(&p, 1, 5000));
	printf("revents %#x\n", p.revents);
	abi_wait_child("child", pid);
	SHOW(mq_unlink(Q));
	return 0;
}
