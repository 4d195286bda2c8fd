/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A registration goes when its owner closes any descriptor of the queue, or exits. */
/* abi: glibc */
#define MQ_BASE "abi_mq_notify_close"
#include "mq.h"

#define Q QS

int main(void)
{
	struct sigevent ev = {.sigev_notify = SIGEV_NONE};
	mqd_t q, d;
	pid_t pid;

	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
	SHOW(mq_notify(q, &ev));
	SHOW(mq_notify(q, &ev));
	d = SHOW_OK(dup(q));
	SHOW(close(d));
	SHOW(mq_notify(q, &ev));
	/* another process closing its copy does not matter */
	pid = fork();
	if (pid == 0) {
		close(q);
		_exit(0);
	}
	abi_wait_child("child closes", pid);
	SHOW(mq_notify(q, &ev));
	SHOW(mq_notify(q, NULL));
	/* a registration whose owner exited is gone */
	pid = fork();
	if (pid == 0)
		_exit(mq_notify(q, &ev) ? 1 : 0);
	abi_wait_child("child registers", pid);
	SHOW(mq_notify(q, &ev));
	SHOW(mq_unlink(Q));
	return 0;
}
