/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mount/umount2 errors: ENODEV type, ENOENT/ENOTDIR targets, EINVAL non-mountpoints/flags. */
#include "abi.h"

#include <sys/mount.h>

int main(void)
{
	mkdir("mnt", 0755);
	abi_make_file("f", "x");
	SHOW(mount("none", "mnt", "no-such-fs-type", 0, NULL));
	SHOW(mount("none", "missing", "tmpfs", 0, NULL));
	SHOW(mount("none", "f/x", "tmpfs", 0, NULL));
	SHOW(syscall(SYS_mount, "none", ABI_BADPTR, "tmpfs", 0, NULL));
	SHOW(syscall(SYS_mount, "none", "mnt", ABI_BADPTR, 0, NULL));
	SHOW(umount2("mnt", 0));
	SHOW(umount2("missing", 0));
	SHOW(umount2("f", 0));
	SHOW(umount2("mnt", 0x80000000));
	SHOW(umount2("mnt", MNT_EXPIRE | MNT_FORCE));
	SHOW(syscall(SYS_umount2, ABI_BADPTR, 0));
	unlink("f");
	rmdir("mnt");
	return 0;
}
