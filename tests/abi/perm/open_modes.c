/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* open(2) by access mode: read/write bits of the caller's class, O_TRUNC needs write. */
/* abi: glibc */
#include "perm.h"

static void try(const char *name, int flags, const char *how)
{
	int fd = open(name, flags);

	printf("open(%s, %s) = %s\n", name, how, fd >= 0 ? "ok" : abi_errname(errno));
	if (fd >= 0)
		close(fd);
}

static void all(void)
{
	static const char *const names[] = {"r644", "r600", "r666", "r060", "u200", "u400", "g040"};

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		try(names[i], O_RDONLY, "O_RDONLY");
		try(names[i], O_WRONLY, "O_WRONLY");
		try(names[i], O_RDWR, "O_RDWR");
		try(names[i], O_RDONLY | O_TRUNC, "O_RDONLY|O_TRUNC");
		try(names[i], O_PATH, "O_PATH");
	}
}

static int user(void *arg)
{
	(void)arg;
	all();
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_file("r644", 0644, 0, 0);
	perm_file("r600", 0600, 0, 0);
	perm_file("r666", 0666, 0, 0);
	perm_file("r060", 0060, 0, PERM_GID); /* group 1000 may, others not */
	perm_file("u200", 0200, PERM_UID, 0); /* the owner's bits only */
	perm_file("u400", 0477, PERM_UID, 0);
	perm_file("g040", 0404, 0, PERM_GID); /* group's bits, not others' */
	perm_as_user("user", user, NULL);
	printf("as root:\n");
	all();
	unlink("r644");
	unlink("r600");
	unlink("r666");
	unlink("r060");
	unlink("u200");
	unlink("u400");
	unlink("g040");
	return 0;
}
