/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sys/fs/inotify: the three limits, enforced (ENOSPC, EMFILE). */
/* abi: glibc */
/* abi: serial: it lowers the system-wide inotify limits for a moment */
#include "ev.h"

static long get(const char *name)
{
	char path[96], buf[32] = "";
	int f;

	snprintf(path, sizeof(path), "/proc/sys/fs/inotify/%s", name);
	f = open(path, O_RDONLY);
	if (f < 0 || read(f, buf, sizeof(buf) - 1) < 0)
		printf("FAIL: read %s\n", name);
	close(f);
	return atol(buf);
}

static int set(const char *name, long v)
{
	char path[96], buf[32];
	int f, n, r;

	snprintf(path, sizeof(path), "/proc/sys/fs/inotify/%s", name);
	n = snprintf(buf, sizeof(buf), "%ld\n", v);
	f = open(path, O_WRONLY);
	r = write(f, buf, n) == n ? 0 : -1;
	close(f);
	return r;
}

int main(void)
{
	long watches = get("max_user_watches"), inst = get("max_user_instances");
	int fd;

	FACT("max_queued_events is 16384", get("max_queued_events") == 16384);
	FACT("max_user_instances is 128", inst == 128);
	FACT("max_user_watches > 0", watches > 0);
	fd = inotify_init1(IN_CLOEXEC);
	SHOW(set("max_user_watches", 0));
	SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	SHOW(set("max_user_watches", watches));
	SHOW(inotify_add_watch(fd, ".", IN_CREATE));
	SHOW(set("max_user_instances", 0));
	SHOW(inotify_init1(IN_CLOEXEC));
	SHOW(set("max_user_instances", inst));
	SHOW(set("max_user_watches", -1));
	FACT("unchanged", get("max_user_watches") == watches);
	return 0;
}
