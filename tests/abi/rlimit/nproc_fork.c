/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_NPROC: fork gives EAGAIN once the real uid owns the limit's count of processes (zombies too); root is exempt. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static int gate[2];

/* A child that exits when the gate closes, or -1 with errno. */
static pid_t spawn(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		char c;

		close(gate[1]);
		read(gate[0], &c, 1);
		_exit(0);
	}
	return pid;
}

static void try_fork(const char *label)
{
	pid_t z = fork();

	if (z == 0)
		_exit(0);
	printf("%s: %s\n", label, z < 0 ? abi_errname(errno) : "ok");
	if (z > 0)
		waitpid(z, NULL, 0);
}

static int user(void *arg)
{
	/* a uid of its own: no other process of the host counts against it */
	unsigned id = 100000 + (unsigned)getpid();
	struct rlimit r = {3, 3};
	pid_t kids[4];
	int n = 0;

	(void)arg;
	if (pipe(gate) || setrlimit(RLIMIT_NPROC, &r) || setresgid(id, id, id) ||
	    setgroups(0, NULL) || setresuid(id, id, id))
		return 1;
	while (n < 4 && (kids[n] = spawn()) > 0)
		n++;
	printf("forks before EAGAIN: %d (%s)\n", n, abi_errname(errno));
	close(gate[1]);
	usleep(200000); /* the children exit: zombies still count */
	try_fork("fork with zombies");
	waitpid(kids[0], NULL, 0);
	try_fork("fork after one was reaped");
	for (int i = 1; i < n; i++)
		waitpid(kids[i], NULL, 0);
	r.rlim_cur = 0;
	SHOW(setrlimit(RLIMIT_NPROC, &r));
	try_fork("limit 0");
	return 0;
}

int main(void)
{
	struct rlimit r = {1, 1};

	abi_run_child("user", user, NULL);
	SHOW(setrlimit(RLIMIT_NPROC, &r));
	try_fork("root with limit 1"); /* root forks whatever the limit */
	return 0;
}
