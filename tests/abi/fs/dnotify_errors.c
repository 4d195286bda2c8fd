/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fcntl F_NOTIFY errors: ENOTDIR for a file or pipe unless the mask is empty, EBADF for O_PATH or a closed fd. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int d = open(".", O_RDONLY | O_DIRECTORY), f = open("f", O_CREAT | O_RDWR, 0644);
	int p[2], o = open(".", O_PATH);

	CHECK(pipe(p) == 0);
	SHOW(fcntl(d, F_NOTIFY, DN_ACCESS | DN_MODIFY | DN_ATTRIB));
	SHOW(fcntl(d, F_NOTIFY, 0x100));
	SHOW(fcntl(d, F_NOTIFY, DN_MULTISHOT));
	SHOW(fcntl(d, F_NOTIFY, 0));
	SHOW(fcntl(f, F_NOTIFY, DN_CREATE));
	SHOW(fcntl(f, F_NOTIFY, 0));
	SHOW(fcntl(f, F_NOTIFY, DN_MULTISHOT));
	SHOW(fcntl(p[0], F_NOTIFY, DN_DELETE));
	SHOW(fcntl(p[0], F_NOTIFY, 0));
	SHOW(fcntl(o, F_NOTIFY, DN_CREATE));
	SHOW(fcntl(o, F_NOTIFY, 0));
	SHOW(fcntl(99, F_NOTIFY, DN_CREATE));
	unlink("f");
	return 0;
}
