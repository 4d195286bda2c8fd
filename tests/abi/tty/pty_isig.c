/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ^C written to the master signals the slave's foreground process group (ISIG), and echoes as ^C. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <pty.h>

static volatile sig_atomic_t got;

static void on_int(int sig)
{
	got = sig;
}

int main(void)
{
	char buf[256], out[512];
	size_t n = 0;
	int m, sent = 0;

	fflush(stdout);
	pid_t pid = forkpty(&m, NULL, NULL, NULL);

	if (pid == 0) {
		signal(SIGINT, on_int);
		if (write(1, "ready\n", 6) != 6)
			_exit(1);
		while (!got)
			pause();
		printf("child: got %s\n", abi_signame(got));
		fflush(stdout);
		_exit(0);
	}
	for (;;) {
		struct pollfd p = {.fd = m, .events = POLLIN};
		ssize_t r;

		if (poll(&p, 1, 10000) != 1)
			break;
		r = read(m, buf, sizeof(buf));
		if (r <= 0)
			break;
		for (ssize_t i = 0; i < r && n < sizeof(out) - 1; i++)
			if (buf[i] != '\r')
				out[n++] = buf[i];
		out[n] = 0;
		if (!sent && strstr(out, "ready\n")) {
			sent = 1;
			if (write(m, "\x03", 1) != 1)
				break;
		}
	}
	printf("%s", out);
	abi_wait_child("child", pid);
	return 0;
}
