/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* flock works on directories, pipes, devices and the program's own file (initramfs in Kevlar). */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

int main(int argc, char **argv)
{
	int p[2];
	int d1, d2, n1, n2, e1, e2;

	SHOW(mkdir("d", 0755));
	d1 = open("d", O_RDONLY | O_DIRECTORY);
	d2 = open("d", O_RDONLY | O_DIRECTORY);
	SHOW(flock(d1, LOCK_EX | LOCK_NB));
	SHOW(flock(d2, LOCK_EX | LOCK_NB));
	SHOW(pipe(p));
	SHOW(flock(p[0], LOCK_EX | LOCK_NB));
	SHOW(flock(p[1], LOCK_EX | LOCK_NB));
	SHOW(flock(p[1], LOCK_SH | LOCK_NB));
	n1 = open("/dev/null", O_RDONLY);
	n2 = open("/dev/null", O_WRONLY);
	SHOW(flock(n1, LOCK_SH | LOCK_NB));
	SHOW(flock(n2, LOCK_SH | LOCK_NB));
	SHOW(flock(n2, LOCK_EX | LOCK_NB));
	SHOW(flock(n1, LOCK_UN));
	SHOW(flock(n2, LOCK_EX | LOCK_NB));
	(void)argc;
	e1 = open(argv[0], O_RDONLY);
	e2 = open(argv[0], O_RDONLY);
	SHOW(flock(e1, LOCK_EX | LOCK_NB));
	SHOW(flock(e2, LOCK_SH | LOCK_NB));
	close(e1);
	close(e2);
	close(d1);
	close(d2);
	close(p[0]);
	close(p[1]);
	close(n1);
	close(n2);
	rmdir("d");
	return 0;
}
