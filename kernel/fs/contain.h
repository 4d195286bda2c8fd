/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Crossings from ring 1 into a ring-2 service (docs/architecture.md,
 * "Containment").  Every call through a service's ops tables (inode ops,
 * instance ops, its fs_type's mount) is written as
 *
 *	ret = SVC_CALL(sb, SVC_OP_READ, i->ops.file,
 *		       i->ops.file->read(i, off, b, flags));
 *
 * inside a dispatch wrapper (kernel/fs/dispatch*.c, the only files allowed
 * to call through those tables: make check).  `sb` is the instance the call
 * is on; the op names it for fault injection (inject=SERVICE:OP...); `ops`
 * is the table the call goes through, which fortress (DISPATCH_CHECKED)
 * checks is one the instance's service registered (NULL: the fs_type's
 * own mount, checked at registration).
 *
 * In the containing profiles (RING2_CONTAIN) a call on a service instance
 * runs under a recovery point: a fault, panic or failed assertion raised by
 * the service unwinds to it, the call's value is `fail` (-EIO for
 * SVC_CALL), the instance is marked failed and every later call on it
 * returns that value without entering the service.  On a ring-1 kind (a
 * pipe, a socket, procfs: sb NULL or not a service) the call is direct.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/errno.h>
#include <kevlar_vfs/service.h>
#include "svc_cap.h"
#if CONFIG_RING2_CONTAIN
#include <kernel/sched.h>
#include <platform/percpu.h>
#endif

struct page;

enum svc_op {
	/* FileLike */
	SVC_OP_OPEN,
	SVC_OP_READ,
	SVC_OP_WRITE,
	SVC_OP_IOCTL,
	SVC_OP_POLL,
	SVC_OP_TRUNCATE,
	SVC_OP_FSYNC,
	SVC_OP_FALLOCATE,
	SVC_OP_SPLICE_READ,
	SVC_OP_GET_PAGE,
	SVC_OP_READPAGE,
	SVC_OP_WRITEPAGE,
	SVC_OP_RELEASE, /* a FileLike's last close */
	SVC_OP_SHOW_FDINFO,
	SVC_OP_SEEK_DATA,
	SVC_OP_FIEMAP,
	/* Directory */
	SVC_OP_LOOKUP,
	SVC_OP_CREATE,
	SVC_OP_MKDIR,
	SVC_OP_MKNOD,
	SVC_OP_SYMLINK,
	SVC_OP_LINK,
	SVC_OP_TMPFILE,
	SVC_OP_UNLINK,
	SVC_OP_RMDIR,
	SVC_OP_RENAME,
	SVC_OP_EXCHANGE,
	SVC_OP_READDIR,
	SVC_OP_OPENDIR,
	/* Symlink */
	SVC_OP_READLINK,
	SVC_OP_JUMP,
	/* every kind */
	SVC_OP_STAT,
	SVC_OP_SETATTR,
	/* the instance */
	SVC_OP_MOUNT,
	SVC_OP_UMOUNT, /* vfs_sb_ops.release */
	SVC_OP_EVICT,
	SVC_OP_REMOUNT,
	SVC_OP_SHOW_OPTIONS,
	SVC_OP_STATFS,
	SVC_OP_GETXATTR,
	SVC_OP_SETXATTR,
	SVC_OP_LISTXATTR,
	SVC_OP_REMOVEXATTR,
	SVC_OP_SYNC_FS,
	/* a service's own thread (svc_thread_start) and the TCP/IP stack's
	 * protocol table (kevlar_vfs/inet.h) */
	SVC_OP_THREAD,
	SVC_OP_INET,
	/* a driver's (kernel/driver/gate.h: SVC_OP_PROBE + enum drv_op) */
	SVC_OP_PROBE,
	SVC_OP_SUBMIT,
	SVC_OP_IRQ,
	SVC_OP_XMIT,
	SVC_OP_CTL,
	SVC_OP_COUNT
};

/* "read", "write", ... as inject= names them (inject_spec.c). */
extern const char *const svc_op_names[SVC_OP_COUNT];

/* What an injected fault raises inside the service (inject=...:KIND). */
enum svc_fault {
	SVC_FAULT_NONE,
	SVC_FAULT_PANIC,     /* panic() */
	SVC_FAULT_ASSERT,    /* a failed ASSERT() */
	SVC_FAULT_PAGEFAULT, /* a load from an unmapped kernel address */
	SVC_FAULT_GP,	     /* a load from a non-canonical address */
	SVC_FAULT_UD,	     /* an invalid opcode (BUG) */
	SVC_FAULT_DIV0,	     /* an integer division by zero */
	SVC_FAULT_STACK,     /* a stack overflow into the guard page */
	SVC_FAULT_COUNT
};

