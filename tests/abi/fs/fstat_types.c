/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fstat reports files, directories, pipes and char devices, and nlink 0 once unlinked. */
#include "abi.h"

static const char *type(mode_t m)
{
	return S_ISREG(m)    ? "regular"
	       : S_ISDIR(m)  ? "directory"
	       : S_ISFIFO(m) ? "fifo"
	       : S_ISCHR(m)  ? "char device"
	       : S_ISLNK(m)  ? "symlink"
			     : "other";
}

int main(void)
{
	struct stat st;
	int p[2], fd;

	abi_make_file("f", "abc");
	fd = open("f", O_RDONLY);
	fstat(fd, &st);
	printf("file: %s, nlink %lu\n", type(st.st_mode), (unsigned long)st.st_nlink);
	SHOW(unlink("f"));
	fstat(fd, &st);
	printf("unlinked file: %s, nlink %lu, size %lld\n", type(st.st_mode),
	       (unsigned long)st.st_nlink, (long long)st.st_size);
	close(fd);
	fd = open(".", O_RDONLY);
	fstat(fd, &st);
	printf(".: %s\n", type(st.st_mode));
	close(fd);
	SHOW(pipe(p));
	fstat(p[0], &st);
	printf("pipe read end: %s, mode %04o\n", type(st.st_mode), st.st_mode & 07777);
	fstat(p[1], &st);
	printf("pipe write end: %s\n", type(st.st_mode));
	fd = open("/dev/null", O_RDONLY);
	fstat(fd, &st);
	printf("/dev/null: %s\n", type(st.st_mode));
	return 0;
}
