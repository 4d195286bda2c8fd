/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Containment of ring-2 services (contain.h).  A crossing pushes a frame on
 * the calling thread (thread->svc_frame) and sets a recovery point in it.
 * A fault whose instruction is the service's (its address in ring 2's
 * code, or an injected one), and a panic or failed assertion the service
 * raises through svc_panic(), resume that point: the wrapper's call
 * returns its failure value, after svc_unwound() released every lock the
 * service took during the call (svc_lock, newest first), put the CPU's
 * preemption count back and marked the instance failed.  Interrupts come
 * back as they were at the crossing with the recovery point's flags.
 *
 * Threads still inside a failed instance stop at their next service-API
 * call (svc_check): they unwind the same way, without a second report.
 * The instance's memory (svc_alloc objects, svc_alloc*_page pages, its
 * locks) is charged to it, so once its last mount is gone and no call is
 * inside it, what it held is freed without asking it.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/percpu.h>
#include <platform/recover.h>
#include <platform/spinlock.h>
#include <platform/upcall.h>
#include <kernel/pagecache.h>
#include <kernel/sched.h>
#include "contain.h"
#include "fs.h"
#include "inject.h"
#include "../driver/gate.h"

/* Execute the CPU exception an injected kind stands for (arch_raise_fault:
 * the faulting instruction is ring 0's); panic and assert are not one and
 * return. */
static void raise_exception(enum svc_fault k)
{
	static const uint8_t exception[SVC_FAULT_COUNT] = {
		[SVC_FAULT_PAGEFAULT] = ARCH_FAULT_PAGE + 1, [SVC_FAULT_GP] = ARCH_FAULT_GP + 1,
		[SVC_FAULT_UD] = ARCH_FAULT_UD + 1,	     [SVC_FAULT_DIV0] = ARCH_FAULT_DIV0 + 1,
		[SVC_FAULT_STACK] = ARCH_FAULT_STACK + 1,
	};

	if (k < SVC_FAULT_COUNT && exception[k])
		arch_raise_fault((enum arch_fault)(exception[k] - 1));
}

#if CONFIG_RING2_CONTAIN

/* The header of each svc_alloc object: 32 bytes keep the object 16-aligned. */
struct svc_obj {
	struct list_head link;
	struct svc_instance *inst;
	uint64_t pad;
};
_Static_assert(sizeof(struct svc_obj) == 32, "svc_obj keeps objects 16-aligned");

#if CONFIG_DISPATCH_CHECKED
/* Place `type`'s ops tables in in->ops (contain.h): the first shift that
 * gives each its own slot.  A list that fits none is left to the walk. */
static void ops_place(struct svc_instance *in, const struct fs_type *type)
{
	const void *const *t = type ? type->ops_tables : NULL;

	for (unsigned shift = 3; t && shift < 16; shift++) {
		const void *slot[SVC_OPS_SLOTS] = {0};
		bool ok = true;

		for (size_t n = 0; ok && t[n]; n++) {
			unsigned i = ((uintptr_t)t[n] >> shift) % SVC_OPS_SLOTS;

			ok = !slot[i] || slot[i] == t[n];
			slot[i] = t[n];
		}
		if (ok) {
			memcpy(in->ops, slot, sizeof(slot));
			in->ops_shift = (uint8_t)shift;
			return;
		}
	}
}
#endif

