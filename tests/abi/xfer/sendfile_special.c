/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendfile from devices (not /dev/null) and /proc files, and to stdout (a file here). */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int out = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644), in;
	char buf[64];
	long n;

	in = open("/dev/zero", O_RDONLY);
	SHOW(syscall(SYS_sendfile, out, in, NULL, 100));
	close(in);
	in = open("/dev/null", O_RDONLY);
	SHOW(syscall(SYS_sendfile, out, in, NULL, 100));
	close(in);
	in = open("/proc/version", O_RDONLY);
	n = syscall(SYS_sendfile, out, in, NULL, 4096);
	FACT("/proc/version sent", n > 10);
	FACT("/proc position moved", lseek(in, 0, SEEK_CUR) == n);
	close(in);
	SHOW(pread(out, buf, 8, 0));
	printf("zeros: %d\n", buf[0] == 0 && buf[7] == 0);
	SHOW(pread(out, buf, 1, 100));
	printf("then: %c\n", buf[0]); /* "Linux version ..." */
	SHOW(ftruncate(out, 0));
	SHOW(pwrite(out, "to stdout\n", 10, 0));
	SHOW(lseek(out, 0, SEEK_SET));
	SHOW(syscall(SYS_sendfile, STDOUT_FILENO, out, NULL, 100));
	close(out);
	unlink("out");
	return 0;
}
