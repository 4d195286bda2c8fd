/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Default actions: CHLD, URG, WINCH, CONT ignored; TERM, HUP, ALRM, ABRT, SYS kill. */
#include "abi.h"

static int raise_it(void *arg)
{
	raise(*(int *)arg);
	return 0;
}

int main(void)
{
	int sigs[] = {SIGCHLD, SIGURG,	SIGWINCH, SIGCONT, SIGTERM,
		      SIGHUP,  SIGALRM, SIGABRT,  SIGSYS};
	char label[32];
	unsigned i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		snprintf(label, sizeof(label), "raise(%s)", abi_signame(sigs[i]));
		abi_run_child(label, raise_it, &sigs[i]);
	}
	return 0;
}
