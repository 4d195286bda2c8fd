/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A receiver blocks until a message comes; a sender blocks until there is room. */
/* abi: glibc */
#define MQ_BASE "abi_mq_blocking"
#include "mq.h"

#define Q QS

int main(void)
{
	struct mq_attr a = {.mq_maxmsg = 1, .mq_msgsize = 16};
	char buf[16];
	mqd_t q;
	pid_t pid;

	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, &a);
	CHECK(q != (mqd_t)-1);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		mq_send(q, "from child", 10, 1);
		_exit(0);
	}
	ssize_t n = SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	printf("got \"%.*s\"\n", n > 0 ? (int)n : 0, buf);
	abi_wait_child("sender", pid);
	SHOW(mq_send(q, "first", 5, 0));
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		n = mq_receive(q, buf, sizeof(buf), NULL);
		_exit(n == 5 ? 0 : 1);
	}
	SHOW(mq_send(q, "second", 6, 0));
	abi_wait_child("receiver", pid);
	n = SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	printf("got \"%.*s\"\n", n > 0 ? (int)n : 0, buf);
	SHOW(mq_unlink(Q));
	return 0;
}
