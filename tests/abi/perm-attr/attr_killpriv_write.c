/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Writing, truncating or fallocating as non-root clears S_ISUID (S_ISGID with group-exec); root keeps them. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>

static int ops(const char *how, unsigned mode)
{
	struct stat st;
	int fd = open("f", O_RDWR), r = -1;

	fchmod(fd, mode);
	if (!strcmp(how, "write"))
		r = (int)write(fd, "y", 1);
	else if (!strcmp(how, "pwrite"))
		r = (int)pwrite(fd, "y", 1, 8);
	else if (!strcmp(how, "ftruncate"))
		r = ftruncate(fd, 4);
	else if (!strcmp(how, "truncate"))
		r = truncate("f", 2);
	else if (!strcmp(how, "fallocate"))
		r = fallocate(fd, 0, 0, 100);
	else if (!strcmp(how, "O_TRUNC"))
		r = close(open("f", O_WRONLY | O_TRUNC));
	else if (!strcmp(how, "write0"))
		r = (int)write(fd, "", 0);
	fstat(fd, &st);
	printf("  %s %04o: %d -> %04o\n", how, mode, r, st.st_mode & 07777);
	close(fd);
	return 0;
}

static void all(void)
{
	const char *hows[] = {"write",	   "pwrite",  "ftruncate", "truncate",
			      "fallocate", "O_TRUNC", "write0"};

	for (unsigned i = 0; i < sizeof(hows) / sizeof(hows[0]); i++) {
		ops(hows[i], 06755);
		ops(hows[i], 02755);
		ops(hows[i], 02745);
	}
	ops("write", 02705);
}

static int as_user(void *arg)
{
	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	all();
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("f", "xyz");
	chown("f", 1000, 1000);
	abi_run_child("uid 1000", as_user, NULL);
	printf("root:\n");
	all();
	unlink("f");
	return 0;
}
