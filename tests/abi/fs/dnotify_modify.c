/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fcntl F_NOTIFY: DN_MODIFY, DN_ACCESS and DN_ATTRIB for the entries' reads, writes and attributes. */
/* abi: glibc */
#include "abi.h"

#include <signal.h>
#include <sys/time.h>

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
	int d, f;
	char c;

	signal(SIGIO, on_sigio);
	SHOW(mkdir("d", 0755));
	close(open("d/a", O_CREAT | O_WRONLY, 0644));
	d = open("d", O_RDONLY | O_DIRECTORY);
	f = open("d/a", O_RDWR);
	SHOW(fcntl(d, F_NOTIFY, DN_MODIFY | DN_MULTISHOT));
	STEP("write d/a", write(f, "x", 1));
	STEP("read d/a (no DN_ACCESS asked)", pread(f, &c, 1, 0));
	STEP("ftruncate d/a", ftruncate(f, 0));
	STEP("open d/a O_TRUNC", close(open("d/a", O_WRONLY | O_TRUNC)));
	STEP("chmod d/a (no DN_ATTRIB asked)", chmod("d/a", 0600));
	SHOW(fcntl(d, F_NOTIFY, DN_ACCESS | DN_ATTRIB));
	STEP("read d/a (empty: no access)", pread(f, &c, 1, 0));
	STEP("chmod d/a (one-shot)", chmod("d/a", 0644));
	STEP("chmod d/a (used up)", chmod("d/a", 0600));
	SHOW(fcntl(d, F_NOTIFY, DN_ACCESS | DN_ATTRIB | DN_MULTISHOT));
	STEP("chmod d/a", chmod("d/a", 0600));
	STEP("chmod d itself", chmod("d", 0700));
	STEP("utimes d/a", utimes("d/a", NULL));
	STEP("write d/a", write(f, "y", 1));
	close(f);
	close(d);
	unlink("d/a");
	rmdir("d");
	return 0;
}
