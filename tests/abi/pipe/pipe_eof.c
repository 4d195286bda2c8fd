/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A pipe reads EOF only when every write end is closed, including copies inherited by children. */
#include "abi.h"

int main(void)
{
	char buf[16] = "";
	int p[2], w2;
	pid_t pid;

	SHOW(pipe(p));
	w2 = dup(p[1]);
	SHOW(write(p[1], "data", 4));
	SHOW(close(p[1]));
	SHOW(read(p[0], buf, sizeof(buf)));
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	SHOW(read(p[0], buf, sizeof(buf)));
	pid = fork();
	if (pid == 0) {
		close(w2);
		_exit(0);
	}
	abi_wait_child("child closing its copy", pid);
	SHOW(read(p[0], buf, sizeof(buf)));
	SHOW(close(w2));
	SHOW(read(p[0], buf, sizeof(buf)));
	fcntl(p[0], F_SETFL, 0);
	SHOW(read(p[0], buf, sizeof(buf)));
	return 0;
}
