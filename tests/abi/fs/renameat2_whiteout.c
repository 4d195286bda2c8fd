/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RENAME_WHITEOUT (as root): the old name becomes a whiteout, a character device 0:0 of mode 0. */
/* abi: glibc */
#include "abi.h"

#include <sys/sysmacros.h>

#define NOREPLACE (1 << 0)
#define WHITEOUT  (1 << 2)

static long r2(const char *a, const char *b, unsigned flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void show(const char *path)
{
	struct stat st;

	if (lstat(path, &st)) {
		printf("%s: %s\n", path, abi_errname(errno));
		return;
	}
	printf("%s: mode %06o rdev %u:%u nlink %ld\n", path, st.st_mode, major(st.st_rdev),
	       minor(st.st_rdev), (long)st.st_nlink);
}

int main(void)
{
	abi_make_file("f", "data");
	abi_make_file("g", "other");
	mkdir("d", 0755);
	SHOW(r2("f", "moved", WHITEOUT));
	show("f");
	show("moved");
	SHOW(open("f", O_RDONLY));
	SHOW(r2("g", "moved", WHITEOUT | NOREPLACE));
	SHOW(r2("g", "moved", WHITEOUT));
	show("g");
	show("moved");
	SHOW(r2("d", "d2", WHITEOUT));
	show("d");
	show("d2");
	SHOW(link("moved", "m2"));
	SHOW(r2("moved", "m2", WHITEOUT));
	show("moved");
	SHOW(r2("missing", "x", WHITEOUT));
	SHOW(r2("f", "f", WHITEOUT));
	SHOW(unlink("f"));
	SHOW(unlink("g"));
	SHOW(unlink("d"));
	SHOW(unlink("moved"));
	SHOW(unlink("m2"));
	SHOW(rmdir("d2"));
	return 0;
}
