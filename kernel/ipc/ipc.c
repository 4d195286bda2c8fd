/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * System V IPC identifiers and permissions, shared by shm, sem and msg
 * (kernel/ipc/ipc.h): a growable slot table per kind, keys, the ipc_perm
 * checks Linux's ipcperms() makes, and the get half of the *get calls.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/ipc.h>
#include <asm/ipcbuf.h>
#include <platform/kmalloc.h>
#include <kernel/clock.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/waitqueue.h>
#include "ipc.h"

struct kipc_perm *ipc_at(struct ipc_table *t, int idx)
{
	return idx >= 0 && idx < t->cap ? t->slots[idx] : NULL;
}

struct kipc_perm *ipc_find_id(struct ipc_table *t, int id)
{
	struct kipc_perm *p;

	if (id < 0)
		return NULL;
	p = ipc_at(t, id % IPC_SEQ_MUL);
	return p && p->id == id ? p : NULL;
}

struct kipc_perm *ipc_find_key(struct ipc_table *t, int key)
{
	for (int i = 0; i < t->cap; i++)
		if (t->slots[i] && t->slots[i]->key == key)
			return t->slots[i];
	return NULL;
}

int ipc_max_idx(struct ipc_table *t)
{
	int max = -1;

	for (int i = 0; i < t->cap; i++)
		if (t->slots[i])
			max = i;
	return max;
}

static int grow(struct ipc_table *t)
{
	int cap = t->cap ? t->cap * 2 : 16;
	struct kipc_perm **s;

	if (cap > t->max)
		cap = t->max;
	if (cap <= t->cap)
		return -ENOSPC;
	s = kzalloc(sizeof(*s) * (size_t)cap);
	if (!s)
		return -ENOMEM;
	if (t->slots)
		memcpy(s, t->slots, sizeof(*s) * (size_t)t->cap);
	kfree(t->slots);
	t->slots = s;
	t->cap = cap;
	return 0;
}

int ipc_add(struct ipc_table *t, struct kipc_perm *p)
{
	const struct cred *c = current_cred();
	int idx = -1, err;

	if (t->used >= t->max)
		return -ENOSPC;
	for (int i = 0; i < t->cap && idx < 0; i++)
		if (!t->slots[i])
			idx = i;
	if (idx < 0) {
		idx = t->cap;
		err = grow(t);
		if (err)
			return err;
	}
	p->seq = t->seq++ % (0x7fffffff / IPC_SEQ_MUL);
	p->id = (int)(p->seq * IPC_SEQ_MUL) + idx;
	p->uid = p->cuid = c->euid;
	p->gid = p->cgid = c->egid;
	t->slots[idx] = p;
	t->used++;
	return 0;
}

void ipc_remove(struct ipc_table *t, struct kipc_perm *p)
{
	int idx = p->id % IPC_SEQ_MUL;

	if (idx < t->cap && t->slots[idx] == p) {
		t->slots[idx] = NULL;
		t->used--;
	}
}

static bool in_egroup(const struct cred *c, uint32_t gid)
{
	return c->egid == gid || in_group(gid);
}

int ipc_perms(const struct kipc_perm *p, int flag)
{
	const struct cred *c = current_cred();
	unsigned want = (unsigned)flag & 0777, granted = p->mode;

	want = (want >> 6) | (want >> 3) | want; /* every class asked for */
	if (c->euid == p->cuid || c->euid == p->uid)
		granted >>= 6;
	else if (in_egroup(c, p->cgid) || in_egroup(c, p->gid))
		granted >>= 3;
	if ((want & ~granted & 0007) && !capable(CAP_IPC_OWNER))
		return -EACCES;
	return 0;
}

int ipc_owner(const struct kipc_perm *p)
{
	const struct cred *c = current_cred();

	if (c->euid == p->cuid || c->euid == p->uid || capable(CAP_SYS_ADMIN))
		return 0;
	return -EPERM;
}

long ipc_get(struct ipc_table *t, int key, int flag,
	     struct kipc_perm *(*create)(int key, int flag, void *ctx),
	     int (*check)(struct kipc_perm *p, void *ctx), void *ctx)
{
	struct kipc_perm *p = NULL;
	long r;

	mutex_lock(&t->lock);
	if (key != IPC_PRIVATE)
		p = ipc_find_key(t, key);
	if (!p) {
		if (key != IPC_PRIVATE && !(flag & IPC_CREAT)) {
			r = -ENOENT;
			goto out;
		}
		p = create(key, flag, ctx);
		r = IS_ERR(p) ? PTR_ERR(p) : p->id;
		goto out;
	}
	if ((flag & IPC_CREAT) && (flag & IPC_EXCL)) {
		r = -EEXIST;
		goto out;
	}
	r = check ? check(p, ctx) : 0;
	if (!r)
		r = ipc_perms(p, flag);
	if (!r)
		r = p->id;
out:
	mutex_unlock(&t->lock);
	return r;
}

void ipc_fill_perm(const struct kipc_perm *p, struct ipc64_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = p->key;
	out->uid = p->uid;
	out->gid = p->gid;
	out->cuid = p->cuid;
	out->cgid = p->cgid;
	out->mode = (unsigned short)p->mode;
	out->seq = (unsigned short)p->seq;
}

void ipc_set_perm(struct kipc_perm *p, const struct ipc64_perm *in)
{
	p->uid = in->uid;
	p->gid = in->gid;
	p->mode = (p->mode & ~0777u) | (in->mode & 0777u);
}

void ipc_complete(struct waitqueue *wq, long *status, long value)
{
	irqflags_t f = spin_lock_irqsave(&wq->lock);

	WRITE_ONCE(*status, value);
	wq_wake_all_locked(wq);
	spin_unlock_irqrestore(&wq->lock, f);
}

int ipc_pid(void)
{
	return current_process()->pid;
}

int64_t ipc_now(void)
{
	return clock_realtime_ns() / 1000000000;
}
