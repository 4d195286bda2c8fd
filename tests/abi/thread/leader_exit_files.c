/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A leader that exits before its threads lets go of its descriptors and
 * directories then, not when the last thread exits: a pipe end only its
 * (unshared) table held closes, and /proc/<pid>/fd and cwd, which show the
 * leader's, are gone; pidfd_getfd has no table to take from. */
/* abi: glibc */
#include "abi.h"
#include <dirent.h>
#include <poll.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>

static int rd, wr, pidfd;
static int leader_alive = 1; /* cleared by the kernel as the leader exits */
static int step;	     /* 1: the leader has its own table; 2: wr closed in ours */

static void *survivor(void *arg)
{
	struct pollfd p = {.fd = rd, .events = POLLIN};
	char buf[64], path[64];
	int n, entries = 0;
	DIR *d;

	(void)arg;
	while (__atomic_load_n(&step, __ATOMIC_ACQUIRE) != 1)
		sched_yield();
	close(wr); /* in the first table: only the leader's copy has it now */
	__atomic_store_n(&step, 2, __ATOMIC_RELEASE);
	while (__atomic_load_n(&leader_alive, __ATOMIC_ACQUIRE))
		syscall(SYS_futex, &leader_alive, FUTEX_WAIT, 1, NULL);
	n = poll(&p, 1, 5000);
	printf("poll = %d revents %#x\n", n, n > 0 ? p.revents : 0);
	printf("read = %zd (end of file)\n", read(rd, buf, sizeof(buf)));
	snprintf(path, sizeof(path), "/proc/%d/fd", getpid());
	d = opendir(path);
	if (!d) {
		printf("opendir fd: %s\n", abi_errname(errno));
	} else {
		while (readdir(d))
			entries++;
		printf("fd entries: %d\n", entries);
		closedir(d);
	}
	snprintf(path, sizeof(path), "/proc/%d/cwd", getpid());
	n = (int)readlink(path, buf, sizeof(buf));
	printf("readlink cwd = %d %s\n", n, n < 0 ? abi_errname(errno) : "");
	n = (int)syscall(SYS_pidfd_getfd, pidfd, 0, 0);
	printf("pidfd_getfd = %d %s\n", n, n < 0 ? abi_errname(errno) : "");
	fflush(stdout);
	syscall(SYS_exit, 0);
	return NULL;
}

int main(void)
{
	pid_t child = fork();

	if (child == 0) {
		pthread_t th;
		int p[2];

		CHECK(pipe(p) == 0);
		rd = p[0];
		wr = p[1];
		pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
		CHECK(pidfd >= 0);
		CHECK(pthread_create(&th, NULL, survivor, NULL) == 0);
		CHECK(unshare(CLONE_FILES) == 0);
		close(rd); /* the survivor's table keeps the read end */
		close(pidfd);
		__atomic_store_n(&step, 1, __ATOMIC_RELEASE);
		while (__atomic_load_n(&step, __ATOMIC_ACQUIRE) != 2)
			sched_yield();
		syscall(SYS_set_tid_address, &leader_alive);
		syscall(SYS_exit, 0);
	}
	abi_wait_child("child", child);
	return 0;
}
