/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * A fork bomb with its own watchdog, for tests/integration/forkbomb.sh.
 *   forkbomb SECS [UID|- [CMD ARG...]]
 * The watchdog (this process, a child subreaper) starts the bomb (CMD, or
 * its own, below) with vfork and exec, in a session and process group of
 * its own (as UID if given), sleeps SECS, SIGKILLs the whole group and reaps every process
 * it adopted.  It prints how the bomb's forks went (counted in a shared
 * page of /tmp/forkbomb.cnt) and whether any bomb process is left.  It
 * shares no memory with the bomb but that page, so it never needs a page
 * while memory is exhausted.
 *   forkbomb bomb
 * The bomb itself: every process forks forever.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct counts {
	long ok, eagain, enomem, other;
};

static void bomb(struct counts *c)
{
	for (;;) {
		pid_t pid = fork();

		if (pid > 0)
			__atomic_add_fetch(&c->ok, 1, __ATOMIC_RELAXED);
		else if (pid < 0)
			__atomic_add_fetch(errno == EAGAIN   ? &c->eagain
					   : errno == ENOMEM ? &c->enomem
							     : &c->other,
					   1, __ATOMIC_RELAXED);
	}
}

static struct counts *shared_counts(bool create)
{
	static struct counts none;
	int fd = open("/tmp/forkbomb.cnt", create ? O_RDWR | O_CREAT | O_TRUNC : O_RDWR, 0666);
	void *p;

	if (fd < 0 || (create && (fchmod(fd, 0666) || ftruncate(fd, 4096))))
		return &none;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return p == MAP_FAILED ? &none : p;
}

int main(int argc, char **argv)
{
	struct timespec ts = {argc > 1 ? atoi(argv[1]) : 3, 0};
	char *bomb_argv[] = {argv[0], "bomb", NULL};
	int uid = argc > 2 && strcmp(argv[2], "-") ? atoi(argv[2]) : -1;
	char **cmd = argc > 3 ? argv + 3 : bomb_argv;
	struct counts *c;
	long reaped = 0;
	pid_t leader;

	if (argc > 1 && !strcmp(argv[1], "bomb"))
		bomb(shared_counts(false));
	c = shared_counts(true);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	leader = vfork();
	if (leader == 0) {
		setsid();
		if (uid >= 0 &&
		    (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid)))
			_exit(3);
		execv(argc > 3 ? cmd[0] : "/proc/self/exe", cmd);
		_exit(5);
	}
	if (leader < 0)
		return 4;
	while (nanosleep(&ts, &ts))
		;
	kill(-leader, SIGKILL);
	while (waitpid(-1, NULL, __WALL) > 0)
		reaped++;
	printf("forkbomb: forks ok %ld, EAGAIN %ld, ENOMEM %ld, other %ld; %ld reaped\n", c->ok,
	       c->eagain, c->enomem, c->other, reaped);
	printf("forkbomb: %s\n", kill(-leader, 0) && errno == ESRCH ? "gone" : "STILL THERE");
	return 0;
}
