/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Per-thread credentials (kernel/cred.h): their life (shared by
 * reference, copied to change, installed on the calling thread), the
 * caller's as permission checks ask about them (membership of a group
 * through fsgid or the supplementary list), and how they change as Linux
 * changes them: the capability fixups that follow uid changes
 * (security/commoncap.c's rules), what a changed credential costs
 * (dumpable, the parent-death signal), and execve of set-user-ID and
 * set-group-ID programs with AT_SECURE.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/personality.h>
#include <linux/securebits.h>
#include <linux/stat.h>
#include <kevlar_vfs/types.h>
#include <platform/kmalloc.h>
#include <kernel/cred.h>
#include <kernel/process.h>

/* The capabilities that follow fsuid 0 (Linux's CAP_FS_MASK). */
#define CAP_FS_SET                                                                    \
	(1ull << CAP_CHOWN | 1ull << CAP_DAC_OVERRIDE | 1ull << CAP_DAC_READ_SEARCH | \
	 1ull << CAP_FOWNER | 1ull << CAP_FSETID | 1ull << CAP_LINUX_IMMUTABLE |      \
	 1ull << CAP_MKNOD | 1ull << CAP_MAC_OVERRIDE)

/* The personality flags a privileged exec clears (PER_CLEAR_ON_SETID). */
#define PER_CLEAR_SETID \
	(READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE | ADDR_COMPAT_LAYOUT | MMAP_PAGE_ZERO)

/* Every capability Linux defines: what root holds. */
#define CAP_FULL ((1ull << (CAP_LAST_CAP + 1)) - 1)

struct cred init_cred = {
	.refs = 1,
	.cap_eff = CAP_FULL,
	.cap_prm = CAP_FULL,
	.cap_bnd = CAP_FULL,
};

const struct cred *cred_get(const struct cred *c)
{
	__atomic_add_fetch(&((struct cred *)c)->refs, 1, __ATOMIC_RELAXED);
	return c;
}

void cred_put(const struct cred *c)
{
	struct cred *w = (struct cred *)c;

	if (!c || __atomic_sub_fetch(&w->refs, 1, __ATOMIC_ACQ_REL))
		return;
	groups_put(w->groups);
	kfree(w);
}

struct cred *cred_prepare(void)
{
	struct cred *new = kmalloc(sizeof(*new));

	if (!new)
		return NULL;
	*new = *current_thread()->real_cred;
	new->refs = 1;
	groups_get(new->groups);
	return new;
}

void cred_abort(struct cred *new)
{
	cred_put(new);
}

void cred_install(struct cred *new)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	const struct cred *old = t->real_cred, *old_eff = t->cred, *old_proc = NULL;
	irqflags_t f;

	if (p && (old->euid != new->euid || old->egid != new->egid || old->fsuid != new->fsuid ||
		  old->fsgid != new->fsgid || (new->cap_prm & ~old->cap_prm))) {
		p->attrs.dumpable = false; /* fs.suid_dumpable is 0 */
		p->attrs.pdeath_signal = 0;
	}
	cred_get(new); /* t->cred's reference; t->real_cred takes the caller's */
	f = process_lock_tree();
	t->real_cred = new;
	t->cred = new;
	if (p && t->tid == p->pid) {
		spin_lock(&p->siglock); /* signal charges read it under the siglock */
		old_proc = p->cred;
		p->cred = cred_get(new);
		spin_unlock(&p->siglock);
	}
	process_unlock_tree(f);
	cred_put(old);
	cred_put(old_eff);
	cred_put(old_proc);
}

const struct cred *cred_override(const struct cred *new)
{
	struct thread *t = current_thread();
	const struct cred *old = t->cred;

	t->cred = new;
	return old;
}

void cred_revert(const struct cred *old)
{
	current_thread()->cred = old;
}

void cred_thread_init(struct thread *t, const struct cred *c)
{
	const struct cred *old = t->real_cred, *old_eff = t->cred;

	t->real_cred = cred_get(c);
	t->cred = cred_get(c);
	cred_put(old);
	cred_put(old_eff);
}

void cred_thread_release(struct thread *t)
{
	cred_put(t->cred);
	cred_put(t->real_cred);
	t->cred = t->real_cred = NULL;
}

bool cred_same_owner(const struct cred *c)
{
	uint32_t euid = current_cred()->euid;

	return euid == c->euid || euid == c->uid;
}

bool in_group(uint32_t gid)
{
	const struct cred *c = current_cred();

	return gid == c->fsgid || groups_contain(c->groups, gid);
}

void cred_fix_setuid(const struct cred *o, struct cred *c)
{
	bool was_root = o->uid == 0 || o->euid == 0 || o->suid == 0;
	bool is_root = c->uid == 0 || c->euid == 0 || c->suid == 0;

	if (c->securebits & SECBIT_NO_SETUID_FIXUP)
		return;
	if (was_root && !is_root) {
		if (!(c->securebits & SECBIT_KEEP_CAPS))
			c->cap_prm = c->cap_eff = 0;
		c->cap_amb = 0;
	}
	if (o->euid == 0 && c->euid != 0)
		c->cap_eff = 0;
	if (o->euid != 0 && c->euid == 0)
		c->cap_eff = c->cap_prm;
}

void cred_fix_setfsuid(const struct cred *o, struct cred *c)
{
	if (c->securebits & SECBIT_NO_SETUID_FIXUP)
		return;
	if (o->fsuid == 0 && c->fsuid != 0)
		c->cap_eff &= ~CAP_FS_SET;
	if (o->fsuid != 0 && c->fsuid == 0)
		c->cap_eff |= c->cap_prm & CAP_FS_SET;
}

int cred_exec(const struct vfs_stat *st, bool nosuid)
{
	struct process *p = current_process();
	struct process_attrs *a = &p->attrs;
	const struct cred *o = current_thread()->real_cred;
	struct cred *c = cred_prepare();
	uint32_t euid = o->euid, egid = o->egid;
	uint64_t prm = 0, old_prm = o->cap_prm;
	bool root = !(o->securebits & SECBIT_NOROOT), effective = false, setid, secure;

	if (!c)
		return -ENOMEM;
	if (!nosuid && !o->no_new_privs) {
		if (st->mode & S_ISUID)
			euid = st->uid;
		if ((st->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			egid = st->gid;
	}
	/* root, real or effective, is given the bounding set; effective
	 * root also gets it as its effective set */
	if (root && (euid == 0 || o->uid == 0))
		prm = o->cap_bnd | o->cap_inh;
	if (root && euid == 0)
		effective = true;
	setid = euid != o->uid || egid != o->gid;
	if ((setid || (prm & ~old_prm)) && o->no_new_privs) {
		euid = o->uid;
		egid = o->gid;
		prm &= old_prm;
	}
	if (setid || (prm & ~old_prm))
		a->personality &= ~PER_CLEAR_SETID;
	/* Linux decides dumpability by the ids before the change, then the
	 * install may take it away */
	a->dumpable = o->euid == o->uid && o->egid == o->gid;
	c->euid = c->suid = c->fsuid = euid;
	c->egid = c->sgid = c->fsgid = egid;
	if (setid)
		c->cap_amb = 0;
	prm |= c->cap_amb;
	c->cap_prm = prm;
	c->cap_eff = effective ? prm : c->cap_amb;
	c->securebits &= ~SECBIT_KEEP_CAPS;
	secure = setid || (c->uid != 0 && (effective || (prm & ~c->cap_amb)));
	if (secure)
		a->pdeath_signal = 0;
	cred_install(c);
	return secure;
}
