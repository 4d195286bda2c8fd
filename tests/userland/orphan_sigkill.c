/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An orphan made with clone(SIGKILL): its parent exits at once, so init
 * adopts it; when it exits, init must get SIGCHLD, not SIGKILL. */
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	pid_t mid = fork();

	if (mid == 0) {
		if (syscall(SYS_clone, SIGKILL, NULL, NULL, NULL, 0) == 0) {
			nanosleep(&(struct timespec){0, 200000000}, NULL); /* an orphan by now */
			_exit(0);
		}
		_exit(0);
	}
	waitpid(mid, NULL, 0);
	printf("orphan with exit signal SIGKILL left to init\n");
	return 0;
}
