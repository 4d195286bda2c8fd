/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* memfd_create: an empty unlinked 0777 regular file opened O_RDWR, named /memfd:NAME (deleted). */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char path[64], link[128], buf[8] = {0};
	struct stat st;
	ssize_t n;
	int fd, fd2;

	fd = SHOW(syscall(SYS_memfd_create, "hello", 0));
	CHECK(fstat(fd, &st) == 0);
	printf("mode %o nlink %ld size %ld uid-is-mine %d\n", (unsigned)st.st_mode,
	       (long)st.st_nlink, (long)st.st_size, st.st_uid == geteuid());
	SHOW(fcntl(fd, F_GETFL) & O_ACCMODE);
	SHOW(fcntl(fd, F_GETFD));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n < 0 ? 0 : n] = 0;
	printf("link %s\n", link);
	SHOW(write(fd, "abcdef", 6));
	SHOW(pread(fd, buf, 3, 2));
	printf("read %s\n", buf);
	/* the /proc link reopens the same file */
	fd2 = SHOW(open(path, O_RDONLY));
	memset(buf, 0, sizeof(buf));
	SHOW(read(fd2, buf, 6));
	printf("reopened %s\n", buf);
	close(fd2);
	close(fd);
	fd = SHOW(syscall(SYS_memfd_create, "", MFD_CLOEXEC));
	SHOW(fcntl(fd, F_GETFD));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n < 0 ? 0 : n] = 0;
	printf("link %s\n", link);
	close(fd);
	return 0;
}
