/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* statfs/fstatfs: the magic of proc, pipes and /dev; the fixed fields; EFAULT/ENOENT/EBADF. */
/* abi: glibc */
#include "abi.h"

#include <sys/statfs.h>

static void show(const char *label, int r, const struct statfs *s)
{
	printf("%s: %s type %#lx bsize %ld frsize %ld namelen %ld\n", label, r ? "FAIL" : "ok",
	       (unsigned long)s->f_type, (long)s->f_bsize, (long)s->f_frsize, (long)s->f_namelen);
}

int main(void)
{
	struct statfs s, t;
	int p[2], fd;

	memset(&s, 0, sizeof(s));
	show("/proc", statfs("/proc", &s), &s);
	printf("/proc counts: blocks %ld bfree %ld files %ld ffree %ld\n", (long)s.f_blocks,
	       (long)s.f_bfree, (long)s.f_files, (long)s.f_ffree);
	show("/proc/self/status", statfs("/proc/self/status", &s), &s);
	pipe(p);
	show("pipe", fstatfs(p[0], &s), &s);
	printf("pipe: blocks %ld files %ld flags %#lx\n", (long)s.f_blocks, (long)s.f_files,
	       (long)s.f_flags);
	fd = open("/dev/null", O_RDONLY);
	show("/dev/null", fstatfs(fd, &s), &s);
	statfs("/dev", &t);
	FACT("/dev/null is on /dev's filesystem", s.f_type == t.f_type);
	abi_make_file("f", "x");
	SHOW(statfs("f", &s));
	SHOW(statfs("f/x", &s));
	SHOW(statfs("missing", &s));
	SHOW(statfs("", &s));
	SHOW(syscall(SYS_statfs, ABI_BADPTR, &s));
	SHOW(syscall(SYS_statfs, "f", ABI_BADPTR));
	SHOW(syscall(SYS_fstatfs, fd, ABI_BADPTR));
	SHOW(fstatfs(99, &s));
	SHOW(fstatfs(-1, &s));
	unlink("f");
	return 0;
}