/* The instance's record, made by its first crossing (its mount). */
static __attribute__((noinline)) struct svc_instance *instance_new(struct vfs_sb *sb)
{
	struct svc_instance *in, *expect = NULL;

	in = kzalloc(sizeof(*in));
	if (!in)
		return NULL;
	spin_lock_init(&in->lock, "svc_instance", LOCK_RANK_NONE);
	list_init(&in->objects);
	list_init(&in->pages);
	list_init(&in->inodes);
#if CONFIG_CAP_RUNTIME
	in->cap = svc_cap_entered(sb); /* before the record is published */
#endif
#if CONFIG_DISPATCH_CHECKED
	ops_place(in, sb->type);
#endif
	if (!__atomic_compare_exchange_n(&sb->inst, &expect, in, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		kfree(in);
		return expect;
	}
	return in;
}

static inline struct svc_instance *instance(struct vfs_sb *sb)
{
	struct svc_instance *in = READ_ONCE(sb->inst);

	return likely(in) ? in : instance_new(sb);
}

static struct svc_frame *frame(void)
{
	struct thread *t = current_thread();

	return t ? t->svc_frame : NULL;
}

/* ---- injection hook for self-tests ---- */

static struct {
	const char *fstype;
	int op;
	struct thread *thread;
} next_fault;
int svc_next_fault; /* its kind, 0 when none is armed (contain.h reads it) */

void svc_inject_next(const char *fstype, enum svc_op op, enum svc_fault kind)
{
	next_fault.fstype = fstype;
	next_fault.op = (int)op;
	next_fault.thread = current_thread();
	WRITE_ONCE(svc_next_fault, (int)kind);
}

static enum svc_fault inject(const struct vfs_sb *sb, enum svc_op op)
{
	if (unlikely(READ_ONCE(svc_next_fault)) && next_fault.thread == current_thread() &&
	    next_fault.op == (int)op &&
	    (!next_fault.fstype || !strcmp(next_fault.fstype, sb->type->name))) {
		enum svc_fault k = (enum svc_fault)svc_next_fault;

		WRITE_ONCE(svc_next_fault, 0);
		return k;
	}
	return svc_inject_take(sb, op);
}

/* ---- crossings ---- */

/* svc_enter's slow side (contain.h): a failed instance, its first
 * crossing, or an injection armed somewhere. */
int svc_enter_slow(struct svc_frame *f, struct vfs_sb *sb, enum svc_op op)
{
	if (READ_ONCE(sb->failed))
		return 1;
	if (!instance(sb))
		return 1; /* out of memory: as if failed, without failing it */
	svc_frame_push(f, sb, op, inject(sb, op));
	return 0;
}

static void free_instance_memory(struct vfs_sb *sb, bool teardown);

/* The last crossing out of a failed instance: if it is unmounted too, its
 * memory goes now. */
void svc_left_failed(struct vfs_sb *sb)
{
	if (READ_ONCE(sb->released))
		free_instance_memory(sb, true);
}

/* The crossing is over: pop it. */
static void pop(struct svc_frame *f)
{
	current_thread()->svc_frame = f->prev;
	if (!__atomic_sub_fetch(&f->sb->inside, 1, __ATOMIC_ACQ_REL) && READ_ONCE(f->sb->failed))
		svc_left_failed(f->sb);
}

static __noreturn void fire(struct svc_frame *f);

/* svc_leave's slow side: a fault still to fire, or locks still held. */
void svc_leave_slow(struct svc_frame *f)
{
	if (unlikely(f->fault))
		fire(f); /* the call made none of the calls it fires at: now, as it returns */
	if (unlikely(f->nlocks))
		pr_warn("contain: %s returned from %s holding %u lock(s)\n", f->sb->type->name,
			svc_op_names[f->op], f->nlocks);
	pop(f);
}

void svc_unwound(struct svc_frame *f)
{
	struct svc_instance *in = f->sb->inst;
	unsigned held = f->nlocks;

	while (f->nlocks)
		svc_release_lock(f->locks[--f->nlocks]);
	while (this_cpu()->preempt_count > f->preempt)
		preempt_enable();
	pcache_abandon_fills(f); /* page fills it took and left: their waiters go on */
	if (!f->aborted) {
		__atomic_add_fetch(&in->faults, 1, __ATOMIC_RELAXED);
		pr_err("contain: %s instance (dev 0:%u) failed in %s; %u lock(s) released; "
		       "calls on it return EIO%s\n",
		       f->sb->type->name, f->sb->dev_id, svc_op_names[f->op], held,
		       f->sb->type->internal ? "" : " until it is mounted afresh");
	}
	WRITE_ONCE(f->sb->failed, true);
	pop(f);
}

/* The service's fault: resume the innermost crossing.  `how` for the log. */
static __noreturn void unwind(struct svc_frame *f, bool aborted)
{
	f->aborted = aborted;
	WRITE_ONCE(f->sb->failed, true); /* others inside stop at their next call */
	arch_recover_jump(&f->rp);
}

const struct recover_point *contain_fault(uintptr_t pc, unsigned vector, const char *what,
					  uintptr_t addr)
{
	struct svc_frame *f = frame();
	const struct recover_point *drv = drv_contain_fault(pc, vector, what, addr);

	/* a driver's crossing is innermost when there is one: drivers call
	 * no service */
	if (drv)
		return drv;
	if (!f || this_cpu()->in_irq || !(f->injecting || image_ring2_text(pc)))
		return NULL;
	pr_err("contain: %s (vector %u) in %s's %s at %016lx, address %016lx%s\n", what, vector,
	       f->sb->type->name, svc_op_names[f->op], (unsigned long)pc, (unsigned long)addr,
	       f->injecting ? " (injected)" : "");
	f->aborted = false;
	WRITE_ONCE(f->sb->failed, true);
	return &f->rp;
}

/* A panic or failed assertion raised by the service (`caller` in its code)
 * or injected into it; anyone else's is the kernel's. */
static __noreturn void contain_panic(uintptr_t caller, const char *fmt, va_list ap)
{
	struct svc_frame *f = frame();
	char msg[192];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (f && !this_cpu()->in_irq && (f->injecting || image_ring2_text(caller))) {
		pr_err("contain: panic in %s's %s: %s%s\n", f->sb->type->name, svc_op_names[f->op],
		       msg, f->injecting ? " (injected)" : "");
		unwind(f, false);
	}
	panic("%s", msg);
}

void svc_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	contain_panic((uintptr_t)__builtin_return_address(0), fmt, ap);
}

