/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve: argv and envp arrive exactly, the pid stays, the new image's exit status counts. */
/* abi: glibc */
#include "abi.h"

int main(int argc, char **argv, char **envp)
{
	char pidbuf[32];
	pid_t pid;
	int i;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		printf("new image: argc = %d\n", argc);
		for (i = 1; i < argc; i++)
			printf("argv[%d] = \"%s\"\n", i, argv[i]);
		for (i = 0; envp[i]; i++)
			if (strncmp(envp[i], "OLDPID=", 7) != 0)
				printf("envp[%d] = \"%s\"\n", i, envp[i]);
		snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
		FACT("pid unchanged", getenv("OLDPID") && strcmp(getenv("OLDPID"), pidbuf) == 0);
		return 3;
	}
	pid = fork();
	if (pid == 0) {
		char *args[] = {argv[0], "child", "", "two words", NULL};
		char *env[] = {"A=1", "EMPTY=", pidbuf, NULL};

		snprintf(pidbuf, sizeof(pidbuf), "OLDPID=%d", (int)getpid());
		execve(argv[0], args, env);
		printf("execve = -1 %s\n", abi_errname(errno));
		_exit(1);
	}
	abi_wait_child("child", pid);
	return 0;
}
