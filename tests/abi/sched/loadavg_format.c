/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/loadavg: three averages with two decimals, running/total and the last pid; sysinfo's loads agree in form. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>
#include <sys/sysinfo.h>

int main(void)
{
	char buf[256], tail[8] = "";
	unsigned i[3], f[3], running, total, last;
	int fd = open("/proc/loadavg", O_RDONLY), n;
	ssize_t len = abi_read_all(fd, buf, sizeof(buf) - 1);
	struct sysinfo si;

	close(fd);
	buf[len > 0 ? len : 0] = '\0';
	n = sscanf(buf, "%u.%2u %u.%2u %u.%2u %u/%u %u%7s", &i[0], &f[0], &i[1], &f[1], &i[2],
		   &f[2], &running, &total, &last, tail);
	printf("fields %d\n", n);
	FACT("ends with a newline", len > 0 && buf[len - 1] == '\n');
	FACT("two decimals each", buf[1] == '.' || buf[2] == '.');
	FACT("running at least the reader", running >= 1);
	FACT("running within total", running <= total);
	FACT("last pid at least ours", last >= (unsigned)getpid());
	SHOW(sysinfo(&si));
	FACT("sysinfo loads below 1000",
	     si.loads[0] < (1000ul << 16) && si.loads[2] < (1000ul << 16));
	FACT("1-minute load agrees within 1",
	     (si.loads[0] >> 16) + 1 >= i[0] && (si.loads[0] >> 16) <= i[0] + 1);
	return 0;
}