/* inject.c: called once per crossing on a service instance (the call
 * counts toward NTH): the fault to raise inside this call, or
 * SVC_FAULT_NONE.  Matches the armed injections (inject= on the command
 * line, /proc/sys/kevlar/inject) by the instance's fs_type name and op. */
enum svc_fault svc_inject_take(const struct vfs_sb *sb, enum svc_op op);
/* inject.c: how many injections are armed (read relaxed, without its lock) */
extern unsigned svc_inject_armed;

/* A call on `sb` enters ring 2 (a service's instance, not a ring-1 kind). */
static inline bool svc_contained(const struct vfs_sb *sb)
{
	return sb && sb->service;
}

/* The call on `sb` needs a recovery point (the containing profiles, on a
 * service's instance).  The hot wrappers test it first and make such a
 * call from a small out-of-line function, so that the wrapper itself has
 * no returns_twice call (arch_recover_set), which would make gcc keep its
 * arguments on the stack for the ring-1 kinds too; these then take
 * SVC_CALL(svc_direct_sb(sb), ...), which is the bare call. */
static inline bool svc_needs_frame(const struct vfs_sb *sb)
{
	return CONFIG_RING2_CONTAIN && svc_contained(sb);
}
/* The `sb` such a wrapper gives SVC_CALL on its direct branch: none where
 * services are contained (the call is then surely the bare one), the
 * instance where they are called directly (an armed injection still
 * fires there, as the kernel's own fault). */
#define svc_direct_sb(sb) (CONFIG_RING2_CONTAIN ? NULL : (sb))

#if CONFIG_RING2_CONTAIN == CONFIG_DISPATCH_DIRECT
#error "a profile either contains its services or calls them directly (mk/profile.mk)"
#endif

#if CONFIG_RING2_CONTAIN
#include <klib/list.h>
#include <platform/recover.h>
#include <platform/spinlock.h>

#define SVC_MAX_LOCKS 8

/* A pointer that is aligned by construction (an allocated object, a
 * thread, a frame on the stack), said so that UBSan (fortress) does not
 * test it again at each use on the crossing's hot path.  Only for
 * pointers the kernel made, never for one a service hands in. */
#ifdef __CHECKER__ /* sparse knows no __builtin_assume_aligned */
#define SVC_ALIGNED(p) (p)
#else
#define SVC_ALIGNED(p) ((__typeof__(p))__builtin_assume_aligned((p), sizeof(void *)))
#endif
#define SVC_OPS_SLOTS 16

/* What the kernel keeps of an instance (vfs_sb.inst), made by its first
 * crossing (its mount), ring-1 memory the service is never given. */
struct svc_instance {
	struct spinlock lock; /* the lists and counts */
	struct list_head objects;
	struct list_head pages;	 /* page->list, page->owner = the instance */
	struct list_head inodes; /* inode->in_instance: every live inode of it */
	uint64_t nobjects, npages;
	unsigned faults;
	bool freed; /* a failed instance's memory was given back */
#if CONFIG_CAP_RUNTIME
	/* the instance's token as the registry held it live when this record
	 * was made (0 if it did not: its calls then take the full check).
	 * Tokens are revoked only when their instance is freed, with this
	 * record, so a crossing copies it into its frame without asking the
	 * registry again (svc_cap_entered_ok). */
	uint64_t cap;
#endif
#if CONFIG_DISPATCH_CHECKED
	/* The service's ops tables (fs_type.ops_tables), each in slot
	 * (address >> ops_shift) % SVC_OPS_SLOTS, no two in one, so that
	 * checked dispatch finds a table with one compare (svc_ops_pass).
	 * Written before the record is published, then only read.  0: they
	 * could not be placed so, and every check walks the list. */
	const void *ops[SVC_OPS_SLOTS];
	uint8_t ops_shift;
#endif
};

/* One crossing in progress, on the calling thread's stack, innermost
 * first from thread->svc_frame. */
