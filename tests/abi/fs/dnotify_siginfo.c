/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* dnotify's signal: F_SETSIG's carries si_code POLL_MSG, si_band and si_fd (the F_NOTIFY fd); plain SIGIO is SI_KERNEL. */
/* abi: glibc */
#include "abi.h"

static volatile sig_atomic_t got_sig, got_code, got_fd;
static volatile long got_band;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_band = si->si_band;
	got_fd = si->si_fd;
}

static void report(const char *what, int fd)
{
	printf("%s: %s, si_code %d, si_band %#lx, si_fd is the fd: %s\n", what,
	       got_sig ? abi_signame(got_sig) : "none", (int)got_code,
	       got_code > 0 ? (long)got_band : 0L, got_code > 0 && got_fd == fd ? "yes" : "no");
	got_sig = got_code = got_fd = 0;
	got_band = 0;
}

int main(void)
{
	struct sigaction sa = {.sa_sigaction = on_sig, .sa_flags = SA_SIGINFO};
	int d, d2;

	mkdir("dir", 0755);
	d = open("dir", O_RDONLY | O_DIRECTORY);
	d2 = dup(d);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sigaction(SIGIO, &sa, NULL);
	SHOW(fcntl(d, F_SETSIG, SIGRTMIN + 1));
	SHOW(fcntl(d2, F_NOTIFY, DN_CREATE | DN_DELETE | DN_MULTISHOT));
	close(open("dir/a", O_CREAT | O_WRONLY, 0644));
	report("create", d2);
	SHOW(fcntl(d, F_NOTIFY, DN_DELETE | DN_MULTISHOT));
	unlink("dir/a");
	report("delete", d);
	SHOW(fcntl(d, F_SETSIG, 0));
	close(open("dir/b", O_CREAT | O_WRONLY, 0644));
	report("create, no F_SETSIG", d);
	unlink("dir/b");
	report("delete, no F_SETSIG", d);
	SHOW(fcntl(d, F_NOTIFY, 0));
	close(d);
	close(d2);
	rmdir("dir");
	return 0;
}
