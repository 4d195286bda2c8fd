/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Pipes across fork carry request and reply; a blocked writer resumes as the reader drains. */
#include "abi.h"

#include <ctype.h>

int main(void)
{
	int req[2], rep[2], i;
	char buf[64] = "";
	static char big[200000];
	long total = 0;
	ssize_t n;
	pid_t pid;

	SHOW(pipe(req));
	SHOW(pipe(rep));
	pid = fork();
	if (pid == 0) {
		close(req[1]);
		close(rep[0]);
		n = read(req[0], buf, sizeof(buf));
		for (i = 0; i < n; i++)
			buf[i] = toupper((unsigned char)buf[i]);
		if (write(rep[1], buf, n) != n)
			_exit(1);
		memset(big, 'z', sizeof(big));
		_exit(write(rep[1], big, sizeof(big)) == (ssize_t)sizeof(big) ? 0 : 2);
	}
	close(req[0]);
	close(rep[1]);
	SHOW(write(req[1], "ping pong", 9));
	SHOW(read(rep[0], buf, 9));
	printf("reply \"%s\"\n", buf);
	while ((n = read(rep[0], big, 1000)) > 0)
		total += n;
	printf("then %ld bytes and EOF\n", total);
	abi_wait_child("child", pid);
	return 0;
}
