/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* creat is open(O_CREAT|O_WRONLY|O_TRUNC): truncates, write-only fd, EISDIR on a directory. */
#include "abi.h"

int main(void)
{
	struct stat st;
	char c;

	abi_make_file("f", "old contents");
	SHOW(syscall(SYS_creat, "f", 0600));
	SHOW(fstat(3, &st));
	printf("size %lld, mode %04o (existing mode kept)\n", (long long)st.st_size,
	       st.st_mode & 07777);
	SHOW(read(3, &c, 1));
	SHOW(write(3, "new", 3));
	printf("F_GETFL & O_ACCMODE = %d\n", fcntl(3, F_GETFL) & O_ACCMODE);
	SHOW(syscall(SYS_creat, "g", 0666));
	SHOW(stat("g", &st));
	printf("new file mode %04o\n", st.st_mode & 07777);
	mkdir("d", 0755);
	SHOW(syscall(SYS_creat, "d", 0644));
	SHOW(syscall(SYS_creat, "nodir/g", 0644));
	unlink("f");
	unlink("g");
	rmdir("d");
	return 0;
}