void svc_refuse(const char *fmt, ...)
{
	struct svc_frame *f = frame();
	va_list ap;

	va_start(ap, fmt);
	if (f)
		f->injecting = true; /* the API's own check, on the service's behalf */
	contain_panic(0, fmt, ap);
}

bool svc_frame_of(const struct vfs_sb *sb, const struct page *pg)
{
	const struct svc_instance *in = READ_ONCE(sb->inst);

	/* read pg only once it is known to be a struct page */
	return in && page_is_frame(pg) && READ_ONCE(pg->owner) == in && page_refs(pg) > 0;
}

bool svc_frame_ours(const struct page *pg)
{
	struct svc_frame *f = frame();

	return f && svc_frame_of(f->sb, pg);
}

void svc_fail(struct vfs_sb *sb, const char *why)
{
	if (!__atomic_exchange_n(&sb->failed, true, __ATOMIC_ACQ_REL))
		pr_err("contain: %s instance (dev 0:%u) failed: %s\n", sb->type->name, sb->dev_id,
		       why);
}

static __noreturn void raise_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	contain_panic(0, fmt, ap);
}

/* Raise the injected fault, as the service would have: the instruction
 * that faults is ring 0's (arch_raise_fault), counted as the service's. */
static __noreturn void fire(struct svc_frame *f)
{
	enum svc_fault k = (enum svc_fault)f->fault;

	f->fault = SVC_FAULT_NONE;
	f->injecting = true;
	if (k == SVC_FAULT_ASSERT)
		raise_panic("assertion failed: %s at %s:%d", "injected", __FILE__, __LINE__);
	raise_exception(k);
	raise_panic("injected %s in %s", svc_fault_names[k < SVC_FAULT_COUNT ? k : 0],
		    svc_op_names[f->op]);
}

/* The slow sides of contain.h's inline checks.  At a service-API call: a
 * thread inside an instance that failed stops here; an injected fault
 * fires at the first call made holding a lock. */
void svc_check_slow(struct svc_frame *f)
{
	if (READ_ONCE(f->sb->failed))
		unwind(f, true);
	if (f->fault && f->nlocks)
		fire(f);
	panic("contain: svc_check_slow called with nothing to do");
}

void svc_lock_taken_slow(struct svc_frame *f, struct svc_lock *l)
{
	if (f->nlocks == SVC_MAX_LOCKS)
		raise_panic("%s took more than %d locks in one call", f->sb->type->name,
			    SVC_MAX_LOCKS);
	f->locks[f->nlocks++] = l;
	if (READ_ONCE(f->sb->failed))
		unwind(f, true); /* it failed while we waited: release and go */
}

void svc_lock_dropped_slow(struct svc_frame *f, struct svc_lock *l)
{
	for (int i = f->nlocks - 1; i >= 0; i--) {
		if (f->locks[i] == l) {
			memmove(&f->locks[i], &f->locks[i + 1],
				(size_t)(f->nlocks - 1 - i) * sizeof(f->locks[0]));
			f->nlocks--;
			return;
		}
	}
}

/* ---- memory ---- */

static void *obj_alloc(size_t size, bool zero)
{
	struct svc_frame *f = frame();
	struct svc_instance *in = f ? f->sb->inst : NULL;
	struct svc_obj *o;

	if (size > SIZE_MAX - sizeof(*o))
		return NULL;
	o = zero ? kzalloc(sizeof(*o) + size) : kmalloc(sizeof(*o) + size);
	if (!o)
		return NULL;
	o->inst = in;
	if (in) {
		irqflags_t fl = spin_lock_irqsave(&in->lock);

		list_add(&o->link, &in->objects);
		in->nobjects++;
		spin_unlock_irqrestore(&in->lock, fl);
	}
	return o + 1;
}

