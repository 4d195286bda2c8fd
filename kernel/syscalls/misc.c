/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Identity and process attributes: uname, sysinfo, arch_prctl (the TLS base),
 * set_tid_address, set_robust_list and resource limits (the uid/gid
 * getters and setters are setid.c's).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/personality.h>
#include <linux/prctl.h>
#include <linux/reboot.h>
#include <linux/resource.h>
#include <linux/sysinfo.h>
#include <linux/utsname.h>
#include <platform/boot.h>
#include <platform/context.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/power.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/loadavg.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>
#include <kernel/uts.h>
#include "sys.h"

/* What uname(2) returns, kept whole so that uname is one copy out;
 * sethostname and setdomainname write their fields in place.  The machine
 * field is the platform's and is copied out on its own. */
static struct new_utsname uts = {
	.sysname = "Linux",
	.nodename = "(none)",
	.release = KERNEL_RELEASE,
	.version = KERNEL_VERSION,
	.domainname = "(none)",
};

const char *uts_hostname(void)
{
	return uts.nodename;
}

const char *uts_domainname(void)
{
	return uts.domainname;
}

/* personality UNAME26: old programs that parse "2.6.x" see 2.6.(60 +
 * our minor) and the rest of the release ("6.1.0-kevlar": 2.6.61-kevlar). */
static void uname26(char *release, size_t size)
{
	const char *rest = KERNEL_RELEASE, *minor = strchr(KERNEL_RELEASE, '.');
	unsigned v = 0, dots = 0;

	for (const char *p = minor ? minor + 1 : ""; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (unsigned)(*p - '0');
	for (; *rest; rest++) {
		if ((*rest == '.' && ++dots >= 3) || ((*rest < '0' || *rest > '9') && *rest != '.'))
			break;
	}
	snprintf(release, size, "2.6.%u%s", v + 60, rest);
}

long sys_uname(const struct syscall_args *a)
{
	struct new_utsname __user *u = uptr(a->arg[0]);
	const char *machine = machine_name();
	struct new_utsname u26;

	if (current_process() && (current_process()->attrs.personality & UNAME26)) {
		u26 = uts;
		uname26(u26.release, sizeof(u26.release));
		if (copy_to_user(u, &u26, sizeof(u26)))
			return -EFAULT;
	} else if (copy_to_user(u, &uts, sizeof(uts))) {
		return -EFAULT;
	}
	return copy_to_user(u->machine, machine, strlen(machine) + 1) ? -EFAULT : 0;
}

/* sysinfo(2): uptime, the load averages, memory and the process count
 * (no swap, no high memory). */
long sys_sysinfo(const struct syscall_args *a)
{
	struct pmm_stats ps;
	struct sysinfo si;
	struct process *p;
	irqflags_t f;

	memset(&si, 0, sizeof(si));
	pmm_stats(&ps);
	si.uptime = (long)(time_ns() / 1000000000ull);
	loadavg_get(si.loads, 0, SI_LOAD_SHIFT - LOADAVG_SHIFT);
	si.totalram = ps.total_pages * PAGE_SIZE;
	si.freeram = ps.free_pages * PAGE_SIZE;
	si.mem_unit = 1;
	f = process_lock_tree();
	for_each_process(p) si.procs++;
	process_unlock_tree(f);
	return copy_to_user(uptr(a->arg[0]), &si, sizeof(si)) ? -EFAULT : 0;
}

static long set_name(char *dst, const struct syscall_args *a)
{
	char buf[__NEW_UTS_LEN + 1];
	size_t len = a->arg[1];

	if (len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, uptr(a->arg[0]), len))
		return -EFAULT;
	buf[len] = '\0';
	memcpy(dst, buf, len + 1);
	return 0;
}

long sys_sethostname(const struct syscall_args *a)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return set_name(uts.nodename, a);
}

long sys_setdomainname(const struct syscall_args *a)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return set_name(uts.domainname, a);
}

/* prctl: the thread's name (PR_SET_NAME/PR_GET_NAME, the comm /proc shows;
 * BusyBox renames its re-executed applets this way), the parent-death
 * signal, the child subreaper flag (orphans of descendants come here
 * instead of init), dumpable, no_new_privs, and the read-only
 * answers of a kernel without seccomp filters.  Other options: -EINVAL,
 * as Linux answers an unknown one. */
long sys_prctl(const struct syscall_args *a)
{
	struct process *p = current_process();
	struct process_attrs *at = &p->attrs;
	unsigned long arg2 = a->arg[1];
	char name[COMM_LEN];

	switch ((int)a->arg[0]) {
	case PR_SET_NAME:
		if (copy_from_user(name, uptr(a->arg[1]), sizeof(name) - 1))
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
		process_set_comm(p, current_thread(), name);
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strlcpy(name, current_thread()->name, sizeof(name)); /* per thread */
		return copy_to_user(uptr(a->arg[1]), name, sizeof(name)) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		if (arg2 > NSIG_K)
			return -EINVAL;
		at->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(at->pdeath_signal, (int __user *)uptr(arg2)) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return at->dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 > 1)
			return -EINVAL;
		at->dumpable = arg2;
		return 0;
	case PR_SET_CHILD_SUBREAPER:
		at->child_subreaper = arg2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)at->child_subreaper, (int __user *)uptr(arg2)) ? -EFAULT : 0;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || a->arg[2] || a->arg[3] || a->arg[4])
			return -EINVAL;
		return cred_prctl(a); /* per thread: its credential */
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || a->arg[2] || a->arg[3] || a->arg[4])
			return -EINVAL;
		return current_cred()->no_new_privs;
	case PR_GET_SECCOMP:
		return 0; /* SECCOMP_MODE_DISABLED */
	default:
		return cred_prctl(a); /* capabilities and securebits (cred.c) */
	}
}

/* arch_prctl(code, addr): the FS base (user TLS); GS is the kernel's. */
long sys_arch_prctl(const struct syscall_args *a)
{
	uintptr_t addr = a->arg[1];

	switch ((int)a->arg[0]) {
	case ARCH_SET_FS:
		if (addr >= USER_TOP - PAGE_SIZE)
			return -EPERM; /* not a user address: Linux's errno */
		context_set_user_tls(addr);
		return 0;
	case ARCH_GET_FS: {
		unsigned long v = context_user_tls();

		return put_user(v, (unsigned long __user *)uptr(addr)) ? -EFAULT : 0;
	}
	default:
		return -EINVAL;
	}
}

long sys_set_tid_address(const struct syscall_args *a)
{
	current_thread()->clear_child_tid = a->arg[0];
	return current_thread()->tid;
}

/* The robust futex list is recorded for the futex code to walk at exit. */
long sys_set_robust_list(const struct syscall_args *a)
{
	if (a->arg[1] != 24) /* sizeof(struct robust_list_head) */
		return -EINVAL;
	current_thread()->robust_list = a->arg[0];
	return 0;
}

/* reboot(magic1, magic2, cmd, arg): power off or restart the machine (the
 * boot's one QEMU run ends either way).  CAP_SYS_BOOT, then the magic. */
long sys_reboot(const struct syscall_args *a)
{
	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if ((uint32_t)a->arg[0] != LINUX_REBOOT_MAGIC1 ||
	    ((uint32_t)a->arg[1] != LINUX_REBOOT_MAGIC2 &&
	     (uint32_t)a->arg[1] != LINUX_REBOOT_MAGIC2A &&
	     (uint32_t)a->arg[1] != LINUX_REBOOT_MAGIC2B &&
	     (uint32_t)a->arg[1] != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch ((uint32_t)a->arg[2]) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		power_off(0);
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}
