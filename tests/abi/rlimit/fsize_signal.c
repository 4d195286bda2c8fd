/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_FSIZE: a write past the limit sends SIGXFSZ (its default ends the process; a handler sees EFBIG). */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

#define L (1 << 20) /* stdout is a file too: the test's own output stays far below */

static volatile int caught;

static void on_xfsz(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	caught = sig == SIGXFSZ && si->si_code == SI_USER ? 1 : -1;
}

static int writer(void *arg)
{
	struct rlimit r = {L, L};
	int fd = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (arg) {
		struct sigaction sa = {.sa_sigaction = on_xfsz, .sa_flags = SA_SIGINFO};

		sigaction(SIGXFSZ, &sa, NULL);
	}
	setrlimit(RLIMIT_FSIZE, &r);
	lseek(fd, L - 10, SEEK_SET);
	SHOW(write(fd, "0123456789abc", 13));
	SHOW(write(fd, "d", 1));
	printf("caught: %d\n", caught);
	caught = 0;
	SHOW(ftruncate(fd, L + 1));
	printf("caught: %d\n", caught);
	return 0;
}

int main(void)
{
	abi_run_child("default", writer, NULL);
	abi_run_child("handler", writer, "h");
	unlink("f");
	return 0;
}
