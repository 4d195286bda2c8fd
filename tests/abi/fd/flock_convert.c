/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* flock conversion is not atomic: a failed LOCK_EX|LOCK_NB upgrade drops the shared lock. */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT, 0644);
	int b = open("f", O_RDWR);
	int c = open("f", O_RDWR);

	SHOW(flock(a, LOCK_SH));
	SHOW(flock(b, LOCK_SH));
	SHOW(flock(a, LOCK_EX | LOCK_NB)); /* b's shared lock blocks it */
	SHOW(flock(b, LOCK_UN));
	SHOW(flock(c, LOCK_EX | LOCK_NB)); /* a has no lock left */
	SHOW(flock(c, LOCK_SH));	   /* downgrade in place */
	SHOW(flock(a, LOCK_SH | LOCK_NB));
	SHOW(flock(b, LOCK_EX | LOCK_NB));
	SHOW(flock(a, LOCK_UN));
	SHOW(flock(c, LOCK_EX | LOCK_NB)); /* upgrade once alone */
	SHOW(flock(a, LOCK_SH | LOCK_NB));
	close(a);
	close(b);
	close(c);
	unlink("f");
	return 0;
}
