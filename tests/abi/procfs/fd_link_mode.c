/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/fd/N's mode says how the file is open: r-x, -wx, rwx, and nothing for O_PATH. */
/* abi: glibc */
#include "abi.h"

static void show(const char *what, int fd)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	lstat(path, &st);
	printf("%-16s %o\n", what, st.st_mode);
}

int main(void)
{
	abi_make_file("f", "x");
	show("O_RDONLY", open("f", O_RDONLY));
	show("O_WRONLY", open("f", O_WRONLY));
	show("O_RDWR", open("f", O_RDWR));
	show("O_PATH", open("f", O_PATH));
	show("O_PATH | O_RDWR", open("f", O_PATH | O_RDWR));
	show("O_PATH dir", open(".", O_PATH | O_DIRECTORY));
	unlink("f");
	return 0;
}