struct svc_frame {
	struct recover_point rp;
	struct svc_frame *prev;
	struct vfs_sb *sb;
	struct svc_lock *locks[SVC_MAX_LOCKS]; /* taken during the call, in order */
	uint8_t nlocks;
	uint8_t op;	/* enum svc_op */
	uint8_t fault;	/* enum svc_fault: an injected fault still to raise */
	bool injecting; /* raising it: the fault counts as the service's */
	bool aborted;	/* unwound because the instance failed meanwhile */
	int preempt;	/* the CPU's preemption count at the crossing */
#if CONFIG_CAP_RUNTIME
	uint64_t cap; /* sb's token, found live in the registry (svc_instance.cap); 0 if not */
#endif
};

/* The crossing's steps, for the macros: enter (nonzero: the instance has
 * failed, do not call), leave (the call returned), unwound (it faulted and
 * resumed at the recovery point: release what it held, fail the instance).
 * enter and leave are inline for the common case; their slow sides (a
 * failed instance, its first crossing, an armed injection, a fault still
 * to fire, locks still held) are contain.c's. */
int svc_enter_slow(struct svc_frame *f, struct vfs_sb *sb, enum svc_op op);
void svc_leave_slow(struct svc_frame *f);
void svc_left_failed(struct vfs_sb *sb);
void svc_unwound(struct svc_frame *f);
extern int svc_next_fault; /* contain.c: a self-test's svc_inject_next() pending */

/* Count the crossing in and push its frame, with the fault it is to raise. */
static inline void svc_frame_push(struct svc_frame *f, struct vfs_sb *sb, enum svc_op op,
				  enum svc_fault fault)
{
	struct thread *t = current_thread();

	__atomic_add_fetch(&sb->inside, 1, __ATOMIC_ACQ_REL);
	f->sb = sb;
	f->op = (uint8_t)op;
	f->nlocks = 0;
	f->fault = (uint8_t)fault;
	f->injecting = false;
	f->aborted = false;
	f->preempt = this_cpu()->preempt_count;
#if CONFIG_CAP_RUNTIME
	f->cap = SVC_ALIGNED(sb->inst)->cap; /* svc_enter made sure there is a record */
#endif
	f->prev = t->svc_frame;
	t->svc_frame = f;
}

static inline int svc_enter(struct svc_frame *f, struct vfs_sb *sb, enum svc_op op)
{
	if (unlikely(READ_ONCE(sb->failed) || READ_ONCE(sb->inst) == NULL ||
		     READ_ONCE(svc_inject_armed) || READ_ONCE(svc_next_fault)))
		return svc_enter_slow(f, sb, op);
	svc_frame_push(f, sb, op, SVC_FAULT_NONE);
	return 0;
}

static inline void svc_leave(struct svc_frame *f)
{
	if (unlikely(f->fault || f->nlocks)) {
		svc_leave_slow(f);
		return;
	}
	current_thread()->svc_frame = f->prev;
	if (unlikely(!__atomic_sub_fetch(&f->sb->inside, 1, __ATOMIC_ACQ_REL)) &&
	    unlikely(READ_ONCE(f->sb->failed)))
		svc_left_failed(f->sb);
}

/* DISPATCH_CHECKED: `ops` is a table the instance's service registered:
 * found in its slot of the instance's record, or else in the list by
 * svc_ops_ok (which refuses it if it is not there either). */
static inline bool svc_ops_pass(const struct vfs_sb *sb, const void *ops)
{
	if (!CONFIG_DISPATCH_CHECKED || !ops)
		return true;
#if CONFIG_DISPATCH_CHECKED
	const struct svc_instance *in = READ_ONCE(sb->inst);

	if (likely(in && in->ops_shift) &&
	    in->ops[((uintptr_t)ops >> in->ops_shift) % SVC_OPS_SLOTS] == ops)
		return true;
#endif
	return svc_ops_ok(sb, ops);
}

#define SVC_CALL_OR(sb, op, ops, fail, expr)                                                      \
	({                                                                                        \
		struct vfs_sb *svc_sb_ = (sb);                                                    \
		__typeof__(expr) svc_r_;                                                          \
		if (!svc_contained(svc_sb_)) {                                                    \
			svc_r_ = (expr);                                                          \
		} else {                                                                          \
			struct svc_frame svc_f_;                                                  \
			if (!svc_ops_pass(svc_sb_, (ops)) || svc_enter(&svc_f_, svc_sb_, (op))) { \
				svc_r_ = (fail);                                                  \
			} else if (arch_recover_set(&svc_f_.rp)) {                                \
				svc_unwound(&svc_f_);                                             \
				svc_r_ = (fail);                                                  \
			} else {                                                                  \
				svc_r_ = (expr);                                                  \
				svc_leave(&svc_f_);                                               \
			}                                                                         \
		}                                                                                 \
		svc_r_;                                                                           \
	})
