/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A tty cannot be read or written at a position: pread/pwrite (and the v forms) on a pty master or slave are ESPIPE, not a blocking read. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <sys/uio.h>

int main(void)
{
	int m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK), zero = 0, s;
	char buf[8] = "abc";
	struct iovec iov = {buf, sizeof(buf)};

	SHOW_OK(m);
	SHOW(ioctl(m, TIOCSPTLCK, &zero));
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_NONBLOCK);
	FACT("peer opened", s >= 0);
	/* nothing is queued: without the ESPIPE check a read would block */
	alarm(5);
	SHOW(pread(m, buf, sizeof(buf), 0));
	SHOW(pwrite(m, buf, 3, 0));
	SHOW(pread(s, buf, sizeof(buf), 0));
	SHOW(pwrite(s, buf, 3, 0));
	SHOW(preadv(m, &iov, 1, 0));
	SHOW(pwritev(s, &iov, 1, 0));
	SHOW(lseek(m, 0, SEEK_CUR));
	SHOW(lseek(s, 0, SEEK_CUR));
	/* plain reads and writes still work */
	SHOW(write(m, "x\n", 2));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(read(m, buf, sizeof(buf)));
	/* a memory device has a position of its own: pread works */
	int z = open("/dev/zero", O_RDONLY);

	SHOW(pread(z, buf, sizeof(buf), 4096));
	close(z);
	close(s);
	close(m);
	return 0;
}
