/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Capabilities and personality: capget/capset over the capability sets
 * of each thread's credential (root starts with every capability), prctl's
 * bounding set, ambient set and securebits options with Linux's rules
 * (security/commoncap.c), and personality(2), stored and inherited.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/prctl.h>
#include <linux/securebits.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include "sys.h"

#define CAP_VALID ((1ull << (CAP_LAST_CAP + 1)) - 1)

/* The user header's fields by address: no member access through a user
 * pointer (it may be NULL or misaligned). */
#define HDR_VERSION(h) ((uint32_t __user *)uptr(h))
#define HDR_PID(h)     ((int __user *)uptr((h) + sizeof(uint32_t)))

/* The header's version: how many 32-bit words each set has (1 or 2), or
 * -EINVAL after writing the preferred version back, or -EFAULT. */
static int cap_words(uint64_t hdr)
{
	uint32_t version;

	if (get_user(version, HDR_VERSION(hdr)))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return 2;
	default:
		if (put_user((uint32_t)_LINUX_CAPABILITY_VERSION_3, HDR_VERSION(hdr)))
			return -EFAULT;
		return -EINVAL;
	}
}

/* capget(hdr, data): data NULL only probes the version (0 even for an
 * unknown one, which is written back). */
long sys_capget(const struct syscall_args *a)
{
	uint64_t hdr = a->arg[0];
	struct __user_cap_data_struct d[2];
	const struct cred *c = NULL;
	struct process *p;
	int words = cap_words(hdr), pid;
	irqflags_t f;

	/* no data: a version probe, which succeeds even for an unknown version */
	if (!a->arg[1])
		return words == -EINVAL ? 0 : MIN(words, 0);
	if (words < 0)
		return words;
	if (get_user(pid, HDR_PID(hdr)))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	/* a pid names a thread (its tid): that thread's sets */
	f = process_lock_tree();
	p = pid ? process_find_any(pid) : NULL;
	if (!pid) {
		c = current_cred();
	} else if (p) {
		struct thread *t;

		spin_lock(&p->threads_lock);
		t = process_thread_locked(p, pid);
		c = t ? t->real_cred : pid == p->pid ? p->cred : NULL;
		spin_unlock(&p->threads_lock);
	}
	for (int i = 0; c && i < 2; i++) {
		d[i].effective = (uint32_t)(c->cap_eff >> (32 * i));
		d[i].permitted = (uint32_t)(c->cap_prm >> (32 * i));
		d[i].inheritable = (uint32_t)(c->cap_inh >> (32 * i));
	}
	process_unlock_tree(f);
	if (!c)
		return -ESRCH;
	return copy_to_user(uptr(a->arg[1]), d, (size_t)words * sizeof(d[0])) ? -EFAULT : 0;
}

/* capset(hdr, data): only the caller's own sets; permitted may only
 * shrink, effective stays within permitted, and inheritable within the
 * old inheritable and bounding sets and, without CAP_SETPCAP, within the
 * old inheritable and permitted sets.  The ambient set keeps what stays
 * both permitted and inheritable. */
long sys_capset(const struct syscall_args *a)
{
	uint64_t hdr = a->arg[0];
	struct __user_cap_data_struct d[2] = {{0, 0, 0}, {0, 0, 0}};
	const struct cred *at = current_cred();
	struct cred *new;
	uint64_t eff, prm, inh;
	int words = cap_words(hdr), pid;

	if (words < 0)
		return words;
	if (get_user(pid, HDR_PID(hdr)))
		return -EFAULT;
	/* only the calling thread, by tid (not the process's pid) */
	if (pid && pid != current_thread()->tid)
		return -EPERM;
	if (copy_from_user(d, uptr(a->arg[1]), (size_t)words * sizeof(d[0])))
		return -EFAULT;
	eff = (d[0].effective | (uint64_t)d[1].effective << 32) & CAP_VALID;
	prm = (d[0].permitted | (uint64_t)d[1].permitted << 32) & CAP_VALID;
	inh = (d[0].inheritable | (uint64_t)d[1].inheritable << 32) & CAP_VALID;
	if ((!capable(CAP_SETPCAP) && (inh & ~(at->cap_inh | at->cap_prm))) ||
	    (inh & ~(at->cap_inh | at->cap_bnd)) || (prm & ~at->cap_prm) || (eff & ~prm))
		return -EPERM;
	new = cred_prepare();
	if (!new)
		return -ENOMEM;
	new->cap_eff = eff;
	new->cap_prm = prm;
	new->cap_inh = inh;
	new->cap_amb &= prm &inh;
	cred_install(new);
	return 0;
}

