/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mq_notify: SIGEV_SIGNAL fires once, on a message into an empty queue; EBUSY; SIGEV_NONE. */
/* abi: glibc */
#define MQ_BASE "abi_mq_notify"
#include "mq.h"

#define Q QS

static volatile sig_atomic_t hits, code, val, from_me;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	hits++;
	code = si->si_code;
	val = si->si_value.sival_int;
	from_me = si->si_pid == getpid();
}

int main(void)
{
	struct sigaction sa = {.sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO};
	struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1};
	struct mq_attr a = {.mq_maxmsg = 4, .mq_msgsize = 8};
	char buf[8];
	mqd_t q;
	pid_t pid;

	sigaction(SIGUSR1, &sa, NULL);
	q = mq_open(Q, O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600, &a);
	ev.sigev_value.sival_int = 42;
	SHOW(mq_notify(q, &ev));
	SHOW(mq_notify(q, &ev));
	SHOW(mq_send(q, "a", 1, 0));
	printf("hits %d code %s value %d from me %d\n", (int)hits,
	       code == SI_MESGQ ? "SI_MESGQ" : "?", (int)val, (int)from_me);
	SHOW(mq_receive(q, buf, 8, NULL));
	SHOW(mq_send(q, "b", 1, 0));
	printf("hits %d (used up)\n", (int)hits);
	SHOW(mq_notify(q, &ev));
	SHOW(mq_send(q, "c", 1, 0));
	printf("hits %d (queue was not empty)\n", (int)hits);
	SHOW(mq_notify(q, NULL));
	SHOW(mq_notify(q, NULL));
	pid = fork();
	if (pid == 0) {
		_exit(mq_notify(q, &ev) == 0 ? 0 : 1);
	}
	abi_wait_child("child registers", pid);
	SHOW(mq_notify(q, &ev));
	SHOW(mq_notify(q, NULL));
	SHOW(mq_notify(q, &ev));
	ev.sigev_notify = SIGEV_NONE;
	ev.sigev_notify = 99;
	SHOW(syscall(SYS_mq_notify, q, &ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = 65;
	SHOW(syscall(SYS_mq_notify, q, &ev));
	SHOW(syscall(SYS_mq_notify, q, ABI_BADPTR));
	SHOW(syscall(SYS_mq_notify, -1, &ev));
	SHOW(mq_unlink(Q));
	return 0;
}
