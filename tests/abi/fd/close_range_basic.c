/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* close_range closes [first, last]; ranges past the table's end are fine. */
/* abi: glibc */
#include "abi.h"

static void show_open(void)
{
	printf("open:");
	for (int fd = 0; fd < 12; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			printf(" %d", fd);
	printf("\n");
}

int main(void)
{
	for (int i = 3; i < 10; i++)
		dup(1);
	show_open();
	SHOW(syscall(SYS_close_range, 4, 5, 0));
	show_open();
	SHOW(syscall(SYS_close_range, 5, 6, 0)); /* 5 already closed */
	show_open();
	SHOW(syscall(SYS_close_range, 10, 20, 0)); /* nothing open there */
	SHOW(syscall(SYS_close_range, 8, 8, 0));
	show_open();
	SHOW(syscall(SYS_close_range, 9, ~0U, 0));
	show_open();
	SHOW(syscall(SYS_close_range, 2000, ~0U, 0));
	SHOW(syscall(SYS_close_range, ~0U, ~0U, 0));
	SHOW(syscall(SYS_close_range, 3, ~0U, 0));
	show_open();
	return 0;
}
