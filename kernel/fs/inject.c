/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The armed fault injections (inject.h) and svc_inject_take, which the
 * crossings into ring 2 call (contain.h).  Injections are armed from the
 * kernel command line at boot (inject=SPEC[,SPEC...], the key repeatable)
 * and through /proc/sys/kevlar/inject: a write arms the specs it holds
 * (all or, for a bad one, none: EINVAL and a log line), "-" or an empty
 * write disarms all; a read lists the armed ones, one a line, with the
 * number of matching calls left until each fires ("tmpfs:write:3:gp 2":
 * the second call from now faults).  /proc/sys/kevlar/injected reads the
 * number of faults handed out since boot.
 *
 * SERVICE is an fs_type name; "initramfs" is accepted for the
 * initramfs's, "rootfs" (as /proc/mounts names it), and listed as that.
 * SERVICE@DEV counts only the instance with that device number (0:DEV in
 * mountinfo), so a test can fault its own mount and not the root.
 *
 * Counting: every call of svc_inject_take on an instance whose fs_type is
 * SERVICE, for OP, counts toward each armed (SERVICE, OP); the NTH one gets
 * the fault and the injection is spent.  One call gets at most one fault:
 * when two injections come due on the same call, one fires and the other
 * on the next matching call.
 *
 * Locking: `lock` (a leaf) guards the table; `svc_inject_armed` mirrors its count so
 * that a crossing with nothing armed, every crossing in normal use, costs
 * one relaxed load.  A call racing with a write may or may not count.
 * Nothing is logged or allocated under the lock.
 */
#include <klib/cmdline.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/spinlock.h>
#include <kernel/vfs.h>
#include "fs.h"
#include "inject.h"
#include "procfs.h"
#include "../driver/gate.h"

struct armed {
	struct inject_spec spec;
	uint32_t left; /* matching calls until it fires; 1: the next one */
	bool used;
};

static struct spinlock lock = SPINLOCK_INIT("inject", LOCK_RANK_NONE);
static struct armed table[INJECT_MAX]; /* lock */
unsigned svc_inject_armed;	       /* lock; read without it (relaxed), contain.h */
static uint64_t fired;		       /* atomic */

static void set_armed(unsigned n)
{
	__atomic_store_n(&svc_inject_armed, n, __ATOMIC_RELAXED);
}

/* The initramfs's fs_type is "rootfs" (Linux's name): "initramfs" names it
 * too.  0, or -EINVAL when no fs_type has the name. */
static int canonical_service(struct inject_spec *spec)
{
	if (!strcmp(spec->service, "initramfs"))
		strlcpy(spec->service, "rootfs", sizeof(spec->service));
	return vfs_find_fs(spec->service) || drv_known(spec->service) ? 0 : -EINVAL;
}

int inject_arm(const struct inject_spec *spec)
{
	struct inject_spec s = *spec;
	irqflags_t f;
	int err = canonical_service(&s);

	if (err)
		return err;
	err = -ENOSPC;
	f = spin_lock_irqsave(&lock);
	for (int i = 0; i < INJECT_MAX; i++) {
		if (table[i].used)
			continue;
		table[i] = (struct armed){.spec = s, .left = s.nth, .used = true};
		set_armed(svc_inject_armed + 1);
		err = 0;
		break;
	}
	spin_unlock_irqrestore(&lock, f);
	return err;
}

void inject_disarm_all(void)
{
	irqflags_t f = spin_lock_irqsave(&lock);

	memset(table, 0, sizeof(table));
	set_armed(0);
	spin_unlock_irqrestore(&lock, f);
}

uint64_t inject_fired(void)
{
	return __atomic_load_n(&fired, __ATOMIC_RELAXED);
}

/* The fault for this call of `name`'s `op` (on device 0:dev if has_dev). */
static enum svc_fault take(const char *name, bool has_dev, uint32_t dev, enum svc_op op)
{
	enum svc_fault kind = SVC_FAULT_NONE;
	struct inject_spec spec;
	irqflags_t f;

