/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: a handler interrupting a blocked LOCK_PI (no SA_RESTART) does not make it fail: it restarts. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled = 1;
}

static long futex(uint32_t *uaddr, int op)
{
	return syscall(SYS_futex, uaddr, op, 0, NULL, NULL, 0);
}

int main(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa = {.sa_handler = on_usr1}; /* no SA_RESTART */
	pid_t pid;

	CHECK(w != MAP_FAILED);
	w[0] = 0;
	SHOW(futex(w, FUTEX_LOCK_PI));
	pid = fork();
	if (pid == 0) {
		long r;

		sigaction(SIGUSR1, &sa, NULL);
		r = futex(w, FUTEX_LOCK_PI);
		if (r != 0)
			_exit(10 + errno % 100);
		_exit(handled ? futex(w, FUTEX_UNLOCK_PI) == 0 ? 0 : 2 : 3);
	}
	while (!(__atomic_load_n(w, __ATOMIC_SEQ_CST) & FUTEX_WAITERS))
		usleep(1000);
	kill(pid, SIGUSR1);
	usleep(50000);
	SHOW(futex(w, FUTEX_UNLOCK_PI));
	abi_wait_child("locker", pid);
	return 0;
}
