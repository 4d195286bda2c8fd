/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Messages come out highest priority first, FIFO within a priority, with their priority. */
/* abi: glibc */
#define MQ_BASE "abi_mq_send_receive"
#include "mq.h"

#define Q QS

int main(void)
{
	struct mq_attr a = {.mq_maxmsg = 8, .mq_msgsize = 32}, got;
	char buf[64];
	unsigned prio;
	mqd_t q;

	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, &a);
	CHECK(q != (mqd_t)-1);
	SHOW(mq_send(q, "low-1", 5, 1));
	SHOW(mq_send(q, "high", 4, 30));
	SHOW(mq_send(q, "low-2", 5, 1));
	SHOW(mq_send(q, "zero", 4, 0));
	SHOW(mq_send(q, "", 0, 5));
	SHOW(mq_send(q, "max", 3, 32767));
	SHOW(syscall(SYS_mq_timedsend, q, "bad", 3, 32768, NULL));
	SHOW(syscall(SYS_mq_timedsend, q, "bad", 3, -1, NULL));
	SHOW(mq_getattr(q, &got));
	printf("curmsgs %ld\n", got.mq_curmsgs);
	for (int i = 0; i < 6; i++) {
		ssize_t n = mq_receive(q, buf, sizeof(buf), &prio);

		printf("got %zd \"%.*s\" prio %u\n", n, n > 0 ? (int)n : 0, buf, prio);
	}
	SHOW(mq_send(q, "x", 1, 3));
	SHOW(syscall(SYS_mq_timedreceive, q, buf, sizeof(buf), NULL, NULL));
	SHOW(mq_getattr(q, &got));
	printf("curmsgs %ld\n", got.mq_curmsgs);
	SHOW(mq_close(q));
	SHOW(mq_unlink(Q));
	return 0;
}
