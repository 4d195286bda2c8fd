/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_SET_SECUREBITS: needs CAP_SETPCAP, locked bits stay; SECBIT_KEEP_CAPS is PR_SET_KEEPCAPS; NO_SETUID_FIXUP keeps caps. */
/* abi: glibc */
#include "abi.h"

#include <linux/securebits.h>
#include <sys/prctl.h>

static int child(void *arg)
{
	(void)arg;
	SHOW(prctl(PR_GET_SECUREBITS));
	SHOW(prctl(PR_SET_KEEPCAPS, 1));
	SHOW(prctl(PR_GET_SECUREBITS));
	SHOW(prctl(PR_SET_SECUREBITS, 1 << 20));
	SHOW(prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS_LOCKED));
	SHOW(prctl(PR_GET_KEEPCAPS));
	SHOW(prctl(PR_SET_KEEPCAPS, 1));
	SHOW(prctl(PR_SET_SECUREBITS, 0));
	SHOW(prctl(PR_SET_SECUREBITS, SECBIT_KEEP_CAPS_LOCKED | SECBIT_NO_SETUID_FIXUP));
	SHOW(prctl(PR_GET_SECUREBITS));
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_setresuid, 0, 0, 0)); /* no fixup: CAP_SETUID kept */
	SHOW(getuid());
	SHOW(prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP));
	return 0;
}

static int unpriv(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(prctl(PR_SET_SECUREBITS, 0));
	SHOW(prctl(PR_SET_KEEPCAPS, 1));
	SHOW(prctl(PR_GET_SECUREBITS));
	return 0;
}

int main(void)
{
	abi_run_child("root", child, NULL);
	abi_run_child("unprivileged", unpriv, NULL);
	return 0;
}
