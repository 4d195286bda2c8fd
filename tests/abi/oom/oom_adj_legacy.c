/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/oom_adj: the legacy -17..15 scale mapped to oom_score_adj and back, its range, and no lowering without CAP_SYS_RESOURCE. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>
#include <linux/capability.h>

static long put(const char *file, const char *v)
{
	int fd = open(file, O_WRONLY);
	long r;

	if (fd < 0)
		return -1;
	r = write(fd, v, strlen(v));
	close(fd);
	return r;
}

static int get(const char *file)
{
	char buf[32] = "";
	int fd = open(file, O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	return n > 0 ? atoi(buf) : -99999;
}

/* The host runs these without CAP_SYS_RESOURCE (a container): drop it
 * here too, so both sides follow the unprivileged rules. */
static void drop_sys_resource(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	syscall(SYS_capget, &h, d);
	d[CAP_SYS_RESOURCE / 32].effective &= ~(1u << (CAP_SYS_RESOURCE % 32));
	d[CAP_SYS_RESOURCE / 32].permitted &= ~(1u << (CAP_SYS_RESOURCE % 32));
	if (syscall(SYS_capset, &h, d))
		printf("capset: %s\n", abi_errname(errno));
}

static int child(void *arg)
{
	static const char *const adj[] = {"0", "1", "2", "8", "14", "15"};
	static const char *const score_adj[] = {"0", "1", "58", "59", "500", "999", "1000"};

	(void)arg;
	drop_sys_resource();
	printf("oom_adj %d\n", get("/proc/self/oom_adj"));
	for (unsigned i = 0; i < sizeof(adj) / sizeof(adj[0]); i++) {
		SHOW(put("/proc/self/oom_adj", adj[i]));
		printf("oom_adj %s: oom_score_adj %d, oom_adj %d\n", adj[i],
		       get("/proc/self/oom_score_adj"), get("/proc/self/oom_adj"));
	}
	for (unsigned i = 0; i < sizeof(score_adj) / sizeof(score_adj[0]); i++) {
		SHOW(put("/proc/self/oom_score_adj", score_adj[i]));
		printf("oom_score_adj %s: oom_adj %d\n", score_adj[i], get("/proc/self/oom_adj"));
	}
	SHOW(put("/proc/self/oom_adj", "16"));
	SHOW(put("/proc/self/oom_adj", "-18"));
	SHOW(put("/proc/self/oom_adj", "x"));
	SHOW(put("/proc/self/oom_adj", "14")); /* below the current 1000 */
	SHOW(put("/proc/self/oom_adj", "-17"));
	SHOW(put("/proc/self/oom_score_adj", "500"));
	SHOW(put("/proc/self/oom_adj", "8"));
	SHOW(put("/proc/self/oom_adj", "9"));
	printf("oom_adj %d, oom_score_adj %d\n", get("/proc/self/oom_adj"),
	       get("/proc/self/oom_score_adj"));
	return 0;
}

int main(void)
{
	abi_run_child("child", child, NULL);
	return 0;
}
