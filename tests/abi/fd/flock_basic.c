/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* flock: shared locks coexist, an exclusive lock excludes other open files (EWOULDBLOCK). */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT, 0644);
	int b = open("f", O_RDONLY);
	int c = open("f", O_WRONLY);

	SHOW(flock(a, LOCK_SH));
	SHOW(flock(b, LOCK_SH | LOCK_NB));
	SHOW(flock(c, LOCK_EX | LOCK_NB));
	SHOW(flock(a, LOCK_SH)); /* already held: nothing changes */
	SHOW(flock(a, LOCK_UN));
	SHOW(flock(c, LOCK_EX | LOCK_NB));
	SHOW(flock(b, LOCK_UN));
	SHOW(flock(c, LOCK_EX | LOCK_NB));
	SHOW(flock(c, LOCK_EX));
	SHOW(flock(a, LOCK_SH | LOCK_NB));
	SHOW(flock(a, LOCK_EX | LOCK_NB));
	SHOW(flock(a, LOCK_UN)); /* not held: still 0 */
	SHOW(flock(c, LOCK_UN | LOCK_NB));
	SHOW(flock(a, LOCK_EX | LOCK_NB));
	SHOW(flock(c, LOCK_SH | LOCK_NB));
	close(a);
	close(b);
	close(c);
	unlink("f");
	return 0;
}
