/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* vm.overcommit_memory 0 refuses one mapping larger than RAM (ENOMEM) unless MAP_NORESERVE or read-only; 1 allows it; the sysctls' ranges. */
/* abi: glibc */
/* abi: serial: changes the host's vm.overcommit_memory for a moment */
#include "abi.h"

#include <fcntl.h>
#include <sys/mman.h>

#define HUGE (1ul << 40) /* 1 TiB: more than any test machine's RAM */

static long put(const char *file, const char *v)
{
	int fd = open(file, O_WRONLY);
	long r;

	if (fd < 0)
		return -1;
	r = write(fd, v, strlen(v));
	close(fd);
	return r;
}

static void show(const char *file)
{
	char buf[32] = "";
	int fd = open(file, O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	printf("%s = %.*s", file, (int)(n > 0 ? n : 0), buf);
}

static void try_map(const char *what, int prot, int flags)
{
	void *p = mmap(NULL, HUGE, prot, flags | MAP_ANONYMOUS, -1, 0);

	printf("%s: %s\n", what, p == MAP_FAILED ? abi_errname(errno) : "mapped");
	if (p != MAP_FAILED)
		munmap(p, HUGE);
}

int main(void)
{
	void *brk0 = sbrk(0);

	show("/proc/sys/vm/overcommit_memory");
	show("/proc/sys/vm/overcommit_ratio");
	try_map("private rw", PROT_READ | PROT_WRITE, MAP_PRIVATE);
	try_map("private rw noreserve", PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
	try_map("private ro", PROT_READ, MAP_PRIVATE);
	try_map("shared rw", PROT_READ | PROT_WRITE, MAP_SHARED);
	printf("brk +1TiB: %s\n",
	       syscall(SYS_brk, (char *)brk0 + HUGE) == (long)brk0 ? "refused" : "moved");
	SHOW(put("/proc/sys/vm/overcommit_memory", "3"));
	SHOW(put("/proc/sys/vm/overcommit_memory", "-1"));
	SHOW(put("/proc/sys/vm/overcommit_memory", "x"));
	SHOW(put("/proc/sys/vm/overcommit_memory", "1\n"));
	show("/proc/sys/vm/overcommit_memory");
	try_map("always: private rw", PROT_READ | PROT_WRITE, MAP_PRIVATE);
	SHOW(put("/proc/sys/vm/overcommit_memory", "0"));
	SHOW(put("/proc/sys/vm/overcommit_ratio", "60"));
	show("/proc/sys/vm/overcommit_ratio");
	SHOW(put("/proc/sys/vm/overcommit_ratio", "50"));
	show("/proc/sys/vm/overcommit_memory");
	return 0;
}
