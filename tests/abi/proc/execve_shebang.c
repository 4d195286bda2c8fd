/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve of a "#!" script runs its interpreter with the optional argument and the script path. */
#include "abi.h"

int main(int argc, char **argv)
{
	char line[4200];
	int i;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "interp-arg") == 0) {
		printf("interpreter: argc = %d\n", argc);
		for (i = 1; i < argc; i++) {
			const char *slash = strrchr(argv[i], '/');

			printf("argv[%d] ends with \"%s\"\n", i, slash ? slash + 1 : argv[i]);
		}
		return 4;
	}
	snprintf(line, sizeof(line), "#!%s interp-arg\necho not reached\n", argv[0]);
	abi_make_file("script", line);
	chmod("script", 0755);
	pid = fork();
	if (pid == 0) {
		char *args[] = {"script", "s1", "s2", NULL};
		char *env[] = {NULL};

		execve("./script", args, env);
		printf("execve = -1 %s\n", abi_errname(errno));
		_exit(1);
	}
	abi_wait_child("script", pid);
	unlink("script");
	return 0;
}
