/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* unlinkat: AT_REMOVEDIR for directories only, none for files only; EINVAL flags; dirfd. */
#include "abi.h"

int main(void)
{
	int dfd;

	mkdir("d", 0755);
	mkdir("d/sub", 0755);
	abi_make_file("d/f", "x");
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	SHOW(unlinkat(dfd, "sub", 0));
	SHOW(unlinkat(dfd, "f", AT_REMOVEDIR));
	SHOW(unlinkat(dfd, "f", 0x1));
	SHOW(unlinkat(dfd, "f", 0));
	SHOW(unlinkat(dfd, "sub", AT_REMOVEDIR));
	SHOW(unlinkat(99, "x", 0));
	SHOW(unlinkat(AT_FDCWD, "d", 0));
	SHOW(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
	SHOW(unlinkat(dfd, "f", 0));
	close(dfd);
	return 0;
}
