/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_NPROC and set*uid: the uid change succeeds, the next execve fails with EAGAIN while the new uid is over the limit. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/resource.h>

static unsigned id;
static int gate[2];
static char *self;

/* Become `id` (as root, with RLIMIT_NPROC `lim`) and exec ourselves. */
static int become(void *arg)
{
	struct rlimit r = {(rlim_t)(long)arg, (rlim_t)(long)arg};
	char *argv[] = {self, "exec", NULL}, *envp[] = {"ABI_TMP=/", NULL};

	setrlimit(RLIMIT_NPROC, &r);
	SHOW(setresuid(id, id, id));
	execve(self, argv, envp);
	printf("execve: %s\n", abi_errname(errno));
	SHOW(getuid() == id);
	execve(self, argv, envp); /* the refusal does not repeat */
	printf("execve again: %s\n", abi_errname(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int ready[2];
	pid_t other;
	char c;

	if (argc > 1) {
		printf("exec ok\n");
		return 0;
	}
	self = argv[0];
	id = 100000 + (unsigned)getpid(); /* a uid of its own */
	if (pipe(gate))
		return 1;
	if (pipe(ready))
		return 1;
	other = fork(); /* one process of `id` */
	if (other == 0) {
		char c;

		close(gate[1]);
		if (setresuid(id, id, id) == 0 && write(ready[1], "r", 1) == 1)
			read(gate[0], &c, 1);
		_exit(0);
	}
	if (read(ready[0], &c, 1) != 1)
		return 1;
	abi_run_child("limit 0", become, (void *)0);
	abi_run_child("limit 1", become, (void *)1);
	close(gate[1]);
	abi_wait_child("other", other);
	return 0;
}
