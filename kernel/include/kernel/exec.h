/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * execve(): replace the calling process's program.  The argument and
 * environment strings are gathered into kernel memory first (from user
 * space by the system call, or from the kernel for the first process),
 * because the memory they came from disappears with the old program.
 */
#pragma once

#include <klib/types.h>
#include <platform/regs.h>

struct inode;
struct path_component;

#define EXEC_ARG_MAX	(2u << 20)	     /* total bytes of argv + envp strings (E2BIG) */
#define EXEC_STACK_TOP	0x00007ffffffff000ul /* the initial stack ends here ([stack]) */
#define EXEC_STRLEN_MAX (32u * 4096u)	     /* one string, NUL included (MAX_ARG_STRLEN) */

/* A growable vector of kernel strings: argv or envp. */
struct exec_strings {
	char **v;
	size_t n, cap;
	size_t *total; /* running byte count shared by argv and envp (E2BIG) */
};

/* Append (or, at_front, insert first) a copy of str[0..len): 0, -E2BIG, -ENOMEM. */
int exec_strings_add(struct exec_strings *s, const char *str, size_t len, bool at_front);
void exec_strings_free(struct exec_strings *s);

/*
 * Run `path` (resolved from the calling process's root and cwd) in the
 * calling process.  On success the process has its new memory, `regs`
 * holds the entry state to return to user mode with, and 0 is returned.
 * Before the point of no return the old program is untouched and -errno
 * comes back (ENOENT, EACCES, ENOEXEC, ELOOP, E2BIG, ENOMEM, ...); a
 * failure after it kills the process with SIGSEGV, as on Linux.  The
 * strings stay the caller's (exec_strings_free after).
 */
long exec_replace(const char *path, struct exec_strings *argv, struct exec_strings *envp,
		  struct arch_regs *regs);

/* May the caller execute the file `ino`: a regular file it may execute
 * (root: one with an x bit)?  0 or -EACCES, as Linux answers at open. */
int exec_permitted(struct inode *ino);

/* Flags of exec_replace_at.  EXEC_PATH_INACCESSIBLE: `path` is /dev/fd/N
 * of a close-on-exec fd, so a script is ENOENT (its interpreter could not
 * open it).  EXEC_COMM_FROM_FILE: comm is the file's own name, not the
 * last part of `path`. */
#define EXEC_PATH_INACCESSIBLE 0x1u
#define EXEC_COMM_FROM_FILE    0x2u

/*
 * exec_replace for execveat: the program is the file `at` already found
 * (any path component; exec_replace resolves `path` itself when `at` is
 * NULL), and `path` only names it, for AT_EXECFN, comm and a script's
 * interpreter ("/dev/fd/N" for a file opened by descriptor).
 */
long exec_replace_at(struct path_component *at, const char *path, unsigned flags,
		     struct exec_strings *argv, struct exec_strings *envp, struct arch_regs *regs);
