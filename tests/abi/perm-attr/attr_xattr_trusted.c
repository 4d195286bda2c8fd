/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* trusted.* needs CAP_SYS_ADMIN (EPERM to write, ENODATA to read, hidden from lists); security.* writes too. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/xattr.h>

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in sorted order (filesystems list them in their own order),
 * without the host's own security.* attributes. */
static void show_list(const char *path)
{
	char buf[256], *names[16];
	ssize_t n = listxattr(path, buf, sizeof(buf));
	int k = 0;

	for (ssize_t i = 0; i < n && k < 16; i += (ssize_t)strlen(buf + i) + 1)
		if (strncmp(buf + i, "security.", 9) || !strcmp(buf + i, "security.t"))
			names[k++] = buf + i;
	qsort(names, (size_t)k, sizeof(names[0]), by_name);
	printf("  list %s:", path);
	for (int i = 0; i < k; i++)
		printf(" %s", names[i]);
	printf("\n");
}

static int as_user(void *arg)
{
	char buf[64];

	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	SHOW(setxattr("mine", "trusted.u", "v", 1, 0));
	SHOW(getxattr("mine", "trusted.t", buf, sizeof(buf)));
	SHOW(getxattr("mine", "trusted.none", buf, sizeof(buf)));
	SHOW(removexattr("mine", "trusted.t"));
	SHOW(setxattr("mine", "security.u", "v", 1, 0));
	SHOW(getxattr("mine", "security.t", buf, sizeof(buf)));
	SHOW(removexattr("mine", "security.t"));
	SHOW(setxattr("mine", "user.u", "v", 1, 0));
	SHOW(setxattr("mine", "other.u", "v", 1, 0));
	show_list("mine");
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("mine", "x");
	chown("mine", 1000, 1000);
	SHOW(setxattr("mine", "trusted.t", "v", 1, 0));
	SHOW(setxattr("mine", "security.t", "v", 1, 0));
	abi_run_child("uid 1000", as_user, NULL);
	show_list("mine");
	unlink("mine");
	return 0;
}
