/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A signal interrupts a blocked mq_receive: EINTR, or a restart under SA_RESTART. */
/* abi: glibc */
#define MQ_BASE "abi_mq_signal_restart"
#include "mq.h"

#define Q QS

static volatile sig_atomic_t hits;

static void on_alarm(int sig)
{
	(void)sig;
	hits++;
}

static void run(int flags)
{
	struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = flags};
	char buf[8192];
	mqd_t q = mq_open(Q, O_RDWR);
	pid_t pid;

	sigaction(SIGALRM, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		usleep(300000);
		mq_send(q, "late", 4, 0);
		_exit(0);
	}
	ualarm(100000, 0);
	ssize_t n = SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	printf("handler ran %d time(s), got %zd\n", (int)hits, n);
	abi_wait_child("sender", pid);
	if (n < 0) /* the late message is still there */
		mq_receive(q, buf, sizeof(buf), NULL);
	mq_close(q);
	hits = 0;
}

int main(void)
{
	mqd_t q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);

	CHECK(q != (mqd_t)-1);
	SHOW(mq_getattr(q, &(struct mq_attr){0}));
	printf("without SA_RESTART\n");
	run(0);
	printf("with SA_RESTART\n");
	run(SA_RESTART);
	SHOW(mq_unlink(Q));
	return 0;
}
