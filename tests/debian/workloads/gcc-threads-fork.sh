# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# a compiled program using fork, pipes and exit statuses
cat > t.c <<'C'
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	int p[2], st;
	char buf[16];
	if (pipe(p))
		return 1;
	if (fork() == 0) {
		write(p[1], "child", 5);
		_exit(4);
	}
	close(p[1]);
	ssize_t n = read(p[0], buf, sizeof(buf));
	wait(&st);
	printf("%.*s %d\n", (int)n, buf, WEXITSTATUS(st));
	return 0;
}
C
gcc -O1 -o t t.c && ./t
