/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Capabilities and personality: capget/capset over the three capability
 * sets each process keeps (root starts with every capability), and
 * personality(2), stored and inherited.  There is no permission model
 * yet, so the sets are reported and may be dropped but restrict nothing.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/process.h>

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
	struct process *p = NULL;
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
	f = process_lock_tree();
	p = pid ? process_find(pid) : current_process();
	if (p) {
		for (int i = 0; i < 2; i++) {
			d[i].effective = (uint32_t)(p->attrs.cap_eff >> (32 * i));
			d[i].permitted = (uint32_t)(p->attrs.cap_prm >> (32 * i));
			d[i].inheritable = (uint32_t)(p->attrs.cap_inh >> (32 * i));
		}
	}
	process_unlock_tree(f);
	if (!p)
		return -ESRCH;
	return copy_to_user(uptr(a->arg[1]), d, (size_t)words * sizeof(d[0])) ? -EFAULT : 0;
}

/* capset(hdr, data): only the caller's own sets; permitted may only
 * shrink, effective stays within permitted, and inheritable within the
 * old inheritable and bounding sets (root holds CAP_SETPCAP). */
long sys_capset(const struct syscall_args *a)
{
	uint64_t hdr = a->arg[0];
	struct __user_cap_data_struct d[2] = {{0, 0, 0}, {0, 0, 0}};
	struct process *self = current_process();
	uint64_t eff, prm, inh;
	int words = cap_words(hdr), pid;

	if (words < 0)
		return words;
	if (get_user(pid, HDR_PID(hdr)))
		return -EFAULT;
	if (!self || (pid && pid != self->pid))
		return -EPERM;
	if (copy_from_user(d, uptr(a->arg[1]), (size_t)words * sizeof(d[0])))
		return -EFAULT;
	eff = (d[0].effective | (uint64_t)d[1].effective << 32) & CAP_VALID;
	prm = (d[0].permitted | (uint64_t)d[1].permitted << 32) & CAP_VALID;
	inh = (d[0].inheritable | (uint64_t)d[1].inheritable << 32) & CAP_VALID;
	if ((prm & ~self->attrs.cap_prm) || (eff & ~prm) ||
	    (inh & ~(self->attrs.cap_inh | CAP_VALID)))
		return -EPERM;
	self->attrs.cap_eff = eff;
	self->attrs.cap_prm = prm;
	self->attrs.cap_inh = inh;
	return 0;
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
