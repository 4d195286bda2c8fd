/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A FIFO open waiting for its partner ends with EINTR on a signal (no SA_RESTART) and counts no reader after. */
/* abi: glibc */
#include "abi.h"

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got = 1;
}

int main(void)
{
	struct sigaction sa;
	pid_t parent = getpid(), pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1; /* no SA_RESTART */
	sigaction(SIGUSR1, &sa, NULL);
	SHOW(mkfifo("fifo", 0600));
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	SHOW(open("fifo", O_RDONLY));
	printf("handler ran: %d\n", (int)got);
	abi_wait_child("signaller", pid);
	SHOW(open("fifo", O_WRONLY | O_NONBLOCK)); /* the interrupted reader is gone */
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	SHOW(open("fifo", O_WRONLY));
	abi_wait_child("signaller", pid);
	SHOW(unlink("fifo"));
	return 0;
}
