/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGKILL ends a process whatever it sleeps in, all signals blocked: pipe, fifo open, wait4, pause, nanosleep, futex, flock, poll, sigtimedwait. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>

static int fds[2], lockfd;

static void sleep_in(int kind)
{
	static int word;
	struct timespec long_time = {1000, 0};
	sigset_t all;
	char c;

	sigfillset(&all);
	switch (kind) {
	case 0:
		read(fds[0], &c, 1);
		break;
	case 1:
		open("fifo", O_RDONLY);
		break;
	case 2:
		if (fork() == 0) {
			pause();
			_exit(0);
		}
		wait(NULL);
		break;
	case 3:
		pause();
		break;
	case 4:
		nanosleep(&long_time, NULL);
		break;
	case 5:
		syscall(SYS_futex, &word, FUTEX_WAIT, 0, NULL, NULL, 0);
		break;
	case 6:
		flock(open("lock", O_RDONLY), LOCK_EX);
		break;
	case 7:
		poll(&(struct pollfd){.fd = fds[0], .events = POLLIN}, 1, -1);
		break;
	case 8:
		sigsuspend(&all);
		break;
	case 9:
		sigtimedwait(&all, NULL, NULL);
		break;
	}
}

int main(void)
{
	static const char *const names[] = {"pipe read",  "fifo open",	 "wait4", "pause",
					    "nanosleep",  "futex wait",	 "flock", "poll",
					    "sigsuspend", "sigtimedwait"};
	sigset_t all;

	pipe(fds);
	mkfifo("fifo", 0600);
	lockfd = open("lock", O_CREAT | O_RDWR, 0600);
	flock(lockfd, LOCK_EX);
	for (int k = 0; k < 10; k++) {
		pid_t pid = fork();

		if (pid == 0) {
			sigfillset(&all);
			sigprocmask(SIG_BLOCK, &all, NULL);
			sleep_in(k);
			_exit(1);
		}
		usleep(30000); /* asleep by now (if not, SIGKILL still wins) */
		kill(pid, SIGKILL);
		abi_wait_child(names[k], pid);
	}
	unlink("fifo");
	unlink("lock");
	return 0;
}
