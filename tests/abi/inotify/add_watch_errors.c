/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* inotify_add_watch's errors: mask, descriptor, kind, path, IN_ONLYDIR, IN_MASK_CREATE. */
/* abi: glibc */
#include "ev.h"

int main(void)
{
	int fd = inotify_init1(IN_CLOEXEC), f, wd;

	f = open("file", O_CREAT | O_WRONLY, 0644);
	SHOW(inotify_add_watch(fd, ".", 0));
	SHOW(inotify_add_watch(fd, ".", IN_ONESHOT));
	SHOW(inotify_add_watch(fd, ".", IN_ISDIR));
	SHOW(syscall(SYS_inotify_add_watch, fd, ".", 0x08000000 | IN_ACCESS));
	SHOW(inotify_add_watch(-1, ".", IN_ACCESS));
	SHOW(inotify_add_watch(99, ".", IN_ACCESS));
	SHOW(inotify_add_watch(f, ".", IN_ACCESS));
	SHOW(inotify_add_watch(fd, ".", IN_ACCESS | IN_MASK_ADD | IN_MASK_CREATE));
	SHOW(inotify_add_watch(fd, "missing", IN_ACCESS));
	SHOW(inotify_add_watch(fd, "", IN_ACCESS));
	SHOW(inotify_add_watch(fd, ABI_BADPTR, IN_ACCESS));
	SHOW(inotify_add_watch(fd, "file/x", IN_ACCESS));
	SHOW(inotify_add_watch(fd, "file", IN_ACCESS | IN_ONLYDIR));
	wd = SHOW(inotify_add_watch(fd, "file", IN_ACCESS));
	SHOW(inotify_add_watch(fd, "file", IN_MODIFY | IN_MASK_CREATE));
	CHECK(inotify_add_watch(fd, "file", IN_MODIFY) == wd);
	CHECK(inotify_add_watch(fd, "./file", IN_MODIFY | IN_MASK_ADD) == wd);
	SHOW(inotify_add_watch(fd, ".", IN_ACCESS | IN_ONLYDIR));
	SHOW(inotify_add_watch(fd, "/", IN_ACCESS | IN_MASK_CREATE));
	SHOW(symlink("file", "link"));
	SHOW(inotify_add_watch(fd, "link", IN_ACCESS));
	SHOW(inotify_add_watch(fd, "link", IN_ACCESS | IN_DONT_FOLLOW));
	unlink("link");
	unlink("file");
	close(f);
	return 0;
}
