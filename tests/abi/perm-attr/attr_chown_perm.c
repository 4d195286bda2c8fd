/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* chown: a new uid needs CAP_CHOWN; a new gid needs ownership and membership; -1 keeps an id. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>

static void show_owner(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		printf("  %s: %u:%u\n", path, (unsigned)st.st_uid, (unsigned)st.st_gid);
}

static int as_user(void *arg)
{
	gid_t extra = 2000;
	int fd;

	(void)arg;
	if (setgroups(1, &extra) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	SHOW(chown("mine", 1000, -1)); /* its own uid: no change */
	SHOW(chown("mine", 0, -1));
	SHOW(chown("mine", 1001, 1000));
	SHOW(chown("mine", -1, 2000)); /* a supplementary group */
	show_owner("mine");
	SHOW(chown("mine", -1, 0)); /* not a member */
	SHOW(chown("mine", 1000, 1000));
	show_owner("mine");
	SHOW(chown("mine", -1, -1));
	SHOW(chown("root", -1, -1)); /* nothing to change: allowed */
	SHOW(chown("root", -1, 1000));
	SHOW(chown("root", 1000, -1));
	SHOW(chown("root", 0, 0)); /* the same ids, still not the owner */
	fd = open("mine", O_RDONLY);
	SHOW(fchown(fd, -1, 2000));
	SHOW(fchown(fd, 0, -1));
	close(fd);
	SHOW(lchown("link", -1, 2000)); /* the link's own ids (it is root's) */
	show_owner("mine");
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("root", "x");
	abi_make_file("mine", "x");
	chown("mine", 1000, 1000);
	symlink("mine", "link");
	abi_run_child("uid 1000", as_user, NULL);
	SHOW(chown("mine", 4242, 4343)); /* CAP_CHOWN: any ids */
	show_owner("mine");
	SHOW(lchown("link", 7, 8));
	show_owner("link");
	show_owner("mine");
	SHOW(fchownat(AT_FDCWD, "link", 9, -1, AT_SYMLINK_NOFOLLOW));
	show_owner("link");
	SHOW(fchownat(AT_FDCWD, "link", 9, -1, 0x8000));
	unlink("root");
	unlink("mine");
	unlink("link");
	return 0;
}
