/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/oom_score_adj: range and parsing (EINVAL); without CAP_SYS_RESOURCE it may go down only to the floor (0), else EACCES. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/prctl.h>

static long put(const char *v)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);
	long r;

	if (fd < 0)
		return -1;
	r = write(fd, v, strlen(v));
	close(fd);
	return r;
}

static void show(void)
{
	char buf[32] = "";
	int fd = open("/proc/self/oom_score_adj", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	printf("oom_score_adj = %.*s", (int)(n > 0 ? n : 0), buf);
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

static int unprivileged(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(prctl(PR_SET_DUMPABLE, 1)); /* keep /proc/self ours */
	SHOW(put("500\n"));
	SHOW(put("200"));
	show();
	SHOW(put("0"));
	SHOW(put("-1"));
	SHOW(put("-1000"));
	SHOW(put("1001"));
	SHOW(put("1000"));
	show();
	return 0;
}

static int child(void *arg)
{
	(void)arg;
	drop_sys_resource();
	SHOW(put("-1001"));
	SHOW(put("1001"));
	SHOW(put("abc"));
	SHOW(put("12x"));
	SHOW(put(""));
	SHOW(put("- 5"));
	SHOW(put(" 0x10 \n"));
	show();
	SHOW(put("010"));
	show();
	SHOW(put("+3"));
	show();
	SHOW(put("-1"));
	show();
	abi_run_child("uid 1000", unprivileged, NULL);
	return 0;
}

int main(void)
{
	show();
	abi_run_child("child", child, NULL);
	return 0;
}
