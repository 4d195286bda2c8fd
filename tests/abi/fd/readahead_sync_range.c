/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readahead and sync_file_range: accepted on regular files, their errors on other fds and ranges. */
#include "abi.h"
#include <sys/syscall.h>

#define RA(fd, off, n)	      syscall(SYS_readahead, fd, (long)(off), (long)(n))
#define SFR(fd, off, n, flag) syscall(SYS_sync_file_range, fd, (long)(off), (long)(n), flag)

int main(void)
{
	int rd, wr, dir, null, p[2];

	abi_make_file("f", "some data");
	rd = open("f", O_RDONLY);
	wr = open("f", O_WRONLY);
	dir = open(".", O_RDONLY | O_DIRECTORY);
	null = open("/dev/null", O_RDWR);
	SHOW(pipe(p));
	SHOW(RA(rd, 0, 4096));
	SHOW(RA(rd, 1L << 40, 1L << 40));
	SHOW(RA(rd, -1, 10));
	SHOW(RA(wr, 0, 10));
	SHOW(RA(dir, 0, 10));
	SHOW(RA(null, 0, 10));
	SHOW(RA(p[0], 0, 10));
	SHOW(RA(999, 0, 10));
	SHOW(SFR(wr, 0, 0, SYNC_FILE_RANGE_WRITE));
	SHOW(SFR(rd, 0, 4096,
		 SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER));
	SHOW(SFR(wr, 0, 10, 0));
	SHOW(SFR(wr, 0, 10, 8));
	SHOW(SFR(wr, -1, 10, 0));
	SHOW(SFR(wr, 0, -1, 0));
	SHOW(SFR(wr, 0x7fffffffffffffffL, 2, 0));
	SHOW(SFR(dir, 0, 10, 0));
	SHOW(SFR(null, 0, 10, 0));
	SHOW(SFR(p[1], 0, 10, 0));
	SHOW(SFR(999, 0, 10, 0));
	SHOW(SFR(999, 0, 10, 8));
	close(rd);
	close(wr);
	close(dir);
	close(null);
	unlink("f");
	return 0;
}
