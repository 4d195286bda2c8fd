/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* personality(UNAME26): uname's release reads 2.6.(60 + minor) with the rest of the release kept. */
/* abi: glibc */
#include "abi.h"

#include <sys/personality.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname real, old;
	unsigned major, minor, v;
	const char *rest_real, *rest_old;

	SHOW(uname(&real));
	SHOW(syscall(SYS_personality, UNAME26));
	SHOW(uname(&old));
	CHECK(sscanf(real.release, "%u.%u", &major, &minor) == 2);
	FACT("starts with 2.6.", !strncmp(old.release, "2.6.", 4));
	FACT("third number is 60 + minor",
	     sscanf(old.release, "2.6.%u", &v) == 1 && v == 60 + minor);
	rest_real = real.release + strspn(real.release, "0123456789.");
	rest_old = old.release + strspn(old.release, "0123456789.");
	FACT("the rest is kept", !strcmp(rest_real, rest_old));
	SHOW(syscall(SYS_personality, PER_LINUX));
	SHOW(uname(&old));
	FACT("release back", !strcmp(old.release, real.release));
	return 0;
}
