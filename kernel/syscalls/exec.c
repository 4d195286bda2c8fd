/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * execve and execveat: gather the path, argv and envp from user memory
 * into kernel copies (they vanish with the old program), then let
 * exec_replace_at() do the rest.  On success the new program starts when the system call
 * returns: exec_replace() rewrote the saved registers.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/limits.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/exec.h>
#include <kernel/oom.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include "sys.h"

#define PATH_BUF (PATH_MAX + 32) /* room for "/dev/fd/N/" before a path */

/* Copy a NULL-terminated user array of strings (NULL array: empty). */
static int copy_strings(struct exec_strings *s, const char __user *const __user *uv, char *tmp)
{
	if (!uv)
		return 0;
	for (size_t i = 0;; i++) {
		const char __user *up;
		long len;
		int err;

		if (get_user(up, uv + i))
			return -EFAULT;
		if (!up)
			return 0;
		len = strncpy_from_user(tmp, up, EXEC_STRLEN_MAX);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return (int)len;
		err = exec_strings_add(s, tmp, (size_t)len, false);
		if (err)
			return err;
	}
}

/* What execveat runs: the file `dirfd` and the user path name (flags:
 * AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW), one the caller may execute, and
 * how `path` (its name, already copied) is shown: Linux's
 * "/dev/fd/N[/path]" for a file found through a descriptor, and EXEC_*
 * flags for exec_replace_at.  New reference in *out. */
static long find_at(int dirfd, uint64_t upath, int flags, char *path, unsigned *eflags,
		    struct path_component **out)
{
	char *name;
	long err = resolve_at(dirfd, upath, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : RESOLVE_FOLLOW,
			      flags & AT_EMPTY_PATH, out);

	if (err) {
		*out = NULL;
		return err;
	}
	if ((*out)->inode->kind == INODE_SYMLINK)
		err = -ELOOP; /* AT_SYMLINK_NOFOLLOW on a symlink */
	else
		err = exec_permitted((*out)->inode);
	if (err)
		goto err_put;
	*eflags = 0;
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	if (fdtable_get_cloexec(fdt(), dirfd) == 1)
		*eflags |= EXEC_PATH_INACCESSIBLE;
	name = kmalloc(PATH_BUF);
	if (!name) {
		err = -ENOMEM;
		goto err_put;
	}
	if (path[0]) {
		snprintf(name, PATH_BUF, "/dev/fd/%d/%s", dirfd, path);
	} else {
		snprintf(name, PATH_BUF, "/dev/fd/%d", dirfd);
		*eflags |= EXEC_COMM_FROM_FILE;
	}
	strlcpy(path, name, PATH_BUF);
	kfree(name);
	return 0;
err_put:
	path_put(*out);
	*out = NULL;
	return err;
}

/* execveat, and execve as execveat(AT_FDCWD, path, argv, envp, 0).  The
 * order of Linux (>= 6.8): the path, RLIMIT_NPROC, the flags, the file
 * (ENOENT, EACCES, ELOOP...), then argv and envp (EFAULT, E2BIG), then
 * the file's format (ENOEXEC...). */
static long do_execveat(const struct syscall_args *a, int dirfd, uint64_t upath, uint64_t uargv,
			uint64_t uenvp, int flags)
{
	size_t total = 0;
	struct exec_strings argv = {.total = &total}, envp = {.total = &total};
	struct path_component *at = NULL;
	char *path = kmalloc(PATH_BUF), *tmp = NULL;
	unsigned eflags = 0;
	long err;

	if (!current_process())
		return -ENOSYS;
	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, uptr(upath), PATH_MAX);
	if (err >= 0)
		err = rlimit_nproc_exec(current_process());
	if (err >= 0 && (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)))
		err = -EINVAL;
	if (err >= 0)
		err = find_at(dirfd, upath, flags, path, &eflags, &at);
	if (err >= 0) {
		tmp = kmalloc(EXEC_STRLEN_MAX);
		err = tmp ? copy_strings(&argv, uptr(uargv), tmp) : -ENOMEM;
	}
	/* an empty argv gets argv[0] = "" (Linux >= 5.18): argc is never 0 */
	if (err >= 0 && !argv.n)
		err = exec_strings_add(&argv, "", 0, false);
	if (err >= 0)
		err = copy_strings(&envp, uptr(uenvp), tmp);
	kfree(tmp);
	if (err >= 0)
		err = exec_replace_at(at, path, eflags, &argv, &envp, a->regs);
	if (at)
		path_put(at);
	exec_strings_free(&argv);
	exec_strings_free(&envp);
	kfree(path);
	return err;
}

/* execve(path, argv, envp).  Out of memory before the old program is gone,
 * the OOM killer frees some and the call starts over from the user's
 * arguments (a failure past that point has ended the process already). */
long sys_execve(const struct syscall_args *a)
{
	long err;

	while ((err = do_execveat(a, AT_FDCWD, a->arg[0], a->arg[1], a->arg[2], 0)) == -ENOMEM &&
	       oom_recover())
		;
	return err;
}

/* execveat(dirfd, path, argv, envp, flags): the path relative to dirfd,
 * or with AT_EMPTY_PATH and "" the open file itself (fexecve). */
long sys_execveat(const struct syscall_args *a)
{
	long err;

	while ((err = do_execveat(a, (int)a->arg[0], a->arg[1], a->arg[2], a->arg[3],
				  (int)a->arg[4])) == -ENOMEM &&
	       oom_recover())
		;
	return err;
}
