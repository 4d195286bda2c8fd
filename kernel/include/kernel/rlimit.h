/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Resource limits as the kernel enforces them.  The limits themselves live
 * in struct process (rlim[], copied by fork, kept by execve) and are read
 * and set with getrlimit/setrlimit/prlimit64 (kernel/syscalls/rlimit.c).
 * Each check reads the calling process's soft limit; RLIM64_INFINITY means
 * no limit, and the checks cost a few loads and compares in that case.
 *
 * Where each limit bites:
 *   NPROC      fork/vfork/clone (EAGAIN): rlimit_nproc_exceeded(); execve
 *              after a set*uid over it (EAGAIN): rlimit_nproc_exec()
 *   FSIZE      write, splice/copy, truncate, fallocate of regular files
 *              (SIGXFSZ and EFBIG): rlimit_fsize_write(), rlimit_fsize_grow()
 *   AS, DATA   mmap, brk, mremap, mprotect (ENOMEM): kernel/mm/vm.c
 *   STACK      the main stack's growth (SIGSEGV past it): kernel/mm/fault.c
 *   CPU        SIGXCPU each second past the soft limit, SIGKILL at the hard
 *              one: the scheduler tick (kernel/process/ptimer.c)
 *   MEMLOCK    mlock, mlockall, MAP_LOCKED (kernel/mm/mlock.c)
 *   SIGPENDING queued signals, per real uid of the receiver (sigpending.h)
 *              (kernel/process/signal.c)
 *   NICE       setpriority lowering the nice value (kernel/syscalls/sched.c)
 *   RTPRIO     sched_setscheduler/sched_setparam (kernel/syscalls/sched.c)
 *   NOFILE     the descriptor table's size (kernel/fs/file.c)
 *   CORE, MSGQUEUE, RTTIME, RSS, LOCKS are kept and reported only (no core
 *   files are written, there are no POSIX message queues yet).
 */
#pragma once

#include <klib/types.h>
#include <linux/resource.h>

struct process;

/* RLIMIT_NOFILE's hard limit may not exceed this (Linux's fs.nr_open). */
#define RLIMIT_NR_OPEN 1048576

/* The calling process's soft limit `res` (RLIM64_INFINITY: none). */
uint64_t rlimit_cur(unsigned res);

/* May `p` not create another process?  True when its real uid is not 0,
 * it holds neither CAP_SYS_RESOURCE nor CAP_SYS_ADMIN, and its real uid
 * already owns RLIMIT_NPROC or more processes (zombies included, as
 * Linux counts them until they are reaped).  Takes the proctree lock. */
bool rlimit_nproc_exceeded(const struct process *p);

/* The real uid of `p` changed from `old_uid` (set*uid): as Linux since 3.1
 * the change itself never fails, but when the new uid (not 0) already owns
 * more than RLIMIT_NPROC other processes, the next execve will refuse. */
void rlimit_nproc_setuid(struct process *p, uint32_t old_uid);
/* execve's check of that: 0, or -EAGAIN while the uid is still over the
 * limit (and the refusal stands for the next try). */
int rlimit_nproc_exec(struct process *p);

/* RLIMIT_FSIZE for a write of *len bytes at `pos` of a regular file: 0
 * with *len trimmed to end at the limit, or -EFBIG (SIGXFSZ sent to the
 * caller) when `pos` is at or past it. */
int rlimit_fsize_write(uint64_t pos, size_t *len);
/* A regular file of `old_size` bytes grows to `new_size` (truncate,
 * fallocate): 0, or -EFBIG (SIGXFSZ sent) past the limit. */
int rlimit_fsize_grow(uint64_t old_size, uint64_t new_size);
