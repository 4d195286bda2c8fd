/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Kill permission: the sender's real or effective uid must match the target's real or saved uid. */
/* abi: glibc */
#include "abi.h"

#include <grp.h>

static int ready[2];

/* a process with these uids, waiting */
static pid_t target(uid_t r, uid_t e, uid_t s)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setresuid(r, e, s))
			_exit(99);
		write(ready[1], "x", 1);
		for (;;)
			pause();
	}
	return pid;
}

/* as ruid/euid (saved = euid), try signal 0 on each target */
static void probe(uid_t r, uid_t e, const pid_t *t, int n)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setresuid(r, e, e))
			_exit(99);
		printf("sender ruid %u euid %u:", r, e);
		for (int i = 0; i < n; i++)
			printf(" %s", kill(t[i], 0) ? abi_errname(errno) : "ok");
		printf("\n");
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

int main(void)
{
	/* real, effective, saved uids of the targets */
	static const uid_t ids[][3] = {
		{2000, 2000, 1000}, {1000, 2000, 2000}, {2000, 1000, 2000},
		{3000, 3000, 3000}, {3000, 1000, 3000},
	};
	pid_t t[5];
	char c;

	pipe(ready);
	setgroups(0, NULL);
	setresgid(1000, 1000, 1000);
	for (int i = 0; i < 5; i++)
		t[i] = target(ids[i][0], ids[i][1], ids[i][2]);
	for (int i = 0; i < 5; i++)
		read(ready[0], &c, 1); /* each has taken its ids */
	probe(1000, 1000, t, 5);
	probe(3000, 1000, t, 5);
	probe(1000, 3000, t, 5);
	probe(4000, 4000, t, 5);
	for (int i = 0; i < 5; i++) {
		kill(t[i], SIGKILL);
		waitpid(t[i], NULL, 0);
	}
	return 0;
}
