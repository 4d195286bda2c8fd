/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fcntl F_NOTIFY: SIGIO for entries created, removed, renamed in a watched directory; one-shot unless DN_MULTISHOT. */
/* abi: glibc */
#include "abi.h"

#include <signal.h>

static volatile int sigio;

static void on_sigio(int sig)
{
	(void)sig;
	sigio++;
}

#define STEP(what, expr)                                                    \
	do {                                                                \
		int before = sigio;                                         \
		long r = (long)(expr);                                      \
		printf("%-36s = %ld, SIGIO %d\n", what, r, sigio - before); \
	} while (0)

int main(void)
{
	int d, e;

	signal(SIGIO, on_sigio);
	SHOW(mkdir("d", 0755));
	SHOW(mkdir("e", 0755));
	d = open("d", O_RDONLY | O_DIRECTORY);
	e = open("e", O_RDONLY | O_DIRECTORY);
	SHOW(fcntl(d, F_NOTIFY, DN_CREATE));
	STEP("create d/a (one-shot)", close(open("d/a", O_CREAT | O_WRONLY, 0644)));
	STEP("create d/b (used up)", close(open("d/b", O_CREAT | O_WRONLY, 0644)));
	SHOW(fcntl(d, F_NOTIFY, DN_CREATE | DN_DELETE | DN_MULTISHOT));
	STEP("mkdir d/sub", mkdir("d/sub", 0755));
	STEP("rmdir d/sub", rmdir("d/sub"));
	STEP("unlink d/a", unlink("d/a"));
	STEP("symlink d/l", symlink("b", "d/l"));
	STEP("link d/h", link("d/b", "d/h"));
	STEP("mknod fifo d/p", mknod("d/p", S_IFIFO | 0644, 0));
	STEP("create in e (not watched)", close(open("e/x", O_CREAT | O_WRONLY, 0644)));
	STEP("write to d/b (no DN_MODIFY asked)", close(open("d/b", O_WRONLY | O_TRUNC)));
	SHOW(fcntl(d, F_NOTIFY, DN_RENAME | DN_MULTISHOT));
	STEP("rename d/b -> d/b2", rename("d/b", "d/b2"));
	STEP("unlink d/l (masks add up)", unlink("d/l"));
	SHOW(fcntl(d, F_NOTIFY, 0));
	STEP("rename d/b2 -> d/b3 (dropped)", rename("d/b2", "d/b3"));
	SHOW(fcntl(d, F_NOTIFY, DN_CREATE | DN_MULTISHOT));
	SHOW(close(d));
	STEP("create d/c (watcher closed)", close(open("d/c", O_CREAT | O_WRONLY, 0644)));
	close(e);
	unlink("d/b3"), unlink("d/h"), unlink("d/p"), unlink("d/c"), unlink("e/x");
	rmdir("d"), rmdir("e");
	return 0;
}
