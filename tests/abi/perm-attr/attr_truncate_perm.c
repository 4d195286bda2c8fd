/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* truncate(path) needs write permission (EACCES); ftruncate needs a descriptor open for writing. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>

static void show_size(const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		printf("  %s: size %lld\n", path, (long long)st.st_size);
}

static int as_user(void *arg)
{
	int fd;

	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	SHOW(truncate("ro", 1));
	show_size("ro");
	SHOW(truncate("rw", 1));
	show_size("rw");
	SHOW(truncate("mine", 0)); /* the owner without write permission */
	SHOW(truncate("d", 0));
	SHOW(truncate("missing", 0));
	fd = open("ro", O_RDONLY);
	SHOW(ftruncate(fd, 0));
	close(fd);
	fd = open("rw", O_WRONLY);
	SHOW(ftruncate(fd, 3));
	show_size("rw");
	SHOW(fchmod(fd, 0444)); /* not the owner */
	close(fd);
	return 0;
}

int main(void)
{
	int fd;

	chmod(".", 0777);
	abi_make_file("ro", "xyz");
	abi_make_file("rw", "xyz");
	chmod("rw", 0666);
	abi_make_file("mine", "xyz");
	chown("mine", 1000, 1000);
	chmod("mine", 0444);
	mkdir("d", 0777);
	abi_run_child("uid 1000", as_user, NULL);
	/* root: CAP_DAC_OVERRIDE */
	SHOW(truncate("mine", 1));
	show_size("mine");
	fd = open("mine", O_WRONLY);
	SHOW(ftruncate(fd, 0)); /* an fd open for writing, whatever the mode now */
	close(fd);
	show_size("mine");
	unlink("ro");
	unlink("rw");
	unlink("mine");
	rmdir("d");
	return 0;
}
