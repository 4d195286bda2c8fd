/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/kmsg in poll: readable while a record is left, never writable; a new record wakes a poller and a blocked read. */
/* abi: glibc */
/* abi: serial: the kernel log is the host's: another test's records would come between */
#include "abi.h"

#include <poll.h>

int main(void)
{
	int rd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK), wr = open("/dev/kmsg", O_WRONLY);
	struct pollfd p = {.fd = rd, .events = POLLIN | POLLOUT | POLLPRI};
	char buf[2048];
	pid_t pid;

	CHECK(rd >= 0 && wr >= 0);
	SHOW(lseek(rd, 0, SEEK_END));
	SHOW(poll(&p, 1, 0));
	SHOW(write(wr, "<7>kmsg-poll one\n", 17));
	SHOW(poll(&p, 1, 0));
	printf("revents %#x\n", (unsigned)p.revents);
	FACT("read a record", read(rd, buf, sizeof(buf)) > 0);
	SHOW(poll(&p, 1, 0));
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		write(wr, "<7>kmsg-poll two\n", 17);
		usleep(20000);
		write(wr, "<7>kmsg-poll three\n", 19);
		_exit(0);
	}
	SHOW(poll(&p, 1, 10000)); /* woken by the child's record */
	printf("revents %#x\n", (unsigned)p.revents);
	FACT("read a record", read(rd, buf, sizeof(buf)) > 0);
	SHOW(fcntl(rd, F_SETFL, 0));
	FACT("blocking read woken by the next", read(rd, buf, sizeof(buf)) > 0);
	abi_wait_child("child", pid);
	close(rd);
	close(wr);
	return 0;
}
