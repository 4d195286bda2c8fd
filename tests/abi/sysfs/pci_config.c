/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A PCI function's config file is 256 or 4096 bytes (its st_size); root reads all of it, others the first 64; reads past the end give 0. */
/* abi: glibc */
#include "abi.h"

#define CFG "/sys/bus/pci/devices/0000:00:00.0/config"

static char buf[8192];

static int unprivileged(void *arg)
{
	int fd;

	(void)arg;
	if (setgid(65534) || setuid(65534))
		return 1;
	fd = open(CFG, O_RDONLY);
	printf("nobody reads: %ld\n", (long)abi_read_all(fd, buf, sizeof(buf)));
	SHOW(pread(fd, buf, 16, 60));
	SHOW(pread(fd, buf, 16, 64));
	SHOW(open(CFG, O_RDWR));
	close(fd);
	return 0;
}

int main(void)
{
	struct stat st;
	int fd = open(CFG, O_RDONLY);
	ssize_t n;

	if (fd < 0 || fstat(fd, &st)) {
		printf("open: %s\n", abi_errname(errno));
		return 1;
	}
	FACT("st_size 256 or 4096", st.st_size == 256 || st.st_size == 4096);
	printf("mode: %o\n", (unsigned)st.st_mode);
	n = abi_read_all(fd, buf, sizeof(buf));
	FACT("root reads st_size bytes", n == st.st_size);
	FACT("pread at st_size gives 0", pread(fd, buf, 16, st.st_size) == 0);
	FACT("pread across the end is cut", pread(fd, buf, 16, st.st_size - 4) == 4);
	FACT("pread far past the end gives 0", pread(fd, buf, 16, 1 << 20) == 0);
	SHOW(pread(fd, buf, 0, 0));
	SHOW(pread(fd, buf, 4, -1));
	SHOW(pread(fd, ABI_BADPTR, 16, 0));
	close(fd);
	abi_run_child("nobody", unprivileged, NULL);
	return 0;
}