#define SVC_CALL_VOID(sb, op, ops, expr)                                                        \
	do {                                                                                    \
		struct vfs_sb *svc_sb_ = (sb);                                                  \
		if (!svc_contained(svc_sb_)) {                                                  \
			(expr);                                                                 \
		} else {                                                                        \
			struct svc_frame svc_f_;                                                \
			if (!svc_ops_pass(svc_sb_, (ops)) || svc_enter(&svc_f_, svc_sb_, (op))) \
				break;                                                          \
			if (arch_recover_set(&svc_f_.rp)) {                                     \
				svc_unwound(&svc_f_);                                           \
				break;                                                          \
			}                                                                       \
			(expr);                                                                 \
			svc_leave(&svc_f_);                                                     \
		}                                                                               \
	} while (0)
#else /* CONFIG_DISPATCH_DIRECT */
/* performance, ludicrous: the service is called directly, a fault in it
 * is the kernel's (a panic), and no instance is ever failed */
/* An armed injection still fires, as the kernel's own fault: no recovery
 * point catches it, so it is a panic (the documented contrast); with
 * nothing armed the test is one relaxed load. */
void svc_inject_direct(struct vfs_sb *sb, enum svc_op op);
#define svc_direct_inject(sb, op)                                                   \
	do {                                                                        \
		if (unlikely(__atomic_load_n(&svc_inject_armed, __ATOMIC_RELAXED))) \
			svc_inject_direct((sb), (op));                              \
	} while (0)
#define SVC_CALL_OR(sb, op, ops, fail, expr) \
	({                                   \
		(void)(fail);                \
		svc_direct_inject(sb, op);   \
		(expr);                      \
	})
#define SVC_CALL_VOID(sb, op, ops, expr)   \
	do {                               \
		svc_direct_inject(sb, op); \
		(expr);                    \
	} while (0)
#endif
#define SVC_CALL(sb, op, ops, expr) SVC_CALL_OR(sb, op, ops, -EIO, expr)

/* The service API's side (service_api.c), all no-ops without containment:
 * check at each call (a failed instance's thread unwinds, an injected
 * fault fires), the locks a call holds, and the memory charged to the
 * instance of the crossing in progress. */
#if CONFIG_RING2_CONTAIN
/* Never returns: its callers test its reasons first, and they stay true (a
 * failed instance is never revived, the frame is the calling thread's).
 * So the inline check needs no registers kept across its call, and the
 * service-API function it opens keeps no stack frame or tail call of its
 * own for it (about 12 instructions a call, ring-1 kinds' calls too). */
__noreturn void svc_check_slow(struct svc_frame *f);
void svc_lock_taken_slow(struct svc_frame *f, struct svc_lock *l);
void svc_lock_dropped_slow(struct svc_frame *f, struct svc_lock *l);

/* The calling thread's innermost crossing, or NULL (outside any, or
 * before the first thread at boot). */
static inline struct svc_frame *svc_current_frame(void)
{
	struct thread *t = SVC_ALIGNED(current_thread());

	return t ? SVC_ALIGNED(t->svc_frame) : NULL;
}

/* The instance of the crossing `f` (aligned: allocated) */
static inline struct vfs_sb *svc_frame_sb(const struct svc_frame *f)
{
	return SVC_ALIGNED(f->sb);
}

#if CONFIG_CAP_RUNTIME
/* svc_cap_ok's common case, a few instructions: `cap` is the token the
 * registry held live for the crossing's instance (svc_instance.cap), and
 * `sb`, if given, is that instance.  Anything else (no crossing, another
 * token, another instance) takes the registry's full check. */
static inline bool svc_cap_entered_ok_in(const struct svc_frame *f, struct svc_cap cap,
					 const struct vfs_sb *sb)
{
	return f && cap.v == f->cap && cap.v && (!sb || sb == f->sb);
}
#define svc_cap_entered_ok(cap, sb) svc_cap_entered_ok_in(svc_current_frame(), cap, sb)
#endif

static inline void svc_check(void)
{
	struct svc_frame *f = svc_current_frame();

	if (f && unlikely(READ_ONCE(svc_frame_sb(f)->failed) || (f->fault && f->nlocks)))
		svc_check_slow(f);
}

