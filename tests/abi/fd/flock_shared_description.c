/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* flock locks belong to the open file description: shared by dup and fork, gone at its last close. */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT, 0644);
	int other = open("f", O_RDONLY);
	int d = dup(a);
	pid_t pid;

	SHOW(flock(a, LOCK_EX));
	SHOW(flock(d, LOCK_EX | LOCK_NB)); /* the same lock */
	SHOW(close(a));
	SHOW(flock(other, LOCK_SH | LOCK_NB)); /* d still holds it */
	pid = fork();
	if (pid == 0) {
		SHOW(flock(d, LOCK_SH | LOCK_NB)); /* converts the shared lock */
		SHOW(flock(other, LOCK_SH | LOCK_NB));
		SHOW(flock(other, LOCK_UN));
		SHOW(flock(d, LOCK_EX | LOCK_NB));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(flock(other, LOCK_SH | LOCK_NB)); /* the child's exit left it locked */
	SHOW(close(d));
	SHOW(flock(other, LOCK_EX | LOCK_NB)); /* last descriptor closed: unlocked */
	close(other);
	unlink("f");
	return 0;
}
