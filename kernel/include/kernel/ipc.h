/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * System V IPC (kernel/ipc/): what the rest of the kernel calls.  The
 * system calls themselves come from the generated table.
 */
#pragma once

#include <klib/types.h>

/* The thread group `tgid` is gone (its last thread exited): apply its
 * semaphore undo records (SEM_UNDO) and drop them.  May sleep. */
void sem_exit(int tgid);

/* The lines of /proc/sysvipc/shm, sem and msg after the header, one per
 * object in slot order, each handed to `emit` (a non-zero return stops
 * the walk and is returned).  May sleep. */
typedef int (*ipc_emit_fn)(void *ctx, const char *line);
int shm_proc_show(ipc_emit_fn emit, void *ctx);
int sem_proc_show(ipc_emit_fn emit, void *ctx);
int msg_proc_show(ipc_emit_fn emit, void *ctx);

/* The limits /proc/sys/kernel shows (shmmax, shmall, shmmni, sem,
 * msgmax, msgmnb, msgmni). */
#define IPC_SHMMAX 18446744073692774399ull /* ULONG_MAX - 2^24, Linux's default */
#define IPC_SHMALL 18446744073692774399ull
#define IPC_SHMMNI 4096
#define IPC_MSGMAX 8192
#define IPC_MSGMNB 16384
#define IPC_MSGMNI 32000
