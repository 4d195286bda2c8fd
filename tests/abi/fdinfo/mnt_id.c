/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo: mnt_id is the mount ID /proc/self/mountinfo gives the file's mount. */
/* abi: glibc */
#include "fdinfo.h"

/* The ID of the mount whose mount point is the longest prefix of `path`. */
static int mount_of(const char *path)
{
	char line[4096], mp[4096];
	size_t best = 0;
	int id, best_id = -1;
	FILE *f = fopen("/proc/self/mountinfo", "r");

	while (f && fgets(line, sizeof(line), f)) {
		size_t n;

		if (sscanf(line, "%d %*d %*s %*s %4095s", &id, mp) != 2)
			continue;
		n = strlen(mp);
		if (!strncmp(path, mp, n) && (path[n] == '/' || path[n] == '\0' || n == 1) &&
		    n >= best) {
			best = n;
			best_id = id;
		}
	}
	if (f)
		fclose(f);
	return best_id;
}

int main(void)
{
	char cwd[4096];
	int fd, id = -2;

	getcwd(cwd, sizeof(cwd));
	abi_make_file("f", "x");
	SHOW(fd = open("f", O_RDONLY));
	SHOW(fdinfo_get(fd) > 0);
	sscanf(fdinfo_line("mnt_id:") ? fdinfo_line("mnt_id:") : "", "mnt_id:\t%d", &id);
	FACT("the cwd's mount", id == mount_of(cwd));
	SHOW(fd = open("/proc/self/status", O_RDONLY));
	SHOW(fdinfo_get(fd) > 0);
	sscanf(fdinfo_line("mnt_id:") ? fdinfo_line("mnt_id:") : "", "mnt_id:\t%d", &id);
	FACT("/proc's mount", id == mount_of("/proc"));
	unlink("f");
	return 0;
}
