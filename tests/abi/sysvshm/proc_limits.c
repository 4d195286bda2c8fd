/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sys/kernel's System V IPC limits: shmmax, shmall, shmmni, sem, msgmax, msgmnb, msgmni at Linux's defaults. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	static const char *const names[] = {"shmmax", "shmall", "shmmni", "sem",
					    "msgmax", "msgmnb", "msgmni"};
	char path[64], buf[128];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ssize_t n;
		int fd;

		snprintf(path, sizeof(path), "/proc/sys/kernel/%s", names[i]);
		fd = open(path, O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		buf[n < 0 ? 0 : n] = 0;
		printf("%s: %s", names[i], buf);
		close(fd);
	}
	return 0;
}
