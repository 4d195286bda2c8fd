/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_GETFL/F_SETFL: kernel status flags (with O_LARGEFILE); only O_APPEND etc. change. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int r = open("f", O_RDONLY | O_CREAT, 0644);
	int w = open("f", O_WRONLY | O_APPEND);
	int rw = open("f", O_RDWR | O_NONBLOCK | O_CLOEXEC);

	printf("O_RDONLY: %#x\n", fcntl(r, F_GETFL));
	printf("O_WRONLY|O_APPEND: %#x\n", fcntl(w, F_GETFL));
	printf("O_RDWR|O_NONBLOCK|O_CLOEXEC: %#x\n", fcntl(rw, F_GETFL));
	SHOW(fcntl(r, F_SETFL, O_APPEND | O_NONBLOCK));
	printf("after setting O_APPEND|O_NONBLOCK: %#x\n", fcntl(r, F_GETFL));
	SHOW(fcntl(r, F_SETFL, O_RDWR | O_TRUNC | O_CREAT | O_EXCL));
	printf("after trying access mode and open-only flags: %#x\n", fcntl(r, F_GETFL));
	SHOW(fcntl(w, F_SETFL, 0));
	printf("O_APPEND cleared: %#x\n", fcntl(w, F_GETFL));
	SHOW(fcntl(99, F_GETFL));
	SHOW(fcntl(99, F_SETFL, 0));
	unlink("f");
	return 0;
}
