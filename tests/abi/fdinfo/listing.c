/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/fdinfo lists the open fds as regular files (0444), like fd/; closed ones are ENOENT. */
/* abi: glibc */
#include "fdinfo.h"
#include <dirent.h>

/* The sorted numeric entries of `dir` and their d_type. */
static void list(const char *label, const char *dir)
{
	int nums[64], types[64], n = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d)) && n < 64) {
		if (e->d_name[0] == '.')
			continue;
		nums[n] = atoi(e->d_name);
		types[n++] = e->d_type;
	}
	if (d)
		closedir(d);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (nums[j] < nums[i]) {
				int t = nums[i], u = types[i];

				nums[i] = nums[j], types[i] = types[j];
				nums[j] = t, types[j] = u;
			}
	printf("%s:", label);
	for (int i = 0; i < n; i++)
		printf(" %d%s", nums[i], types[i] == DT_REG ? "" : types[i] == DT_LNK ? "@" : "?");
	printf("\n");
}

int main(void)
{
	char path[64];
	struct stat st;
	int p[2];

	SHOW(pipe(p));
	SHOW(dup2(p[0], 9));
	list("fdinfo", "/proc/self/fdinfo");
	list("fd", "/proc/self/fd");
	snprintf(path, sizeof(path), "/proc/self/task/%d/fdinfo", getpid());
	list("task/<tid>/fdinfo", path);
	SHOW(stat("/proc/self/fdinfo", &st));
	printf("dir mode %o nlink %lu\n", st.st_mode, (unsigned long)st.st_nlink);
	SHOW(stat("/proc/self/fdinfo/9", &st));
	printf("file mode %o nlink %lu size %lld\n", st.st_mode, (unsigned long)st.st_nlink,
	       (long long)st.st_size);
	SHOW(close(9));
	SHOW(stat("/proc/self/fdinfo/9", &st));
	SHOW(open("/proc/self/fdinfo/9", O_RDONLY));
	SHOW(open("/proc/self/fdinfo/x", O_RDONLY));
	SHOW(open("/proc/self/fdinfo/01", O_RDONLY));
	SHOW(open("/proc/self/fdinfo/4294967296", O_RDONLY));
	SHOW(open("/proc/self/fdinfo/3", O_RDONLY | O_CREAT, 0600) >= 0);
	return 0;
}
