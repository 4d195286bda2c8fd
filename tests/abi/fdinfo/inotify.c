/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of an inotify instance: one line per watch, newest first (wd, ino, sdev, mask). */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/inotify.h>

/* Each watch line up to its file handle, ino and sdev checked against `paths`. */
static void show_watches(const char *const *paths)
{
	const char *l = fdinfo_buf;

	while ((l = strstr(l, "inotify wd:"))) {
		unsigned wd, sdev, mask, ign;
		unsigned long long ino;
		struct stat st;

		if (sscanf(l, "inotify wd:%x ino:%llx sdev:%x mask:%x ignored_mask:%x", &wd, &ino,
			   &sdev, &mask, &ign) == 5 &&
		    wd >= 1 && wd <= 4) {
			stat(paths[wd - 1], &st);
			printf("wd %x (%s) ino %s sdev %s mask %x ignored %x handle %s\n", wd,
			       paths[wd - 1], ino == st.st_ino ? "ok" : "bad",
			       sdev == fdinfo_kdev(st.st_dev) ? "ok" : "bad", mask, ign,
			       strstr(l, " fhandle-bytes:") ? "shown" : "none");
		}
		l += 11;
	}
}

int main(void)
{
	static const char *const paths[] = {".", "f", "/proc/self", "d"};
	int in;

	abi_make_file("f", "x");
	mkdir("d", 0755);
	SHOW(in = inotify_init1(IN_NONBLOCK));
	fdinfo_print(in, NULL);
	SHOW(inotify_add_watch(in, paths[0], IN_CREATE | IN_DELETE | IN_EXCL_UNLINK | IN_ONLYDIR));
	SHOW(inotify_add_watch(in, paths[1], IN_MODIFY | IN_ONESHOT));
	SHOW(inotify_add_watch(in, paths[2], IN_OPEN));
	SHOW(inotify_add_watch(in, paths[3], IN_ALL_EVENTS));
	fdinfo_print(in, "inotify wd:");
	show_watches(paths);
	SHOW(inotify_add_watch(in, paths[1], IN_ATTRIB | IN_MASK_ADD));
	SHOW(inotify_rm_watch(in, 3));
	SHOW(fdinfo_get(in) > 0);
	show_watches(paths);
	unlink("f");
	rmdir("d");
	return 0;
}