void *svc_obj_alloc(size_t size)
{
	return obj_alloc(size, true);
}

void *svc_obj_alloc_raw(size_t size)
{
	return obj_alloc(size, false);
}

void svc_obj_free(const void *p)
{
	struct svc_obj *o;

	if (!p)
		return;
	o = (struct svc_obj *)p - 1;
	if (o->inst) {
		irqflags_t fl = spin_lock_irqsave(&o->inst->lock);

		list_del(&o->link);
		o->inst->nobjects--;
		spin_unlock_irqrestore(&o->inst->lock, fl);
	}
	kfree(o);
}

void svc_page_charge(void *addr)
{
	struct svc_frame *f = frame();
	struct svc_instance *in = f ? f->sb->inst : NULL;
	struct page *pg = virt_to_page(addr);
	irqflags_t fl;

	if (!in)
		return;
	fl = spin_lock_irqsave(&in->lock);
	pg->owner = in;
	list_add(&pg->list, &in->pages);
	in->npages++;
	spin_unlock_irqrestore(&in->lock, fl);
}

void svc_page_uncharge(void *addr)
{
	struct page *pg = virt_to_page(addr);
	struct svc_instance *in = pg->owner;
	irqflags_t fl;

	if (!in)
		return;
	fl = spin_lock_irqsave(&in->lock);
	list_del(&pg->list);
	pg->owner = NULL;
	in->npages--;
	spin_unlock_irqrestore(&in->lock, fl);
}

void svc_inode_track(struct inode *i)
{
	struct svc_instance *in;
	irqflags_t fl;

	if (!i->sb->service || !(in = READ_ONCE(i->sb->inst)))
		return;
	fl = spin_lock_irqsave(&in->lock);
	list_add_tail(&i->in_instance, &in->inodes);
	spin_unlock_irqrestore(&in->lock, fl);
}

void svc_inode_untrack(struct inode *i)
{
	struct svc_instance *in;
	irqflags_t fl;

	if (!i->in_instance.next || !(in = READ_ONCE(i->sb->inst)))
		return;
	fl = spin_lock_irqsave(&in->lock);
	list_del(&i->in_instance);
	spin_unlock_irqrestore(&in->lock, fl);
}

/* A failed instance's own references to its inodes go: ring 1's stay, and
 * an inode ring 1 no longer holds is freed now, without its evict (the
 * service's state for it is gone with the instance's memory).  Nothing
 * runs in the service any more, so only ring 1 changes the counts. */
