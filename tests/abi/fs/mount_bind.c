/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* MS_BIND shows a directory at a second place: same files, its own ".." and mount, EXDEV across. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

int main(void)
{
	char line[8192], want[4200], cwd[4096], mp[4200], root[4200];
	struct stat a, b, up, here;
	FILE *f;

	getcwd(cwd, sizeof(cwd));
	mkdir("m", 0755);
	mkdir("t", 0755);
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	mkdir("m/a", 0755);
	mkdir("m/a/b", 0755);
	abi_make_file("m/a/b/f", "x");
	SHOW(mount("m/a/b", "t", NULL, MS_BIND, NULL));
	SHOW(stat("m/a/b/f", &a));
	SHOW(stat("t/f", &b));
	FACT("the same file", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	abi_make_file("t/new", "y");
	SHOW(access("m/a/b/new", F_OK));
	SHOW(rename("t/new", "m/a/b/moved"));
	SHOW(link("t/f", "m/a/b/l"));
	stat("t/..", &up);
	stat(".", &here);
	FACT("t/.. is where t is", up.st_ino == here.st_ino && up.st_dev == here.st_dev);
	snprintf(want, sizeof(want), "%s/t", cwd);
	f = fopen("/proc/self/mountinfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*d %*d %*u:%*u %4199s %4199s", root, mp) == 2 &&
		    !strcmp(mp, want))
			printf("mountinfo: root %s\n", root);
	}
	if (f)
		fclose(f);
	SHOW(mount("m/a/b/f", "t", NULL, MS_BIND, NULL));
	SHOW(mount("missing", "t", NULL, MS_BIND, NULL));
	SHOW(umount("m"));
	SHOW(umount("t"));
	SHOW(access("t/f", F_OK));
	unlink("m/a/b/new");
	unlink("m/a/b/f");
	rmdir("m/a/b");
	rmdir("m/a");
	SHOW(umount("m"));
	rmdir("m");
	rmdir("t");
	return 0;
}
