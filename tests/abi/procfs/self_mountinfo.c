/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/mountinfo and /proc/self/mounts lines for tmpfs mounts, their options and parents. */
/* abi: glibc */
#include <linux/stat.h>
#include "abi.h"

#include <sys/mount.h>

static char cwd[4096];

/* Print the mountinfo line of cwd/<name> without its IDs and device;
 * return its mount ID and, in *parent, its parent's. */
static int show(const char *name, int *parent)
{
	char line[8192], want[4200], mp[4200], rest[4096], path[4200];
	unsigned major, minor;
	int id = -1, par;
	FILE *f = fopen("/proc/self/mountinfo", "r");

	snprintf(want, sizeof(want), "%s/%s", cwd, name);
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%d %d %u:%u %4199s %4199s %4095[^\n]", &id, &par, &major, &minor,
			   path, mp, rest) == 7 &&
		    !strcmp(mp, want)) {
			printf("%s: major %u root %s: %s\n", name, major, path, rest);
			*parent = par;
			fclose(f);
			return id;
		}
	}
	printf("%s: not listed\n", name);
	if (f)
		fclose(f);
	return -1;
}

static void show_mounts_line(const char *name)
{
	char line[8192], want[4200], src[256], mp[4200], rest[4096];
	FILE *f = fopen("/proc/self/mounts", "r");

	snprintf(want, sizeof(want), "%s/%s", cwd, name);
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %4199s %4095[^\n]", src, mp, rest) == 3 &&
		    !strcmp(mp, want))
			printf("mounts: %s <%s> %s\n", src, name, rest);
	}
	if (f)
		fclose(f);
}

int main(void)
{
	int id, sub_id, parent, sub_parent;
	struct statx x;

	getcwd(cwd, sizeof(cwd));
	mkdir("m", 0755);
	SHOW(mount("none", "m", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=100,mode=700"));
	mkdir("m/sub", 0755);
	SHOW(mount("src", "m/sub", "tmpfs", MS_NOATIME, "uid=5,gid=6"));
	id = show("m", &parent);
	sub_id = show("m/sub", &sub_parent);
	FACT("m/sub's parent is m", sub_parent == id && id != sub_id && id >= 0);
	memset(&x, 0, sizeof(x));
	SHOW(syscall(SYS_statx, AT_FDCWD, "m/sub/..", 0, STATX_BASIC_STATS | STATX_MNT_ID, &x));
	FACT("statx gives m's mount ID",
	     (x.stx_mask & STATX_MNT_ID) && x.stx_mnt_id == (unsigned)id);
	SHOW(syscall(SYS_statx, AT_FDCWD, "m/sub", 0, STATX_MNT_ID, &x));
	FACT("and m/sub's", (x.stx_mask & STATX_MNT_ID) && x.stx_mnt_id == (unsigned)sub_id);
	show_mounts_line("m");
	show_mounts_line("m/sub");
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY | MS_NOEXEC, "size=2m"));
	show("m", &parent);
	show_mounts_line("m");
	SHOW(umount("m/sub"));
	show("m/sub", &parent);
	SHOW(umount("m"));
	show("m", &parent);
	rmdir("m/sub");
	rmdir("m");
	return 0;
}
