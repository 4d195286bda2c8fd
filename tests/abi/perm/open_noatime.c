/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_NOATIME: only the file's owner (or CAP_FOWNER) may ask for it, else EPERM. */
/* abi: glibc */
#include "perm.h"

static void try(const char *name)
{
	int fd = open(name, O_RDONLY | O_NOATIME);

	printf("open(%s, O_RDONLY|O_NOATIME) = %s\n", name, fd >= 0 ? "ok" : abi_errname(errno));
	if (fd >= 0)
		close(fd);
}

static int user(void *arg)
{
	(void)arg;
	try("rootf");
	try("mine");
	try("secret"); /* EACCES comes first */
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_file("rootf", 0644, 0, 0);
	perm_file("mine", 0644, PERM_UID, PERM_GID);
	perm_file("secret", 0600, 0, 0);
	perm_as_user("user", user, NULL);
	printf("as root:\n");
	try("mine");
	unlink("rootf");
	unlink("mine");
	unlink("secret");
	return 0;
}
