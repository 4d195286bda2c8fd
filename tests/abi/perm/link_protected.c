/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* link(2) of another user's file: protected_hardlinks=1 (Debian's) wants read+write, no setuid. */
/* abi: glibc */
#include "perm.h"

static int user(void *arg)
{
	(void)arg;
	SHOW(link("r600", "l1"));
	SHOW(link("r644", "l2"));
	SHOW(link("r666", "l3"));
	SHOW(link("s4777", "l4"));
	SHOW(link("g2777", "l5"));
	SHOW(link("g2767", "l6"));
	SHOW(link("mine", "l7"));
	SHOW(link("r600", "mine")); /* EEXIST first */
	SHOW(linkat(AT_FDCWD, "r644", AT_FDCWD, "l8", 0));
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	perm_file("r600", 0600, 0, 0);
	perm_file("r644", 0644, 0, 0);
	perm_file("r666", 0666, 0, 0);
	perm_file("s4777", 04777, 0, 0);
	perm_file("g2777", 02777, 0, 0);
	perm_file("g2767", 02767, 0, 0); /* setgid without group x: not "executable setgid" */
	perm_file("mine", 0400, PERM_UID, PERM_GID);
	perm_as_user("user", user, NULL);
	const char *names[] = {"r600", "r644", "r666", "s4777", "g2777", "g2767", "mine", "l1",
			       "l2",   "l3",   "l4",   "l5",	"l6",	 "l7",	  "l8"};
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(names[i]);
	return 0;
}