static uint64_t drop_service_refs(struct vfs_sb *sb, struct svc_instance *in)
{
	struct list_head todo, *at;
	uint64_t freed = 0;
	irqflags_t fl;

	list_init(&todo);
	fl = spin_lock_irqsave(&in->lock);
	/* move the list to `todo` whole (an inode put meanwhile unlinks
	 * itself from whichever list it is on, under the same lock) */
	if (!list_empty(&in->inodes)) {
		list_insert_between(&todo, in->inodes.prev, &in->inodes);
		list_del(&in->inodes);
	}
	spin_unlock_irqrestore(&in->lock, fl);
	for (;;) {
		struct inode *i, *dead = NULL;
		uint64_t v;

		fl = spin_lock_irqsave(&in->lock);
		if (list_empty(&todo)) {
			spin_unlock_irqrestore(&in->lock, fl);
			break;
		}
		at = todo.next;
		i = list_first_entry(&todo, struct inode, in_instance);
		list_del(at);
		v = __atomic_load_n(&i->refs, __ATOMIC_RELAXED);
		/* none left (an inode_put is about to free it: it waits for
		 * this lock), or the kernel's only: keep it listed */
		while ((uint32_t)v && (uint32_t)v != (uint32_t)(v >> 32) &&
		       !__atomic_compare_exchange_n(&i->refs, &v, (v >> 32) << 32 | (v >> 32),
						    false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			;
		if ((uint32_t)v && !(uint32_t)(v >> 32))
			dead = i; /* it was the service's alone */
		else
			list_add_tail(at, &in->inodes);
		spin_unlock_irqrestore(&in->lock, fl);
		if (dead) {
			inode_free(dead);
			freed++;
		}
	}
	return freed;
}

/* What the instance holds goes: at a failed instance's teardown (its last
 * mount gone and no call inside), its own inode references too; when the
 * record is freed, what a healthy one left. */
static void free_instance_memory(struct vfs_sb *sb, bool teardown)
{
	struct svc_instance *in = sb->inst;
	uint64_t objs = 0, pages = 0, inodes = 0;
	irqflags_t fl;

	if (__atomic_exchange_n(&in->freed, true, __ATOMIC_ACQ_REL))
		return;
	if (teardown) {
		vfs_sb_hold(sb); /* the inodes freed here may be its last holds */
		inodes = drop_service_refs(sb, in);
	}
	for (;;) {
		struct svc_obj *o = NULL;
		struct page *pg = NULL;

		fl = spin_lock_irqsave(&in->lock);
		if (!list_empty(&in->objects)) {
			o = list_first_entry(&in->objects, struct svc_obj, link);
			list_del(&o->link);
			in->nobjects--;
		} else if (!list_empty(&in->pages)) {
			pg = list_first_entry(&in->pages, struct page, list);
			list_del(&pg->list);
			pg->owner = NULL;
			in->npages--;
		}
		spin_unlock_irqrestore(&in->lock, fl);
		if (o) {
			kfree(o);
			objs++;
		} else if (pg) {
			page_put(pg); /* the instance's reference: mappings keep theirs */
			pages++;
		} else {
			break;
		}
	}
	if (objs || pages || inodes)
		pr_info("contain: an instance's memory freed: %llu objects, %llu pages, %llu "
			"inodes\n",
			(unsigned long long)objs, (unsigned long long)pages,
			(unsigned long long)inodes);
	if (teardown)
		vfs_sb_put(sb);
}

void svc_instance_free(struct vfs_sb *sb)
{
	struct svc_instance *in = sb->inst;

	if (!in)
		return;
	free_instance_memory(sb, false);
	sb->inst = NULL;
	kfree(in);
}

bool svc_instance_usage(const struct vfs_sb *sb, uint64_t *objects, uint64_t *pages,
			unsigned *faults)
{
	struct svc_instance *in = READ_ONCE(sb->inst);

	*objects = in ? in->nobjects : 0;
	*pages = in ? in->npages : 0;
	*faults = in ? in->faults : 0;
	return true;
}

void svc_instance_unmounted(struct vfs_sb *sb)
{
	struct svc_instance *in = READ_ONCE(sb->inst);

	if (!in)
		return;
	/* a healthy one gave back what it could; what it still holds belongs
	 * to inodes the kernel has not let go of yet (their evict frees it) */
	if (READ_ONCE(sb->failed) && !READ_ONCE(sb->inside))
		free_instance_memory(sb, true);
}

#else /* !CONFIG_RING2_CONTAIN: a service's panic is the kernel's */

void svc_inject_direct(struct vfs_sb *sb, enum svc_op op)
{
	enum svc_fault k = svc_contained(sb) ? svc_inject_take(sb, op) : SVC_FAULT_NONE;

	if (k == SVC_FAULT_NONE)
		return;
	raise_exception(k);
	panic("injected %s in %s's %s: no containment in this profile",
	      svc_fault_names[k < SVC_FAULT_COUNT ? k : 0], sb->type->name, svc_op_names[op]);
}

const struct recover_point *contain_fault(uintptr_t pc, unsigned vector, const char *what,
					  uintptr_t addr)
{
	(void)pc;
	(void)vector;
	(void)what;
	(void)addr;
	return NULL;
}

static __noreturn void vpanic(const char *fmt, va_list ap)
{
	char msg[192];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	panic("%s", msg);
}

void svc_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(fmt, ap);
}

void svc_inject_next(const char *fstype, enum svc_op op, enum svc_fault kind)
{
	(void)fstype;
	(void)op;
	(void)kind;
}

void svc_instance_unmounted(struct vfs_sb *sb)
{
	(void)sb;
}

void svc_instance_free(struct vfs_sb *sb)
{
	(void)sb;
}

void svc_refuse(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(fmt, ap);
}

bool svc_frame_ours(const struct page *pg)
{
	(void)pg;
	return true;
}

bool svc_frame_of(const struct vfs_sb *sb, const struct page *pg)
{
	(void)sb;
	(void)pg;
	return true;
}

void svc_fail(struct vfs_sb *sb, const char *why)
{
	(void)sb;
	panic("%s: %s", sb->type->name, why);
}

bool svc_instance_usage(const struct vfs_sb *sb, uint64_t *objects, uint64_t *pages,
			unsigned *faults)
{
	(void)sb;
	*objects = *pages = 0;
	*faults = 0;
	return false;
}

#endif
