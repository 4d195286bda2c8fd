/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* xattr on tmpfs: set, get (size query and value), list (sorted here), replace, remove. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/xattr.h>

static void show_list(const char *path)
{
	char buf[256], *names[16];
	ssize_t n = listxattr(path, buf, sizeof(buf));
	int count = 0;

	for (ssize_t i = 0; i < n && count < 16; i += (ssize_t)strlen(buf + i) + 1)
		names[count++] = buf + i;
	for (int i = 0; i < count; i++) /* sorted: Linux's order changed over the years */
		for (int j = i + 1; j < count; j++)
			if (strcmp(names[j], names[i]) < 0) {
				char *t = names[i];
				names[i] = names[j];
				names[j] = t;
			}
	printf("list of %s (%zd bytes):", path, n);
	for (int i = 0; i < count; i++)
		printf(" %s", names[i]);
	printf("\n");
}

int main(void)
{
	char buf[64] = "";

	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/f", "data");
	mkdir("t/d", 0755);
	show_list("t/f");
	SHOW(setxattr("t/f", "user.colour", "blue", 4, 0));
	SHOW(setxattr("t/f", "trusted.level", "7", 1, 0));
	SHOW(setxattr("t/f", "security.label", "x", 1, 0));
	SHOW(setxattr("t/f", "user.empty", "", 0, 0));
	SHOW(getxattr("t/f", "user.colour", NULL, 0));
	SHOW(getxattr("t/f", "user.colour", buf, sizeof(buf)));
	printf("value: %.4s\n", buf);
	SHOW(getxattr("t/f", "user.empty", buf, sizeof(buf)));
	SHOW(listxattr("t/f", NULL, 0));
	show_list("t/f");
	SHOW(setxattr("t/f", "user.colour", "green", 5, 0));
	SHOW(getxattr("t/f", "user.colour", buf, sizeof(buf)));
	printf("value: %.5s\n", buf);
	SHOW(removexattr("t/f", "user.colour"));
	SHOW(getxattr("t/f", "user.colour", buf, sizeof(buf)));
	show_list("t/f");
	SHOW(setxattr("t/d", "user.dir", "yes", 3, 0));
	show_list("t/d");
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
