/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* chown moves the ctime even when it changes nothing (-1, -1, or the same ids); a refused one does not. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <time.h>

static struct timespec ctime_of(const char *path)
{
	struct stat st;

	stat(path, &st);
	return st.st_ctim;
}

static void chown_ctime(const char *label, const char *path, uid_t u, gid_t g)
{
	struct timespec before = ctime_of(path), after, pause = {0, 20000000};
	int r;

	nanosleep(&pause, NULL);
	r = chown(path, u, g);
	after = ctime_of(path);
	printf("%s = %d, ctime moved: %s\n", label, r,
	       before.tv_sec != after.tv_sec || before.tv_nsec != after.tv_nsec ? "yes" : "no");
}

static int as_user(void *arg)
{
	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	chown_ctime("own chown -1 -1", "mine", -1, -1);
	chown_ctime("own chown 1000 1000", "mine", 1000, 1000);
	chown_ctime("root's chown -1 -1", "root", -1, -1);
	chown_ctime("root's chown 0 0 (EPERM)", "root", 0, 0);
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("mine", "x");
	abi_make_file("root", "x");
	chown("mine", 1000, 1000);
	abi_run_child("uid 1000", as_user, NULL);
	chown_ctime("root chown -1 -1", "mine", -1, -1);
	mkdir("d", 0755);
	chown_ctime("root chown dir 0 0", "d", 0, 0);
	rmdir("d");
	unlink("mine");
	unlink("root");
	return 0;
}
