/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A signal interrupts a blocked pipe read: EINTR, or a transparent restart with SA_RESTART. */
#include "abi.h"

static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

/* Wait until pid sleeps (field 3 of /proc/pid/stat is 'S'), then signal it and write. */
static void poke(pid_t pid, int fd, const char *data)
{
	char path[64], buf[512], *p;
	int f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (;;) {
		f = open(path, O_RDONLY);
		abi_read_all(f, buf, sizeof(buf));
		close(f);
		p = strrchr(buf, ')');
		if (p && p[2] == 'S')
			break;
		usleep(1000);
	}
	kill(pid, SIGUSR1);
	usleep(20000);
	if (write(fd, data, 1) != 1)
		_exit(3);
}

static void attempt(int restart)
{
	struct sigaction sa;
	int p[2];
	char c = 0;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(p) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		poke(getppid(), p[1], "x");
		_exit(0);
	}
	hits = 0;
	printf("%s: ", restart ? "SA_RESTART" : "no SA_RESTART");
	SHOW(read(p[0], &c, 1));
	printf("handler hits %d, byte %c\n", hits, c ? c : '-');
	abi_wait_child("poker", pid);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	attempt(0);
	attempt(1);
	return 0;
}
