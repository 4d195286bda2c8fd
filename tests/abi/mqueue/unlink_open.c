/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mq_unlink removes the name; descriptors already open keep the queue and its messages. */
/* abi: glibc */
#define MQ_BASE "abi_mq_unlink"
#include "mq.h"

#define Q QS

int main(void)
{
	char buf[8192];
	mqd_t q, q2;

	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
	CHECK(q != (mqd_t)-1);
	SHOW(mq_send(q, "kept", 4, 0));
	SHOW(mq_unlink(Q));
	SHOW(mq_unlink(Q));
	SHOW(mq_open(Q, O_RDWR));
	SHOW(mq_send(q, "more", 4, 0));
	ssize_t n = SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	printf("got \"%.*s\"\n", n > 0 ? (int)n : 0, buf);
	/* a new queue under the same name is another queue */
	q2 = mq_open(Q, O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600, NULL);
	CHECK(q2 != (mqd_t)-1);
	SHOW(mq_receive(q2, buf, sizeof(buf), NULL));
	n = SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	printf("got \"%.*s\"\n", n > 0 ? (int)n : 0, buf);
	SHOW(mq_close(q));
	SHOW(mq_close(q2));
	SHOW(mq_unlink(Q));
	return 0;
}
