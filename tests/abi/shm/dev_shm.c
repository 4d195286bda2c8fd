/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/shm is a sticky world-writable tmpfs where shm_open and shm_unlink work. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>
#include <sys/vfs.h>

int main(void)
{
	char name[32], path[48];
	struct statfs sfs;
	struct stat st;
	char *m;
	int fd;

	/* one name per process: the libc builds of this test run in parallel */
	snprintf(name, sizeof(name), "/abi-shm-%d", (int)getpid());

	CHECK(stat("/dev/shm", &st) == 0);
	printf("mode %o\n", (unsigned)st.st_mode);
	CHECK(statfs("/dev/shm", &sfs) == 0);
	FACT("tmpfs", sfs.f_type == 0x01021994);
	fd = SHOW_OK(shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600));
	SHOW(shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600));
	SHOW(ftruncate(fd, 4096));
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	strcpy(m, "shm");
	snprintf(path, sizeof(path), "/dev/shm%s", name);
	CHECK(stat(path, &st) == 0);
	printf("file mode %o size %ld\n", (unsigned)st.st_mode, (long)st.st_size);
	SHOW(shm_unlink(name));
	SHOW(shm_unlink(name));
	printf("still mapped %s\n", m);
	munmap(m, 4096);
	close(fd);
	return 0;
}
