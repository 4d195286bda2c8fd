/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RENAME_EXCHANGE errors: ENOENT, ENOTDIR, EINVAL (ancestors, flag mixes), EBUSY, and a no-op. */
/* abi: glibc */
#include "abi.h"

#define NOREPLACE (1 << 0)
#define EXCHANGE  (1 << 1)
#define WHITEOUT  (1 << 2)

static long r2(const char *a, const char *b, unsigned flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

int main(void)
{
	struct stat st;

	mkdir("d", 0755);
	mkdir("d/e", 0755);
	abi_make_file("f", "f");
	abi_make_file("d/g", "g");
	SHOW(link("f", "f2"));
	SHOW(r2("f", "missing", EXCHANGE));
	SHOW(r2("missing", "f", EXCHANGE));
	SHOW(r2("missing", "missing2", EXCHANGE));
	SHOW(r2("f/", "d", EXCHANGE));
	SHOW(r2("d", "f/", EXCHANGE));
	SHOW(r2("d/", "d/g", EXCHANGE));
	SHOW(r2("d", "d/e", EXCHANGE));
	SHOW(r2("d/e", "d", EXCHANGE));
	SHOW(r2("d", "d/g", EXCHANGE));
	SHOW(r2("d/g", "d", EXCHANGE));
	SHOW(r2(".", "f", EXCHANGE));
	SHOW(r2("f", "d/..", EXCHANGE));
	SHOW(r2("f", "d", EXCHANGE | NOREPLACE));
	SHOW(r2("f", "d", EXCHANGE | WHITEOUT));
	SHOW(r2("f", "missing", EXCHANGE | NOREPLACE));
	SHOW(r2("f", "f", EXCHANGE));
	SHOW(r2("f", "f2", EXCHANGE));
	SHOW(r2("d", "d/", EXCHANGE));
	SHOW(stat("f", &st));
	SHOW(st.st_nlink);
	SHOW(r2("d/g", "f", EXCHANGE));
	SHOW(unlink("f"));
	SHOW(unlink("f2"));
	SHOW(unlink("d/g"));
	SHOW(rmdir("d/e"));
	SHOW(rmdir("d"));
	return 0;
}
