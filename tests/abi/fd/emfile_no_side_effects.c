/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* With no fd free, open(O_CREAT) creates nothing, O_TRUNC keeps the data, mq_open creates no queue. */
/* abi: glibc */
#include "abi.h"

#include <mqueue.h>
#include <sys/resource.h>

int main(void)
{
	struct rlimit rl = {8, 8};
	struct stat st;
	int fd;

	abi_make_file("kept", "twelve bytes");
	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	while (open("/dev/null", O_RDONLY) >= 0)
		;
	SHOW(open("new", O_CREAT | O_WRONLY, 0644));
	SHOW(access("new", F_OK));
	SHOW(open("kept", O_WRONLY | O_TRUNC));
	SHOW(stat("kept", &st));
	printf("kept: %lld bytes\n", (long long)st.st_size);
	SHOW(creat("new2", 0644));
	SHOW(access("new2", F_OK));
	SHOW(mq_open("/abi-emfile-q", O_CREAT | O_RDWR, 0600, NULL));
	SHOW(close(7));
	fd = SHOW(mq_open("/abi-emfile-q", O_RDWR));
	SHOW(mq_unlink("/abi-emfile-q"));
	SHOW(close(fd));
	SHOW(open("new", O_CREAT | O_WRONLY, 0644));
	SHOW(access("new", F_OK));
	unlink("kept");
	unlink("new");
	return 0;
}
