/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/shm is a sticky world-writable tmpfs where shm_open and shm_unlink work. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>
#include <sys/vfs.h>

int main(void)
{
	struct statfs sfs;
	struct stat st;
	char *m;
	int fd;

	CHECK(stat("/dev/shm", &st) == 0);
	printf("mode %o\n", (unsigned)st.st_mode);
	CHECK(statfs("/dev/shm", &sfs) == 0);
	FACT("tmpfs", sfs.f_type == 0x01021994);
	fd = SHOW_OK(shm_open("/abi-shm-test", O_CREAT | O_EXCL | O_RDWR, 0600));
	SHOW(shm_open("/abi-shm-test", O_CREAT | O_EXCL | O_RDWR, 0600));
	SHOW(ftruncate(fd, 4096));
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	strcpy(m, "shm");
	CHECK(stat("/dev/shm/abi-shm-test", &st) == 0);
	printf("file mode %o size %ld\n", (unsigned)st.st_mode, (long)st.st_size);
	SHOW(shm_unlink("/abi-shm-test"));
	SHOW(shm_unlink("/abi-shm-test"));
	printf("still mapped %s\n", m);
	munmap(m, 4096);
	close(fd);
	return 0;
}
