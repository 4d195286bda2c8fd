/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* OFD locks belong to the open file description: two opens in one process conflict, dups share. */
/* abi: glibc */
#include "abi.h"

static int ofd(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};

	return fcntl(fd, cmd, &fl);
}

static void getlk(int fd, int cmd, off_t start)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = 1};
	int r = fcntl(fd, cmd, &fl);

	printf("%s at %lld = %d: type %s start %lld len %lld pid %s\n",
	       cmd == F_GETLK ? "F_GETLK" : "F_OFD_GETLK", (long long)start, r,
	       fl.l_type == F_UNLCK   ? "UNLCK"
	       : fl.l_type == F_RDLCK ? "RDLCK"
				      : "WRLCK",
	       (long long)fl.l_start, (long long)fl.l_len,
	       fl.l_pid == getpid() ? "ours"
	       : fl.l_pid == -1	    ? "-1"
	       : fl.l_pid	    ? "other"
				    : "0");
}

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int b = open("f", O_RDWR);
	int d = dup(a);

	SHOW(ofd(a, F_OFD_SETLK, F_WRLCK, 0, 10));
	SHOW(ofd(d, F_OFD_SETLK, F_WRLCK, 5, 10)); /* the same description: merged */
	SHOW(ofd(b, F_OFD_SETLK, F_RDLCK, 12, 1));
	SHOW(ofd(b, F_OFD_SETLK, F_RDLCK, 15, 1));
	getlk(b, F_OFD_GETLK, 3);
	getlk(a, F_OFD_GETLK, 3);
	getlk(b, F_GETLK, 14);		       /* a POSIX probe meets the OFD lock, pid -1 */
	SHOW(ofd(a, F_SETLK, F_RDLCK, 15, 1)); /* POSIX and OFD locks conflict */
	SHOW(ofd(a, F_SETLK, F_RDLCK, 20, 5));
	getlk(b, F_OFD_GETLK, 22); /* ...in the same process too */
	SHOW(ofd(b, F_OFD_SETLK, F_WRLCK, 22, 1));
	SHOW(ofd(d, F_OFD_SETLK, F_UNLCK, 0, 0));
	SHOW(ofd(b, F_OFD_SETLK, F_WRLCK, 0, 15));
	close(a);
	close(b);
	close(d);
	unlink("f");
	return 0;
}