/* PR_SET_SECUREBITS: a locked bit may not change nor be unlocked, only
 * known bits, and CAP_SETPCAP. */
static long set_securebits(struct cred *at, unsigned long bits)
{
	unsigned old = at->securebits;

	if ((((old & SECURE_ALL_LOCKS) >> 1) & (old ^ bits)) || (old & SECURE_ALL_LOCKS & ~bits) ||
	    (bits & ~(unsigned long)(SECURE_ALL_LOCKS | SECURE_ALL_BITS)) || !capable(CAP_SETPCAP))
		return -EPERM;
	at->securebits = (unsigned)bits;
	return 0;
}

/* PR_CAP_AMBIENT: raise (a capability both permitted and inheritable),
 * lower, query, clear all. */
static long cap_ambient(struct cred *at, const struct syscall_args *a)
{
	unsigned long op = a->arg[1], cap = a->arg[2];

	if (op == PR_CAP_AMBIENT_CLEAR_ALL) {
		if (a->arg[2] || a->arg[3] || a->arg[4])
			return -EINVAL;
		at->cap_amb = 0;
		return 0;
	}
	if (cap > CAP_LAST_CAP || a->arg[3] || a->arg[4])
		return -EINVAL;
	switch (op) {
	case PR_CAP_AMBIENT_IS_SET:
		return at->cap_amb >> cap & 1;
	case PR_CAP_AMBIENT_RAISE:
		if (!(at->cap_prm >> cap & 1) || !(at->cap_inh >> cap & 1) ||
		    (at->securebits & SECBIT_NO_CAP_AMBIENT_RAISE))
			return -EPERM;
		at->cap_amb |= 1ull << cap;
		return 0;
	case PR_CAP_AMBIENT_LOWER:
		at->cap_amb &= ~(1ull << cap);
		return 0;
	default:
		return -EINVAL;
	}
}

/* One prctl option on `at`, the caller's credential being prepared: 1
 * when it changed something to install, 0 when not, or -errno. */
static long prctl_on(struct cred *at, const struct syscall_args *a, long *ret)
{
	unsigned long arg2 = a->arg[1];

	*ret = 0;
	switch ((int)a->arg[0]) {
	case PR_GET_KEEPCAPS:
		*ret = !!(at->securebits & SECBIT_KEEP_CAPS);
		return 0;
	case PR_SET_KEEPCAPS:
		if (arg2 > 1)
			return -EINVAL;
		if (at->securebits & SECBIT_KEEP_CAPS_LOCKED)
			return -EPERM;
		at->securebits = arg2 ? at->securebits | SECBIT_KEEP_CAPS
				      : at->securebits & ~SECBIT_KEEP_CAPS;
		return 1;
	case PR_GET_SECUREBITS:
		*ret = at->securebits;
		return 0;
	case PR_SET_SECUREBITS:
		return set_securebits(at, arg2) ?: 1;
	case PR_CAPBSET_READ:
		if (arg2 > CAP_LAST_CAP)
			return -EINVAL;
		*ret = (long)(at->cap_bnd >> arg2 & 1);
		return 0;
	case PR_CAPBSET_DROP:
		if (!capable(CAP_SETPCAP))
			return -EPERM;
		if (arg2 > CAP_LAST_CAP)
			return -EINVAL;
		at->cap_bnd &= ~(1ull << arg2);
		return 1;
	case PR_CAP_AMBIENT:
		*ret = cap_ambient(at, a);
		return *ret < 0 ? *ret : (a->arg[1] != PR_CAP_AMBIENT_IS_SET);
	case PR_SET_NO_NEW_PRIVS:
		at->no_new_privs = true;
		return 1;
	default:
		return -EINVAL;
	}
}

/* The option works on a copy (no allocation for a query); a change is
 * installed as the caller's new credential. */
long cred_prctl(const struct syscall_args *a)
{
	struct cred tmp = *current_cred(), *new;
	long ret, err = prctl_on(&tmp, a, &ret);

	if (err <= 0)
		return err ?: ret;
	new = cred_prepare();
	if (!new)
		return -ENOMEM;
	tmp.refs = new->refs;
	tmp.groups = new->groups; /* the reference cred_prepare took */
	*new = tmp;
	cred_install(new);
	return ret;
}

/* personality(persona): the old value; 0xffffffff only queries. */
long sys_personality(const struct syscall_args *a)
{
	struct process *self = current_process();
	unsigned persona = (unsigned)a->arg[0], old;

	if (!self)
		return 0;
	old = self->attrs.personality;
	if (persona != 0xffffffffu)
		self->attrs.personality = persona;
	return old;
}
