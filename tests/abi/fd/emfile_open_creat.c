/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An open that fails with EMFILE has no effect: O_CREAT makes no file, O_TRUNC keeps the data. */
/* abi: glibc */
#include "abi.h"

#include <sys/resource.h>

int main(void)
{
	struct rlimit rl = {8, 8};
	struct stat st;
	int fd;

	abi_make_file("kept", "old contents");
	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		;
	printf("table full: %s\n", abi_errname(errno));
	SHOW(open("missing", O_RDONLY));
	SHOW(open("new", O_CREAT | O_WRONLY, 0644));
	SHOW(stat("new", &st));
	SHOW(open("new", O_CREAT | O_EXCL | O_RDWR, 0644));
	SHOW(stat("new", &st));
	SHOW(open("kept", O_WRONLY | O_TRUNC));
	SHOW(stat("kept", &st));
	printf("kept size %lld\n", (long long)st.st_size);
	SHOW(mkdir("d", 0755));
	SHOW(open("d/x", O_CREAT | O_RDWR, 0600));
	SHOW(stat("d/x", &st));
	SHOW(close(7));
	SHOW(open("new", O_CREAT | O_WRONLY, 0644));
	SHOW(stat("new", &st));
	unlink("new");
	unlink("kept");
	rmdir("d");
	return 0;
}