	f = spin_lock_irqsave(&lock);
	for (int i = 0; i < INJECT_MAX; i++) {
		struct armed *a = &table[i];

		if (!a->used || a->spec.op != op || strcmp(a->spec.service, name) != 0 ||
		    (a->spec.has_dev && (!has_dev || a->spec.dev != dev)))
			continue;
		if (a->left > 1) {
			a->left--;
			continue;
		}
		if (kind != SVC_FAULT_NONE) {
			a->left = 1; /* due: the next matching call */
			continue;
		}
		kind = a->spec.kind;
		spec = a->spec;
		a->used = false;
		set_armed(svc_inject_armed - 1);
	}
	spin_unlock_irqrestore(&lock, f);
	if (kind != SVC_FAULT_NONE) {
		char text[INJECT_SPEC_MAX];

		__atomic_add_fetch(&fired, 1, __ATOMIC_RELAXED);
		inject_format(&spec, text, sizeof(text));
		if (has_dev)
			pr_warn("inject: %s fires (device %u)\n", text, dev);
		else
			pr_warn("inject: %s fires\n", text);
	}
	return kind;
}

enum svc_fault svc_inject_take(const struct vfs_sb *sb, enum svc_op op)
{
	if (!__atomic_load_n(&svc_inject_armed, __ATOMIC_RELAXED) || !sb || !sb->type ||
	    !sb->type->name)
		return SVC_FAULT_NONE;
	return take(sb->type->name, true, sb->dev_id, op);
}

enum svc_fault inject_take_named(const char *name, enum svc_op op)
{
	if (!__atomic_load_n(&svc_inject_armed, __ATOMIC_RELAXED))
		return SVC_FAULT_NONE;
	return take(name, false, 0, op);
}

/* Arm every spec of a list: 0, or the first error.  The list is checked
 * whole (syntax, services) before any is armed; only a full table
 * (ENOSPC) stops it part way, the earlier ones staying armed. */
static int arm_list(const char *s, size_t len)
{
	struct inject_spec specs[INJECT_MAX];
	int n = inject_parse_list(s, len, specs);

	for (int i = 0; i < n; i++) {
		if (canonical_service(&specs[i]))
			return -EINVAL;
	}
	for (int i = 0; i < n; i++) {
		int err = inject_arm(&specs[i]);

		if (err)
			return err;
	}
	return n < 0 ? n : 0;
}

static int boot_param(const char *key, size_t klen, const char *val, size_t vlen, void *ctx)
{
	int err;

	if (klen != 6 || memcmp(key, "inject", 6) != 0)
		return 0;
	err = val ? arm_list(val, vlen) : -EINVAL;
	if (err)
		pr_warn("inject: bad inject=%.*s (error %d), ignored\n", (int)vlen, val ? val : "",
			-err);
	return 0;
}

void vfs_inject_boot(const char *cmdline)
{
	struct pbuf b = {.buf = NULL};

	cmdline_foreach(cmdline, boot_param, NULL);
	if (!__atomic_load_n(&svc_inject_armed, __ATOMIC_RELAXED))
		return;
	proc_show_inject(&b, NULL);
	if (b.buf) {
		pr_notice("inject: armed: %.*s\n", (int)(b.len ? b.len - 1 : 0), b.buf);
		kfree(b.buf);
	}
}

/* ---- /proc/sys/kevlar ---- */

int proc_show_inject(struct pbuf *b, const struct proc_node *n)
{
	struct armed copy[INJECT_MAX];
	char text[INJECT_SPEC_MAX];
	irqflags_t f = spin_lock_irqsave(&lock);

	memcpy(copy, table, sizeof(copy));
	spin_unlock_irqrestore(&lock, f);
	for (int i = 0; i < INJECT_MAX; i++) {
		if (!copy[i].used)
			continue;
		inject_format(&copy[i].spec, text, sizeof(text));
		pbuf_printf(b, "%s %u\n", text, copy[i].left);
	}
	return 0;
}

int proc_store_inject(const struct proc_node *n, const char *buf, size_t len)
{
	size_t a = 0, z = len;
	int err;

	while (a < z && (buf[a] == ' ' || buf[a] == '\t' || buf[a] == '\n'))
		a++;
	while (z > a && (buf[z - 1] == ' ' || buf[z - 1] == '\t' || buf[z - 1] == '\n'))
		z--;
	if (a == z || (z - a == 1 && buf[a] == '-')) {
		inject_disarm_all();
		return 0;
	}
	err = arm_list(buf + a, z - a);
	if (err)
		pr_warn("inject: bad spec '%.*s' (error %d)\n", (int)(z - a), buf + a, -err);
	return err;
}

int proc_show_injected(struct pbuf *b, const struct proc_node *n)
{
	pbuf_printf(b, "%llu\n", (unsigned long long)inject_fired());
	return 0;
}
