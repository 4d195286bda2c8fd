/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/status shows the four uids and gids, the groups and the capability sets as they change. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>
#include <sys/prctl.h>

static char buf[8192];

static const char *field(const char *name)
{
	static char line[256];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = abi_read_all(fd, buf, sizeof(buf) - 1);
	char *l;

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(line, sizeof(line), "\n%s:", name);
	l = strstr(buf, line);
	if (!l)
		return "(missing)";
	snprintf(line, sizeof(line), "%.*s", (int)(strchr(l + 1, '\n') - l - 1), l + 1);
	return line;
}

static void show(void)
{
	static const char *const names[] = {"Uid",    "Gid",	"Groups", "CapInh",
					    "CapPrm", "CapEff", "CapAmb", "NoNewPrivs"};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		printf("%s\n", field(names[i]));
}

static int child(void *arg)
{
	gid_t g[] = {7, 3};
	char bnd[64];

	(void)arg;
	snprintf(bnd, sizeof(bnd), "%s", field("CapBnd") + 7);
	FACT("root: CapBnd is CapPrm", !strcmp(bnd, field("CapPrm") + 7));
	FACT("root: CapEff is CapPrm", !strcmp(bnd, field("CapEff") + 7));
	SHOW(prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN));
	FACT("CapBnd lost a bit", strcmp(bnd, field("CapBnd") + 7) != 0);
	SHOW(syscall(SYS_setgroups, 2, g));
	SHOW(syscall(SYS_setresgid, 10, 20, 30));
	SHOW(syscall(SYS_setfsgid, 10));
	SHOW(syscall(SYS_setresuid, 1000, 2000, 3000));
	SHOW(syscall(SYS_setfsuid, 3000));
	SHOW(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	show();
	return 0;
}

int main(void)
{
	abi_run_child("ids", child, NULL);
	return 0;
}
