/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A forked child keeps the vDSO at the same address; an exec'd program gets its own, working. */
/* abi: glibc */
#include <sys/auxv.h>
#include <time.h>
#include "abi.h"
#include "vdso_sym.h"

typedef int (*gettime_fn)(clockid_t, struct timespec *);

static int vdso_works(void)
{
	gettime_fn f = (gettime_fn)vdso_sym("__vdso_clock_gettime", "LINUX_2.6");
	struct timespec ts = {0, 0};

	return f && f(CLOCK_MONOTONIC, &ts) == 0 && (ts.tv_sec || ts.tv_nsec);
}

/* where /proc/self/maps shows [vdso], or 0 */
static unsigned long maps_vdso(void)
{
	unsigned long start = 0, s, e;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[vdso]") && sscanf(line, "%lx-%lx", &s, &e) == 2)
			start = s;
	if (f)
		fclose(f);
	return start;
}

int main(int argc, char **argv)
{
	unsigned long at = getauxval(AT_SYSINFO_EHDR);
	char hex[32];
	pid_t pid;

	if (argc == 2) { /* the exec'd copy: argv[1] is the parent's address */
		printf("after exec: vdso %s, in maps there: %s, works: %s\n",
		       at ? "present" : "missing", maps_vdso() == at ? "yes" : "no",
		       vdso_works() ? "yes" : "no");
		return 0;
	}
	FACT("parent's vdso works", vdso_works());
	pid = fork();
	if (pid == 0) {
		printf("child: [vdso] at the parent's address: %s, works: %s\n",
		       maps_vdso() == at ? "yes" : "no", vdso_works() ? "yes" : "no");
		_exit(0);
	}
	abi_wait_child("child", pid);
	snprintf(hex, sizeof(hex), "%lx", at);
	pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], hex, (char *)NULL);
		_exit(127);
	}
	abi_wait_child("exec child", pid);
	return 0;
}
