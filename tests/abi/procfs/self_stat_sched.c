/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/stat and status show nice, priority, policy, affinity and no_new_privs as set. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* Print stat fields 18, 19, 40 and 41 (priority nice rt_priority policy). */
static void show_stat(void)
{
	char buf[1024], *p;
	int fd = open("/proc/self/stat", O_RDONLY), field = 3;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strrchr(buf, ')') + 2; /* field 3 */
	for (; p && *p; field++) {
		if (field == 18 || field == 19 || field == 40 || field == 41)
			printf("field %d: %ld\n", field, strtol(p, NULL, 10));
		p = strchr(p, ' ');
		p = p ? p + 1 : NULL;
	}
}

static void show_status(const char *key)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strstr(buf, key);
	printf("%.*s\n", p ? (int)strcspn(p, "\n") : 4, p ? p : "none");
}

int main(void)
{
	struct sched_param sp = {.sched_priority = 10};
	cpu_set_t set;

	show_stat();
	SHOW(setpriority(PRIO_PROCESS, 0, 7));
	show_stat();
	SHOW(syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp)); /* musl: ENOSYS */
	show_stat();
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	SHOW(sched_setaffinity(0, sizeof(set), &set));
	show_status("Cpus_allowed_list:");
	show_status("NoNewPrivs:");
	SHOW(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	show_status("NoNewPrivs:");
	return 0;
}
