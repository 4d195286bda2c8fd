/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* prctl: pdeathsig, dumpable, keepcaps, no_new_privs, seccomp and capbset reads, subreaper flag; EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/prctl.h>
#include <linux/capability.h>

int main(void)
{
	int v = -1;

	SHOW(prctl(PR_GET_PDEATHSIG, &v));
	printf("pdeathsig %d\n", v);
	SHOW(prctl(PR_SET_PDEATHSIG, SIGUSR1));
	SHOW(prctl(PR_GET_PDEATHSIG, &v));
	printf("pdeathsig %d\n", v);
	SHOW(prctl(PR_SET_PDEATHSIG, 65));
	SHOW(prctl(PR_GET_PDEATHSIG, ABI_BADPTR));
	SHOW(prctl(PR_GET_DUMPABLE));
	SHOW(prctl(PR_SET_DUMPABLE, 0));
	SHOW(prctl(PR_GET_DUMPABLE));
	SHOW(prctl(PR_SET_DUMPABLE, 2));
	SHOW(prctl(PR_SET_DUMPABLE, 1));
	SHOW(prctl(PR_GET_KEEPCAPS));
	SHOW(prctl(PR_SET_KEEPCAPS, 1));
	SHOW(prctl(PR_GET_KEEPCAPS));
	SHOW(prctl(PR_SET_KEEPCAPS, 2));
	SHOW(prctl(PR_GET_CHILD_SUBREAPER, &v));
	printf("subreaper %d\n", v);
	SHOW(prctl(PR_SET_CHILD_SUBREAPER, 5));
	SHOW(prctl(PR_GET_CHILD_SUBREAPER, &v));
	printf("subreaper %d\n", v);
	SHOW(prctl(PR_GET_CHILD_SUBREAPER, ABI_BADPTR));
	SHOW(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	SHOW(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0));
	SHOW(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0));
	SHOW(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0));
	SHOW(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	SHOW(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	SHOW(prctl(PR_GET_SECCOMP));
	SHOW(prctl(PR_CAPBSET_READ, CAP_CHOWN));
	SHOW(prctl(PR_CAPBSET_READ, CAP_LAST_CAP + 1));
	SHOW(prctl(12345));
	return 0;
}
