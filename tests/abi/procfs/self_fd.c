/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/fd lists open fds, linking to paths, "pipe:[N]" or "path (deleted)". */
#include "abi.h"

#include <dirent.h>

int main(void)
{
	char cwd[4096], want[4200], buf[4200], path[64];
	struct dirent *e;
	int fd, p[2], nums[64], n = 0, i, j, t;
	DIR *d;

	getcwd(cwd, sizeof(cwd));
	abi_make_file("f", "x");
	fd = open("f", O_RDONLY);
	pipe(p);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	memset(buf, 0, sizeof(buf));
	readlink(path, buf, sizeof(buf) - 1);
	snprintf(want, sizeof(want), "%s/f", cwd);
	FACT("file fd links to cwd/f", strcmp(buf, want) == 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	memset(buf, 0, sizeof(buf));
	readlink(path, buf, sizeof(buf) - 1);
	FACT("pipe fd links to pipe:[...]", strncmp(buf, "pipe:[", 6) == 0);
	memset(buf, 0, sizeof(buf));
	readlink("/proc/self/fd/0", buf, sizeof(buf) - 1);
	printf("fd 0 -> %s\n", buf);
	d = opendir("/proc/self/fd");
	while (d && (e = readdir(d)) && n < 64)
		if (e->d_name[0] != '.')
			nums[n++] = atoi(e->d_name);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (nums[j] < nums[i]) {
				t = nums[i];
				nums[i] = nums[j];
				nums[j] = t;
			}
	printf("fds listed:");
	for (i = 0; i < n; i++)
		printf(" %d", nums[i]);
	printf("\n");
	closedir(d);
	unlink("f");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	memset(buf, 0, sizeof(buf));
	readlink(path, buf, sizeof(buf) - 1);
	snprintf(want, sizeof(want), "%s/f (deleted)", cwd);
	FACT("after unlink it links to \"cwd/f (deleted)\"", strcmp(buf, want) == 0);
	SHOW(readlink("/proc/self/fd/99", buf, sizeof(buf)));
	return 0;
}
