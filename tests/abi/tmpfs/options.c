/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tmpfs size=/nr_inodes= parsing (suffixes, rounding, %, 0 = no limit, bad values) and remount's rules. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>

static long half_ram; /* pages: the default size= and nr_inodes= */

static void show_count(const char *what, long n)
{
	if (n == half_ram)
		printf(" %s half-the-RAM", what);
	else
		printf(" %s %ld", what, n);
}

static void try(const char *opts)
{
	struct statfs s;

	printf("%-16s ", opts);
	if (mount("none", "mnt", "tmpfs", 0, opts)) {
		printf("mount: %s\n", abi_errname(errno));
		return;
	}
	statfs("mnt", &s);
	show_count("blocks", (long)s.f_blocks);
	show_count("files", (long)s.f_files);
	printf("\n");
	umount("mnt");
}

static void remount(const char *opts)
{
	printf("remount %-14s ", opts);
	if (mount("none", "mnt", NULL, MS_REMOUNT, opts))
		printf("%s\n", abi_errname(errno));
	else
		printf("ok\n");
}

int main(void)
{
	struct sysinfo si;
	struct statfs s;
	int fd;

	sysinfo(&si);
	half_ram = (long)((unsigned long long)si.totalram * si.mem_unit / 4096 / 2);
	mkdir("mnt", 0755);
	try("");
	try("size=1m,nr_inodes=10");
	try("size=10000");
	try("size=1K");
	try("size=2g");
	try("nr_inodes=2k");
	try("size=0,nr_inodes=0");
	try("size=12q");
	try("size=");
	try("nr_inodes=-1");
	SHOW(mount("none", "mnt", "tmpfs", 0, "size=50%"));
	statfs("mnt", &s);
	FACT("size=50% is half the RAM",
	     (unsigned long long)s.f_blocks * 4096 <=
			     (unsigned long long)si.totalram * si.mem_unit / 2 + 4096 &&
		     (unsigned long long)s.f_blocks * 4096 + 4096 >=
			     (unsigned long long)si.totalram * si.mem_unit / 2);
	umount("mnt");
	SHOW(mount("none", "mnt", "tmpfs", 0, "size=64k,nr_inodes=8"));
	fd = open("mnt/a", O_CREAT | O_WRONLY, 0644);
	SHOW(write(fd, &si, sizeof(si)));
	SHOW(pwrite(fd, &si, sizeof(si), 8192));
	close(fd);
	remount("size=4k");
	remount("size=8k");
	remount("nr_inodes=1");
	remount("nr_inodes=2");
	remount("size=1m");
	remount("size=0");
	remount("size=64k");
	remount("nr_inodes=0");
	remount("nr_inodes=100");
	statfs("mnt", &s);
	printf("blocks %ld free %ld files %ld free %ld\n", (long)s.f_blocks, (long)s.f_bfree,
	       (long)s.f_files, (long)s.f_ffree);
	SHOW(unlink("mnt/a"));
	SHOW(umount("mnt"));
	rmdir("mnt");
	return 0;
}
