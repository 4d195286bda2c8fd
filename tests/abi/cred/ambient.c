/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_CAP_AMBIENT: raise needs permitted and inheritable; a uid change clears it; raised again, it survives execve. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>
#include <sys/prctl.h>

static struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
static struct __user_cap_data_struct d[2];

int main(int argc, char **argv)
{
	char *args[] = {argv[0], "after", NULL};
	pid_t pid;

	if (argc > 1) {
		syscall(SYS_capget, &h, d);
		printf("after exec: uid %d eff %x prm %x inh %x amb %d\n", getuid(), d[0].effective,
		       d[0].permitted, d[0].inheritable,
		       prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0));
		return 0;
	}
	SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0));
	SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 64, 0, 0));
	SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 1, 0));
	SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0));
	SHOW(prctl(PR_CAP_AMBIENT, 99, CAP_CHOWN, 0, 0));
	SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0, 0)); /* not inheritable */
	pid = fork();
	if (pid == 0) {
		syscall(SYS_capget, &h, d);
		d[0].inheritable = CAP_TO_MASK(CAP_CHOWN) | CAP_TO_MASK(CAP_KILL) |
				   CAP_TO_MASK(CAP_DAC_OVERRIDE);
		SHOW(syscall(SYS_capset, &h, d));
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0, 0));
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_DAC_OVERRIDE, 0, 0));
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_KILL, 0, 0));
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_KILL, 0, 0));
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0));
		SHOW(prctl(PR_SET_KEEPCAPS, 1));
		SHOW(syscall(SYS_setresuid, 1000, 1000, 1000)); /* clears the ambient set */
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0));
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_CHOWN, 0, 0));
		SHOW(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_DAC_OVERRIDE, 0, 0));
		setenv("ABI_TMP", "/", 1); /* the scratch directory is root's */
		execv(argv[0], args);
		_exit(127);
	}
	abi_wait_child("ambient", pid);
	return 0;
}
