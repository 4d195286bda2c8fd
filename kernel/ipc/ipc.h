/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Internal interfaces of System V IPC (kernel/ipc/): the identifier table
 * each of shm, sem and msg keeps, and the permission rules they share.
 *
 * Each kind has one table guarded by one sleeping mutex (`lock`), held for
 * the whole of an operation, user copies included; a thread that blocks
 * (semop, msgsnd, msgrcv) drops it and sleeps on a wait queue of its own
 * until a waker, holding the lock, completes its request and sets its
 * status (ipc_complete; the predicate reads only that word), so a wake-up
 * wakes exactly the thread it is for.  An identifier is
 * seq * IPC_SEQ_MUL + slot, as Linux builds them.
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <linux/ipc.h>
#include <kernel/mutex.h>

#define S_IRUGO 0444
#define S_IWUGO 0222
#define S_IXUGO 0111

#ifndef list_for_each_entry_safe
/* list_for_each_entry where the body may unlink (and free) `pos`. */
#define list_for_each_entry_safe(pos, n, h, member)                     \
	for (pos = list_entry((h)->next, __typeof__(*pos), member),     \
	    n = list_entry(pos->member.next, __typeof__(*pos), member); \
	     &pos->member != (h); pos = n, n = list_entry(n->member.next, __typeof__(*n), member))
#endif

#define IPC_SEQ_MUL 32768 /* Linux's IPCMNI: identifiers are seq * 32768 + slot */

/* Kernel side of struct ipc_perm. */
struct kipc_perm {
	int id;
	int key;
	uint32_t uid, gid, cuid, cgid;
	unsigned mode; /* the low 9 bits, plus SHM_DEST / SHM_LOCKED for shm */
	unsigned seq;
};

struct ipc_table {
	struct mutex lock;
	struct kipc_perm **slots; /* lock */
	int cap;		  /* slots allocated (grows, up to max) */
	int max;		  /* IPCMNI or the kind's limit */
	int used;		  /* live entries */
	unsigned seq;		  /* next sequence number */
};

#define IPC_TABLE_INIT(t, name, mx)                             \
	{                                                       \
		MUTEX_INIT((t).lock, name), NULL, 0, (mx), 0, 0 \
	}

/* The entry with identifier `id` (lock held): NULL if none (-EINVAL). */
struct kipc_perm *ipc_find_id(struct ipc_table *t, int id);
/* The entry with `key` (not IPC_PRIVATE), or NULL (lock held). */
struct kipc_perm *ipc_find_key(struct ipc_table *t, int key);
/* The live entry in slot `idx` (the *_STAT commands), or NULL. */
struct kipc_perm *ipc_at(struct ipc_table *t, int idx);
/* Enter `p` (key, mode filled) into the table as the caller's: 0, or
 * -ENOSPC (full), -ENOMEM.  Sets id, seq and the owner ids. */
int ipc_add(struct ipc_table *t, struct kipc_perm *p);
/* Remove `p` from the table (lock held); the caller frees it. */
void ipc_remove(struct ipc_table *t, struct kipc_perm *p);
/* The highest slot in use, or -1 (the *_INFO commands' result). */
int ipc_max_idx(struct ipc_table *t);

/* May the caller use `p` for `flag`'s S_IRUGO/S_IWUGO bits?  0 or
 * -EACCES (CAP_IPC_OWNER passes). */
int ipc_perms(const struct kipc_perm *p, int flag);
/* Is the caller the owner or creator (or CAP_SYS_ADMIN)?  For IPC_SET
 * and IPC_RMID: 0 or -EPERM. */
int ipc_owner(const struct kipc_perm *p);

/* The get half of shmget/semget/msgget: find or create by `key`.
 * `create` makes a new entry (lock held; returns it or an ERR_PTR);
 * `check` vets an existing one (EINVAL-type checks, lock held).  The id,
 * or -errno. */
long ipc_get(struct ipc_table *t, int key, int flag,
	     struct kipc_perm *(*create)(int key, int flag, void *ctx),
	     int (*check)(struct kipc_perm *p, void *ctx), void *ctx);

/* struct ipc64_perm of `p` for IPC_STAT, into `out`. */
struct ipc64_perm;
void ipc_fill_perm(const struct kipc_perm *p, struct ipc64_perm *out);
/* IPC_SET: uid, gid and the low 9 mode bits from `in`. */
void ipc_set_perm(struct kipc_perm *p, const struct ipc64_perm *in);

/* Complete a sleeper: set its status word to `value` and wake it, both
 * under its own queue's lock (which its predicate reads under), so that
 * once it can see the value the waker no longer touches its memory: the
 * queue and the word may live on the sleeper's stack. */
struct waitqueue;
void ipc_complete(struct waitqueue *wq, long *status, long value);

/* The caller's thread group id, and the time in seconds since the epoch. */
int ipc_pid(void);
int64_t ipc_now(void);
