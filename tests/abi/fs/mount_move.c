/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MS_MOVE: a mount and the mount on it move together; mountinfo follows; Linux's errors. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

static char cwd[4096];

/* The mount points below the test directory, in mountinfo's order, with
 * whether each one's parent is the mount listed before it. */
static void list(void)
{
	char line[8192], mp[4200];
	int id, parent, last = -1;
	size_t n = strlen(cwd);
	FILE *f = fopen("/proc/self/mountinfo", "r");

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%d %d %*u:%*u %*s %4199s", &id, &parent, mp) == 3 &&
		    !strncmp(mp, cwd, n) && mp[n] == '/') {
			printf("mountinfo: %s%s\n", mp + n,
			       parent == last ? " (on the one above)" : "");
			last = id;
		}
	}
	if (f)
		fclose(f);
}

int main(void)
{
	struct stat before, after;

	getcwd(cwd, sizeof(cwd));
	mkdir("m", 0755);
	/* a private tmpfs to hold the test's mounts: Linux moves no mount
	 * out of a shared parent, and the host's may be shared */
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	SHOW(mount(NULL, "m", NULL, MS_PRIVATE, NULL));
	mkdir("m/a", 0755);
	mkdir("m/b", 0755);
	abi_make_file("m/file", "x");
	SHOW(mount("none", "m/a", "tmpfs", 0, NULL));
	mkdir("m/a/sub", 0755);
	SHOW(mount("none", "m/a/sub", "tmpfs", 0, NULL));
	mkdir("m/a/sub/d", 0755);
	abi_make_file("m/a/sub/f", "y");
	SHOW(stat("m/a/sub/f", &before));
	list();
	SHOW(mount("m/a/sub/d", "m/b", NULL, MS_MOVE, NULL)); /* not a mount's root */
	SHOW(mount("m/a", "m/a/sub/d", NULL, MS_MOVE, NULL)); /* into itself */
	SHOW(mount("m/a", "m/file", NULL, MS_MOVE, NULL));
	SHOW(mount(NULL, "m/b", NULL, MS_MOVE, NULL));
	SHOW(mount("", "m/b", NULL, MS_MOVE, NULL));
	SHOW(mount("m/missing", "m/b", NULL, MS_MOVE, NULL));
	SHOW(mount("m/a", "m/missing", NULL, MS_MOVE, NULL));
	SHOW(mount("m/a", "m/b", NULL, MS_MOVE, NULL));
	SHOW(access("m/a/sub/f", F_OK));
	SHOW(stat("m/b/sub/f", &after));
	FACT("the same file, moved",
	     before.st_ino == after.st_ino && before.st_dev == after.st_dev);
	list();
	SHOW(umount("m/b")); /* its mount is busy */
	SHOW(umount("m/b/sub"));
	SHOW(umount("m/b"));
	SHOW(umount("m"));
	rmdir("m");
	return 0;
}
