/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * execve: gather the path, argv and envp from user memory into kernel
 * copies (they vanish with the old program), then let exec_replace() do
 * the rest.  On success the new program starts when the system call
 * returns: exec_replace() rewrote the saved registers.
 */
#include <klib/errno.h>
#include <linux/limits.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/exec.h>
#include <kernel/oom.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>

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

static long do_execve(const struct syscall_args *a)
{
	size_t total = 0;
	struct exec_strings argv = {.total = &total}, envp = {.total = &total};
	char *path = kmalloc(PATH_MAX), *tmp = NULL;
	long err;

	if (!current_process())
		return -ENOSYS;
	if (!path)
		return -ENOMEM;
	err = strncpy_from_user(path, uptr(a->arg[0]), PATH_MAX);
	if (err >= 0)
		err = rlimit_nproc_exec(current_process());
	if (err >= 0) {
		tmp = kmalloc(EXEC_STRLEN_MAX);
		err = tmp ? copy_strings(&argv, uptr(a->arg[1]), tmp) : -ENOMEM;
	}
	/* an empty argv gets argv[0] = "" (Linux >= 5.18): argc is never 0 */
	if (err >= 0 && !argv.n)
		err = exec_strings_add(&argv, "", 0, false);
	if (err >= 0)
		err = copy_strings(&envp, uptr(a->arg[2]), tmp);
	kfree(tmp);
	if (err >= 0)
		err = path[0] ? exec_replace(path, &argv, &envp, a->regs) : -ENOENT;
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

	while ((err = do_execve(a)) == -ENOMEM && oom_recover())
		;
	return err;
}
