/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex WAIT, timed or not, ends with EINTR when a handler (no SA_RESTART) runs. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got = 1;
}

/* A child that signals us every 20 ms, so one signal lands in the wait. */
static pid_t pester(void)
{
	pid_t parent = getpid(), pid = fork();

	if (pid == 0) {
		for (int i = 0; i < 500; i++) {
			usleep(20000);
			kill(parent, SIGUSR1);
		}
		_exit(0);
	}
	return pid;
}

int main(void)
{
	static uint32_t word;
	struct timespec ten = {10, 0};
	struct sigaction sa = {.sa_handler = on_usr1};
	pid_t pid;

	sigaction(SIGUSR1, &sa, NULL);
	pid = pester();
	SHOW(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ten, NULL, 0));
	FACT("handler ran", got);
	got = 0;
	SHOW(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0));
	FACT("handler ran", got);
	kill(pid, SIGKILL);
	abi_wait_child("pester", pid);
	return 0;
}
