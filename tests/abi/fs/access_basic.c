/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* access as root: F_OK, R/W always, X needs an x bit; EINVAL mode, ENOENT, ENOTDIR. */
#include "abi.h"

int main(void)
{
	abi_make_file("plain", "x");
	abi_make_file("exe", "x");
	chmod("plain", 0644);
	chmod("exe", 0700);
	symlink("exe", "link");
	symlink("missing", "dangling");
	FACT("running as root (the suite assumes it)", geteuid() == 0);
	SHOW(access("plain", F_OK));
	SHOW(access("plain", R_OK | W_OK));
	SHOW(access("plain", X_OK));
	SHOW(access("exe", X_OK));
	SHOW(access("link", X_OK));
	SHOW(access("dangling", F_OK));
	SHOW(access(".", X_OK));
	SHOW(access("missing", F_OK));
	SHOW(access("plain/x", F_OK));
	SHOW(access("plain", 8));
	SHOW(access("plain", -1));
	SHOW(syscall(SYS_access, ABI_BADPTR, F_OK));
	unlink("plain");
	unlink("exe");
	unlink("link");
	unlink("dangling");
	return 0;
}
