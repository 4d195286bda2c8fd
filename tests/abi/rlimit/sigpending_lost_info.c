/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING: past it kill() of a standard signal is still charged; other signals arrive without their siginfo. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static void show_sigq(void)
{
	char buf[4096], *q;
	int fd = open("/proc/self/status", O_RDONLY);

	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	q = strstr(buf, "SigQ:");
	printf("%.*s\n", q ? (int)strcspn(q, "\n") : 0, q ? q : "");
}

static int user(void *arg)
{
	unsigned id = 0x40000000u + 4 * (unsigned)getpid(); /* a user of its own */
	struct rlimit r = {1, 1};
	union sigval v = {.sival_int = 5};
	struct timespec zero = {0, 0};
	siginfo_t si;
	sigset_t all;
	int sig;

	(void)arg;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id))
		return 1;
	SHOW(sigqueue(getpid(), SIGRTMIN, v));
	SHOW(sigqueue(getpid(), SIGUSR2, v)); /* over: no siginfo */
	SHOW(kill(getpid(), SIGRTMIN + 1));   /* over: no siginfo */
	SHOW(kill(getpid(), SIGUSR1));	      /* charged past the limit */
	show_sigq();
	while ((sig = sigtimedwait(&all, &si, &zero)) > 0) {
		if (sig >= SIGRTMIN)
			printf("SIGRTMIN+%d", sig - SIGRTMIN);
		else
			printf("%s", abi_signame(sig));
		printf(": %s, value %d, from self: %s\n", abi_sicode(sig, si.si_code),
		       si.si_code == SI_QUEUE ? si.si_value.sival_int : 0,
		       si.si_pid == getpid() && si.si_uid == id ? "yes" : "no");
	}
	show_sigq();
	return 0;
}

int main(void)
{
	abi_run_child("user", user, NULL);
	return 0;
}
