/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* writev to /dev/kmsg: the whole vector is one record; too long is EINVAL, a bad vector EFAULT. */
/* abi: glibc */
/* abi: serial: the kernel log is the host's: another test's records would come between */
#include "abi.h"

#include <sys/uio.h>

static void show_next(int rd)
{
	char buf[2048];
	ssize_t n = read(rd, buf, sizeof(buf) - 1);
	char *text;

	buf[n > 0 ? n : 0] = '\0';
	text = strchr(buf, ';');
	printf("read %s: %s", n > 0 ? "a record" : abi_errname(errno), text ? text + 1 : "\n");
}

int main(void)
{
	int rd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), wr = open("/dev/kmsg", O_WRONLY);
	static char big[1100];
	struct iovec v[3] = {
		{"<7>kmsgv-mark ", 14},
		{"part two, ", 10},
		{"part three\n", 11},
	};
	struct iovec huge[2] = {{big, 600}, {big, 600}};
	struct iovec bad[2] = {{"<7>kmsgv-mark bad ", 18}, {ABI_BADPTR, 4}};

	memset(big, 'x', sizeof(big));
	CHECK(rd >= 0 && wr >= 0);
	SHOW(lseek(rd, 0, SEEK_END));
	SHOW(writev(wr, v, 3));
	show_next(rd);
	show_next(rd);
	SHOW(writev(wr, huge, 2));
	SHOW(writev(wr, bad, 2));
	show_next(rd);
	SHOW(writev(rd, v, 3));
	close(rd);
	close(wr);
	return 0;
}
