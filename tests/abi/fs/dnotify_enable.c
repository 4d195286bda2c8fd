/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sys/fs/dir-notify-enable: 1 by default; 0 makes F_NOTIFY EINVAL; bad values EINVAL. */
/* abi: serial: changes /proc/sys/fs/dir-notify-enable, which every F_NOTIFY on the host reads */
#include "abi.h"

static void put(const char *v)
{
	int fd = open("/proc/sys/fs/dir-notify-enable", O_WRONLY);
	long r = write(fd, v, strlen(v));

	printf("write %s: %s\n", v, r < 0 ? abi_errname(errno) : "ok");
	close(fd);
}

static void get(void)
{
	char buf[32] = {0};
	int fd = open("/proc/sys/fs/dir-notify-enable", O_RDONLY);

	abi_read_all(fd, buf, sizeof(buf) - 1);
	printf("value: %s", buf);
	close(fd);
}

int main(void)
{
	int d = open(".", O_RDONLY | O_DIRECTORY);

	get();
	SHOW(fcntl(d, F_NOTIFY, DN_CREATE));
	put("0");
	get();
	SHOW(fcntl(d, F_NOTIFY, DN_CREATE));
	SHOW(fcntl(d, F_NOTIFY, 0));
	put("x");
	put("-5");
	get();
	SHOW(fcntl(d, F_NOTIFY, DN_DELETE));
	put("1");
	get();
	SHOW(fcntl(d, F_NOTIFY, DN_DELETE));
	return 0;
}
