/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Symlink chains: 8 and 40 hops resolve, 41 hops and loops are ELOOP, as is O_NOFOLLOW. */
/* abi: glibc */
#include "abi.h"

static void chain(const char *prefix, int hops)
{
	char name[32], target[32];
	int i;

	for (i = 0; i < hops; i++) {
		snprintf(name, sizeof(name), "%s%d", prefix, i);
		if (i + 1 == hops)
			snprintf(target, sizeof(target), "f");
		else
			snprintf(target, sizeof(target), "%s%d", prefix, i + 1);
		symlink(target, name);
	}
}

static void unchain(const char *prefix, int hops)
{
	char name[32];
	int i;

	for (i = 0; i < hops; i++) {
		snprintf(name, sizeof(name), "%s%d", prefix, i);
		unlink(name);
	}
}

int main(void)
{
	struct stat st;

	abi_make_file("f", "x");
	chain("a", 8);
	chain("b", 9);
	chain("c", 40);
	chain("e", 41);
	symlink("self", "self");
	symlink("ping", "pong");
	symlink("pong", "ping");
	SHOW(stat("a0", &st));
	SHOW(stat("b0", &st));
	SHOW(stat("c0", &st));
	SHOW(stat("e0", &st));
	SHOW(open("e0", O_RDONLY));
	SHOW(stat("self", &st));
	SHOW(stat("ping", &st));
	SHOW(stat("ping/x", &st));
	SHOW(lstat("self", &st));
	SHOW(open("a0", O_RDONLY | O_NOFOLLOW));
	SHOW(open("self", O_RDONLY | O_CREAT, 0644));
	unchain("a", 8);
	unchain("b", 9);
	unchain("c", 40);
	unchain("e", 41);
	unlink("self");
	unlink("ping");
	unlink("pong");
	unlink("f");
	return 0;
}
