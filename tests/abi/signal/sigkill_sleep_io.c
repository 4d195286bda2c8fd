/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGKILL ends a process asleep on I/O, all signals blocked: pipe read and write, fifo open, poll, select, flock, F_SETLKW, splice. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/select.h>
#include <sys/stat.h>

static int empty[2], full[2];
static struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};

static void sleep_in(int kind)
{
	fd_set set;
	char c;

	FD_ZERO(&set);
	FD_SET(empty[0], &set);
	if (kind == 0)
		read(empty[0], &c, 1);
	else if (kind == 1)
		write(full[1], "x", 1);
	else if (kind == 2)
		open("fifo", O_RDONLY);
	else if (kind == 3)
		poll(&(struct pollfd){.fd = empty[0], .events = POLLIN}, 1, -1);
	else if (kind == 4)
		select(empty[0] + 1, &set, NULL, NULL, NULL);
	else if (kind == 5)
		flock(open("lock", O_RDONLY), LOCK_EX);
	else if (kind == 6)
		fcntl(open("lock", O_RDWR), F_SETLKW, &fl);
	else if (kind == 7)
		splice(empty[0], NULL, full[1], NULL, 1, 0);
}

int main(void)
{
	static const char *const names[] = {"pipe read", "pipe write", "fifo open", "poll",
					    "select",	 "flock",      "F_SETLKW",  "splice"};
	sigset_t all;
	int lock;

	pipe(empty);
	pipe(full);
	fcntl(full[1], F_SETFL, O_NONBLOCK);
	while (write(full[1], "xxxxxxxxxxxxxxxx", 16) > 0)
		;
	fcntl(full[1], F_SETFL, 0);
	mkfifo("fifo", 0600);
	lock = open("lock", O_CREAT | O_RDWR, 0600);
	flock(lock, LOCK_EX);
	fcntl(lock, F_SETLK, &fl);
	for (int k = 0; k < 8; k++) {
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
