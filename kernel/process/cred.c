/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The caller's credentials as permission checks ask about them
 * (kernel/cred.h): a capability in the effective set, membership of a
 * group through fsgid or the supplementary list.  And how credentials
 * change as Linux changes them: the capability fixups that follow uid
 * changes (security/commoncap.c's rules), what a changed credential costs
 * (dumpable, the parent-death signal), and execve of set-user-ID and
 * set-group-ID programs with AT_SECURE.
 */
#include <linux/capability.h>
#include <linux/personality.h>
#include <linux/securebits.h>
#include <linux/stat.h>
#include <kevlar_vfs/types.h>
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

bool cred_same_owner(const struct process *p)
{
	uint32_t euid = current_process()->euid;

	return euid == p->euid || euid == p->uid;
}

bool in_group(uint32_t gid)
{
	const struct process *p = current_process();

	return gid == p->fsgid || groups_contain(p->groups, gid);
}

void cred_save(struct cred_saved *o)
{
	const struct process *p = current_process();

	*o = (struct cred_saved){
		.uid = p->uid,
		.euid = p->euid,
		.suid = p->suid,
		.fsuid = p->fsuid,
		.egid = p->egid,
		.fsgid = p->fsgid,
		.cap_prm = p->attrs.cap_prm,
	};
}

void cred_commit(const struct cred_saved *o)
{
	struct process *p = current_process();

	if (o->euid != p->euid || o->egid != p->egid || o->fsuid != p->fsuid ||
	    o->fsgid != p->fsgid || (p->attrs.cap_prm & ~o->cap_prm)) {
		p->attrs.dumpable = false; /* fs.suid_dumpable is 0 */
		p->attrs.pdeath_signal = 0;
	}
}

void cred_fix_setuid(const struct cred_saved *o)
{
	struct process *p = current_process();
	struct process_attrs *a = &p->attrs;
	bool was_root = o->uid == 0 || o->euid == 0 || o->suid == 0;
	bool is_root = p->uid == 0 || p->euid == 0 || p->suid == 0;

	if (a->securebits & SECBIT_NO_SETUID_FIXUP)
		return;
	if (was_root && !is_root) {
		if (!(a->securebits & SECBIT_KEEP_CAPS))
			a->cap_prm = a->cap_eff = 0;
		a->cap_amb = 0;
	}
	if (o->euid == 0 && p->euid != 0)
		a->cap_eff = 0;
	if (o->euid != 0 && p->euid == 0)
		a->cap_eff = a->cap_prm;
}

void cred_fix_setfsuid(const struct cred_saved *o)
{
	struct process *p = current_process();
	struct process_attrs *a = &p->attrs;

	if (a->securebits & SECBIT_NO_SETUID_FIXUP)
		return;
	if (o->fsuid == 0 && p->fsuid != 0)
		a->cap_eff &= ~CAP_FS_SET;
	if (o->fsuid != 0 && p->fsuid == 0)
		a->cap_eff |= a->cap_prm & CAP_FS_SET;
}

bool cred_exec(const struct vfs_stat *st, bool nosuid)
{
	struct process *p = current_process();
	struct process_attrs *a = &p->attrs;
	uint32_t euid = p->euid, egid = p->egid;
	uint64_t prm = 0, old_prm = a->cap_prm;
	bool root = !(a->securebits & SECBIT_NOROOT), effective = false, setid, secure;
	struct cred_saved o;

	cred_save(&o);
	if (!nosuid && !a->no_new_privs) {
		if (st->mode & S_ISUID)
			euid = st->uid;
		if ((st->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			egid = st->gid;
	}
	/* root, real or effective, is given the bounding set; effective
	 * root also gets it as its effective set */
	if (root && (euid == 0 || p->uid == 0))
		prm = a->cap_bnd | a->cap_inh;
	if (root && euid == 0)
		effective = true;
	setid = euid != p->uid || egid != p->gid;
	if ((setid || (prm & ~old_prm)) && a->no_new_privs) {
		euid = p->uid;
		egid = p->gid;
		prm &= old_prm;
	}
	if (setid || (prm & ~old_prm))
		a->personality &= ~PER_CLEAR_SETID;
	/* Linux decides dumpability by the ids before the change, then the
	 * commit may take it away */
	a->dumpable = p->euid == p->uid && p->egid == p->gid;
	p->euid = p->suid = p->fsuid = euid;
	p->egid = p->sgid = p->fsgid = egid;
	if (setid)
		a->cap_amb = 0;
	prm |= a->cap_amb;
	a->cap_prm = prm;
	a->cap_eff = effective ? prm : a->cap_amb;
	a->securebits &= ~SECBIT_KEEP_CAPS;
	secure = setid || (p->uid != 0 && (effective || (prm & ~a->cap_amb)));
	if (secure)
		a->pdeath_signal = 0;
	cred_commit(&o);
	return secure;
}
