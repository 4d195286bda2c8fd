/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A sysctl write is the whole value, blanks around it however long: pipe-max-size set to itself. */
/* abi: glibc */
/* abi: serial: writes a host sysctl (pipe-max-size, to the value it has) */
#include "abi.h"

#define PATH "/proc/sys/fs/pipe-max-size"

static void try(const char *what, const char *text, size_t len)
{
	int fd = open(PATH, O_WRONLY);
	ssize_t n = fd >= 0 ? write(fd, text, len) : -1;

	if (n < 0)
		printf("%s: write -1 %s\n", what, abi_errname(errno));
	else
		printf("%s: write %s\n", what, n == (ssize_t)len ? "all" : "part");
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char now[32] = "", buf[600];
	int fd = open(PATH, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, now, sizeof(now) - 1) : -1;

	if (fd >= 0)
		close(fd);
	CHECK(n > 1);
	now[n > 1 ? n - 1 : 0] = '\0'; /* the value without its newline */
	snprintf(buf, sizeof(buf), "%40s\n", now);
	try("40 leading blanks", buf, strlen(buf));
	snprintf(buf, sizeof(buf), "%-500s\n", now);
	try("500 trailing blanks", buf, strlen(buf));
	fd = open(PATH, O_RDONLY);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	buf[n > 0 ? n - 1 : 0] = '\0';
	FACT("the value is unchanged", !strcmp(buf, now));
	if (fd >= 0)
		close(fd);
	return 0;
}
