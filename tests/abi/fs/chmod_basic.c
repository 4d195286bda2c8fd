/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* chmod/fchmod: set the 07777 bits, keep the file type, follow symlinks; ENOENT, EBADF. */
#include "abi.h"

static void show_mode(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		printf("  %s: type %s, mode %04o\n", path,
		       S_ISREG(st.st_mode)   ? "reg"
		       : S_ISLNK(st.st_mode) ? "lnk"
					     : "dir",
		       st.st_mode & 07777);
}

int main(void)
{
	int fd;

	abi_make_file("f", "x");
	mkdir("d", 0755);
	symlink("f", "link");
	SHOW(chmod("f", 0));
	show_mode("f");
	SHOW(chmod("f", 04755));
	show_mode("f");
	SHOW(chmod("f", 0177777));
	show_mode("f");
	SHOW(chmod("d", 01777));
	show_mode("d");
	SHOW(chmod("link", 0600));
	show_mode("f");
	show_mode("link");
	fd = open("f", O_RDONLY);
	SHOW(fchmod(fd, 0444));
	show_mode("f");
	SHOW(fchmod(99, 0644));
	SHOW(chmod("missing", 0644));
	SHOW(chmod("f/x", 0644));
	SHOW(syscall(SYS_chmod, ABI_BADPTR, 0644));
	SHOW(fchmodat(AT_FDCWD, "f", 0644, 0));
	show_mode("f");
	close(fd);
	unlink("link");
	unlink("f");
	rmdir("d");
	return 0;
}
