/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A SIGEV_THREAD_ID timer's standard signal queues behind a pending tgkill of it (two deliveries); a tgkill behind the timer's merges. */
/* abi: glibc */
#include "abi.h"
#include <time.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static void fire_and_wait(timer_t t)
{
	struct itimerspec it = {{0, 0}, {0, 1000000}}, cur;

	timer_settime(t, 0, &it, NULL);
	do {
		usleep(1000);
		timer_gettime(t, &cur);
	} while (cur.it_value.tv_sec || cur.it_value.tv_nsec);
}

static void take_all(const char *label, const sigset_t *set)
{
	struct timespec zero = {0, 0};
	siginfo_t si;
	int sig;

	while ((sig = sigtimedwait(set, &si, &zero)) > 0)
		printf("%s: %s %s\n", label, abi_signame(sig), abi_sicode(sig, si.si_code));
	printf("%s: then %s\n", label, abi_errname(errno));
}

int main(void)
{
	struct sigevent ev;
	sigset_t set;
	timer_t t;
	pid_t tid = (pid_t)syscall(SYS_gettid);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_notify_thread_id = tid;
	if (timer_create(CLOCK_MONOTONIC, &ev, &t))
		return 1;
	SHOW(syscall(SYS_tgkill, getpid(), tid, SIGUSR1));
	fire_and_wait(t);
	take_all("tgkill, then timer", &set);
	fire_and_wait(t);
	SHOW(syscall(SYS_tgkill, getpid(), tid, SIGUSR1));
	take_all("timer, then tgkill", &set);
	return 0;
}