/* `f` is svc_current_frame(), which the caller looked up already */
static inline void svc_lock_taken_in(struct svc_frame *f, struct svc_lock *l)
{
	if (!f)
		return;
	if (unlikely(f->nlocks == SVC_MAX_LOCKS || READ_ONCE(svc_frame_sb(f)->failed)))
		svc_lock_taken_slow(f, l);
	else
		f->locks[f->nlocks++] = l;
}

/* svc_check's test first (the lock still held), then the record: locks
 * are mostly dropped newest first, the slow side searches. */
static inline void svc_lock_dropped_in(struct svc_frame *f, struct svc_lock *l)
{
	if (!f)
		return;
	if (unlikely(READ_ONCE(svc_frame_sb(f)->failed) || (f->fault && f->nlocks)))
		svc_check_slow(f);
	if (!f->nlocks)
		return;
	if (likely(f->locks[f->nlocks - 1] == l))
		f->nlocks--;
	else
		svc_lock_dropped_slow(f, l);
}
void *svc_obj_alloc(size_t size);
/* The same, not zeroed: a bounce the caller fills whole at once. */
void *svc_obj_alloc_raw(size_t size);
void svc_obj_free(const void *p);
/* A service instance's inodes, on its list, so that a failed instance's
 * own references can be dropped for it (the kernel's stay). */
void svc_inode_track(struct inode *i);
void svc_inode_untrack(struct inode *i);
/* An op returned a reference to `i` (lookup, create...): the kernel's now. */
static inline void svc_inode_adopt(struct inode *i)
{
	__atomic_add_fetch(&i->refs, 1ull << 32, __ATOMIC_RELAXED);
}
void svc_page_charge(void *page);
void svc_page_uncharge(void *page);
#else
struct svc_frame;
static inline struct svc_frame *svc_current_frame(void)
{
	return NULL;
}
static inline void svc_check(void)
{
}
static inline void svc_lock_taken_in(struct svc_frame *f, struct svc_lock *l)
{
	(void)f;
	(void)l;
}
static inline void svc_lock_dropped_in(struct svc_frame *f, struct svc_lock *l)
{
	(void)f;
	(void)l;
}
static inline void svc_page_charge(void *page)
{
	(void)page;
}
static inline void svc_page_uncharge(void *page)
{
	(void)page;
}
#define svc_obj_alloc(size)	kzalloc(size)
#define svc_obj_alloc_raw(size) kmalloc(size)
#define svc_obj_free(p)		kfree(p)
static inline void svc_inode_track(struct inode *i)
{
	(void)i;
}
static inline void svc_inode_untrack(struct inode *i)
{
	(void)i;
}
static inline void svc_inode_adopt(struct inode *i)
{
	(void)i;
}
#endif
/* A service-API call was misused (a bad frame handle, a range outside a
 * page): the calling service's fault, contained like one (a panic without
 * containment). */
__noreturn void svc_refuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* COPY_FRAMES: `pg` is a live frame charged to the calling instance (to
 * `sb`'s), judged without dereferencing it unless it is a struct page. */
bool svc_frame_ours(const struct page *pg);
bool svc_frame_of(const struct vfs_sb *sb, const struct page *pg);
/* Ring 1 found the service misbehaving outside a call: fail `sb`, log why. */
void svc_fail(struct vfs_sb *sb, const char *why);
/* dispatch: the frame behind a get_page handle (checked as above; NULL
 * and the instance failed for a bad one) */
struct page *svc_page_frame(struct vfs_sb *sb, struct svc_page *h);
/* service_api.c: give back a lock the unwound call held */
void svc_release_lock(struct svc_lock *l);

/* The instance's last mount is gone and its release ran (mount.c): a
 * failed instance's memory is given back now, or by the last call still
 * inside it. */
void svc_instance_unmounted(struct vfs_sb *sb);
/* The kernel lets go of `sb` (its instance record, and what is still
 * charged to it): the instance's last user is gone. */
void svc_instance_free(struct vfs_sb *sb);
/* Self-tests: what `sb`'s instance holds (objects and pages charged to
 * it) and how many faults it had; false without containment. */
bool svc_instance_usage(const struct vfs_sb *sb, uint64_t *objects, uint64_t *pages,
			unsigned *faults);
/* Self-tests: arm a fault for the calling thread's next crossing on an
 * instance of `fstype` (NULL: any), op `op`. */
void svc_inject_next(const char *fstype, enum svc_op op, enum svc_fault kind);
