/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Crossings from ring 1 into a ring-2 service (docs/architecture.md,
 * "Containment").  Every call through a service's ops tables (inode ops,
 * instance ops, its fs_type's mount) is written as
 *
 *	ret = SVC_CALL(sb, SVC_OP_READ, i->ops.file,
 *		       i->ops.file->read, i, off, b, flags);
 *
 * inside a dispatch wrapper (kernel/fs/dispatch*.c, the only files allowed
 * to call through those tables: make check): the function, then its
 * arguments (at most six, integers or pointers).  `sb` is the instance the
 * call is on; the op names it for fault injection (inject=SERVICE:OP...);
 * `ops` is the table the call goes through, which fortress
 * (DISPATCH_CHECKED) checks is one the instance's service registered
 * (NULL: the fs_type's own mount, checked at registration).
 *
 * In the containing profiles (RING2_CONTAIN) a call on a service instance
 * is made through ring 0's arch_recover_call under a recovery point: a fault, panic
 * or failed assertion raised by the service unwinds to it, the call's
 * value is `fail` (-EIO for SVC_CALL), the instance is marked failed and
 * every later call on it returns that value without entering the service.
 * On a ring-1 kind (a pipe, a socket, procfs: sb NULL or not a service)
 * the call is direct.  The wrapper itself makes only ordinary calls either
 * way (arch_recover_call sets the point and makes the call), so no
 * returns_twice call makes gcc keep its variables on the stack.
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
	SVC_OP_RELEASE, /* a FileLike's last close */
	SVC_OP_SHOW_FDINFO,
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
 * call from a small out-of-line function, so that the wrapper's ring-1
 * branch needs no stack frame at all (the frame and the calls of the
 * contained branch would give it one); these then take
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
#include <platform/recover.h>

#define SVC_MAX_LOCKS 8

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
};

/* The crossing's steps, for the macros: enter (nonzero: the instance has
 * failed, do not call) and leave (the call returned, or it faulted and
 * resumed at the recovery point: then release what it held and fail the
 * instance, svc_unwound).  Both are inline for the common case; their slow
 * sides (a failed instance, its first crossing, an armed injection, an
 * unwound call, a fault still to fire, locks still held) are contain.c's. */
int svc_enter_slow(struct svc_frame *f, struct vfs_sb *sb, enum svc_op op);
bool svc_leave_slow(struct svc_frame *f);
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
	f->prev = t->svc_frame;
	t->svc_frame = f;
}

/* The crossing on `sb` may take the fast path: the instance is alive and
 * has had its first crossing, and nothing is armed to fire.  Otherwise
 * svc_call_slow makes it, whatever the cost. */
static inline bool svc_enter_fast(const struct vfs_sb *sb)
{
	return !(READ_ONCE(sb->failed) || READ_ONCE(sb->inst) == NULL ||
		 READ_ONCE(svc_inject_armed) || READ_ONCE(svc_next_fault));
}

/* The call returned, or unwound: leave the crossing.  true when it unwound
 * (the locks it held released, the instance failed: the wrapper's value
 * is then the failure value). */
static inline bool svc_leave(struct svc_frame *f)
{
	if (unlikely(f->rp.unwound || f->fault || f->nlocks))
		return svc_leave_slow(f);
	current_thread()->svc_frame = f->prev;
	if (unlikely(!__atomic_sub_fetch(&f->sb->inside, 1, __ATOMIC_ACQ_REL)) &&
	    unlikely(READ_ONCE(f->sb->failed)))
		svc_left_failed(f->sb);
	return false;
}

/* DISPATCH_CHECKED: `ops` is a table the instance's service registered */
static inline bool svc_ops_pass(const struct vfs_sb *sb, const void *ops)
{
	return !CONFIG_DISPATCH_CHECKED || !ops || svc_ops_ok(sb, ops);
}

/* fn(args) under the frame's recovery point `rp`: its value, or 0
 * unwound.  The arguments are widened to registers, padded with zeros to
 * four (arch_recover_call4) or six; more than six is a compile error. */
#define SVC_ARG_(x)					 ((uintptr_t)(x))
#define SVC_NARGS_(...)					 SVC_NARGS_N_(_, ##__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define SVC_NARGS_N_(_0, _1, _2, _3, _4, _5, _6, n, ...) n
#define SVC_CAT_(a, b)					 a##b
#define SVC_XCAT_(a, b)					 SVC_CAT_(a, b)
#define SVC_RC_0(rp, fn)				 arch_recover_call4(0, 0, 0, 0, rp, fn)
#define SVC_RC_1(rp, fn, a)				 arch_recover_call4(SVC_ARG_(a), 0, 0, 0, rp, fn)
#define SVC_RC_2(rp, fn, a, b)				 arch_recover_call4(SVC_ARG_(a), SVC_ARG_(b), 0, 0, rp, fn)
#define SVC_RC_3(rp, fn, a, b, c) \
	arch_recover_call4(SVC_ARG_(a), SVC_ARG_(b), SVC_ARG_(c), 0, rp, fn)
#define SVC_RC_4(rp, fn, a, b, c, d) \
	arch_recover_call4(SVC_ARG_(a), SVC_ARG_(b), SVC_ARG_(c), SVC_ARG_(d), rp, fn)
#define SVC_RC_5(rp, fn, a, b, c, d, e)                                                            \
	arch_recover_call(SVC_ARG_(a), SVC_ARG_(b), SVC_ARG_(c), SVC_ARG_(d), rp, fn, SVC_ARG_(e), \
			  0)
#define SVC_RC_6(rp, fn, a, b, c, d, e, f)                                                         \
	arch_recover_call(SVC_ARG_(a), SVC_ARG_(b), SVC_ARG_(c), SVC_ARG_(d), rp, fn, SVC_ARG_(e), \
			  SVC_ARG_(f))
#define svc_recover_(f, fn, ...) \
	SVC_XCAT_(SVC_RC_, SVC_NARGS_(__VA_ARGS__))(&(f)->rp, (recover_fn)(fn), ##__VA_ARGS__)

/* contain.c: the crossing when !svc_enter_fast (svc_enter_slow, then the
 * call as the fast path makes it): fn's value, or `fail`.  Out of line
 * with the arguments in an array, so that the fast path makes no call
 * before arch_recover_call and keeps them in the registers it passes them
 * on in. */
__attribute__((cold)) long svc_call_slow(struct vfs_sb *sb, enum svc_op op, long fail,
					 recover_fn fn, const uintptr_t args[6]);
#define SVC_ARGV_0()		     0
#define SVC_ARGV_1(a)		     SVC_ARG_(a)
#define SVC_ARGV_2(a, b)	     SVC_ARG_(a), SVC_ARG_(b)
#define SVC_ARGV_3(a, b, c)	     SVC_ARGV_2(a, b), SVC_ARG_(c)
#define SVC_ARGV_4(a, b, c, d)	     SVC_ARGV_3(a, b, c), SVC_ARG_(d)
#define SVC_ARGV_5(a, b, c, d, e)    SVC_ARGV_4(a, b, c, d), SVC_ARG_(e)
#define SVC_ARGV_6(a, b, c, d, e, f) SVC_ARGV_5(a, b, c, d, e), SVC_ARG_(f)
#define SVC_ARGV_(...) \
	((const uintptr_t[6]){SVC_XCAT_(SVC_ARGV_, SVC_NARGS_(__VA_ARGS__))(__VA_ARGS__)})

/* The call's value from its whole return register: a function returning
 * a byte (a bool) leaves the register's upper bits undefined, so only the
 * byte is read; wider values are narrowed by the cast to their type. */
#define svc_narrow_(size, v) ((size) == 1 ? (long)(uint8_t)(v) : (v))

#define SVC_CALL_OR(sb, op, ops, fail, fn, ...)                                                    \
	({                                                                                         \
		struct vfs_sb *svc_sb_ = (sb);                                                     \
		__typeof__((fn)(__VA_ARGS__)) svc_r_;                                              \
		if (!svc_contained(svc_sb_)) {                                                     \
			svc_r_ = (fn)(__VA_ARGS__);                                                \
		} else if (!svc_ops_pass(svc_sb_, (ops))) {                                        \
			svc_r_ = (fail);                                                           \
		} else if (unlikely(!svc_enter_fast(svc_sb_))) {                                   \
			svc_r_ = (__typeof__(svc_r_))svc_narrow_(                                  \
				sizeof(svc_r_),                                                    \
				svc_call_slow(svc_sb_, (op), (long)(fail), (recover_fn)(fn),       \
					      SVC_ARGV_(__VA_ARGS__)));                            \
		} else {                                                                           \
			struct svc_frame svc_f_;                                                   \
			long svc_v_;                                                               \
			svc_frame_push(&svc_f_, svc_sb_, (op), SVC_FAULT_NONE);                    \
			svc_v_ = svc_recover_(&svc_f_, fn, ##__VA_ARGS__);                         \
			svc_r_ =                                                                   \
				svc_leave(&svc_f_)                                                 \
					? (fail)                                                   \
					: (__typeof__(svc_r_))svc_narrow_(sizeof(svc_r_), svc_v_); \
		}                                                                                  \
		svc_r_;                                                                            \
	})
#define SVC_CALL_VOID(sb, op, ops, fn, ...)                                     \
	do {                                                                    \
		struct vfs_sb *svc_sb_ = (sb);                                  \
		if (!svc_contained(svc_sb_)) {                                  \
			(fn)(__VA_ARGS__);                                      \
		} else if (!svc_ops_pass(svc_sb_, (ops))) {                     \
		} else if (unlikely(!svc_enter_fast(svc_sb_))) {                \
			(void)svc_call_slow(svc_sb_, (op), 0, (recover_fn)(fn), \
					    SVC_ARGV_(__VA_ARGS__));            \
		} else {                                                        \
			struct svc_frame svc_f_;                                \
			svc_frame_push(&svc_f_, svc_sb_, (op), SVC_FAULT_NONE); \
			(void)svc_recover_(&svc_f_, fn, ##__VA_ARGS__);         \
			(void)svc_leave(&svc_f_);                               \
		}                                                               \
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
#define SVC_CALL_OR(sb, op, ops, fail, fn, ...) \
	({                                      \
		(void)(fail);                   \
		svc_direct_inject(sb, op);      \
		(fn)(__VA_ARGS__);              \
	})
#define SVC_CALL_VOID(sb, op, ops, fn, ...) \
	do {                                \
		svc_direct_inject(sb, op);  \
		(fn)(__VA_ARGS__);          \
	} while (0)
#endif
#define SVC_CALL(sb, op, ops, ...) SVC_CALL_OR(sb, op, ops, -EIO, __VA_ARGS__)

/* The service API's side (service_api.c), all no-ops without containment:
 * check at each call (a failed instance's thread unwinds, an injected
 * fault fires), the locks a call holds, and the memory charged to the
 * instance of the crossing in progress. */
#if CONFIG_RING2_CONTAIN
void svc_check_slow(struct svc_frame *f);
void svc_lock_taken_slow(struct svc_frame *f, struct svc_lock *l);
void svc_lock_dropped_slow(struct svc_frame *f, struct svc_lock *l);

/* The calling thread's innermost crossing, or NULL (outside any, or
 * before the first thread at boot). */
static inline struct svc_frame *svc_current_frame(void)
{
	struct thread *t = current_thread();

	return t ? t->svc_frame : NULL;
}

static inline void svc_check(void)
{
	struct svc_frame *f = svc_current_frame();

	if (f && unlikely(READ_ONCE(f->sb->failed) || (f->fault && f->nlocks)))
		svc_check_slow(f);
}

static inline void svc_lock_taken(struct svc_lock *l)
{
	struct svc_frame *f = svc_current_frame();

	if (!f)
		return;
	if (unlikely(f->nlocks == SVC_MAX_LOCKS || READ_ONCE(f->sb->failed)))
		svc_lock_taken_slow(f, l);
	else
		f->locks[f->nlocks++] = l;
}

/* svc_check's test first (the lock still held), then the record: locks
 * are mostly dropped newest first, the slow side searches. */
static inline void svc_lock_dropped(struct svc_lock *l)
{
	struct svc_frame *f = svc_current_frame();

	if (!f)
		return;
	if (unlikely(READ_ONCE(f->sb->failed) || (f->fault && f->nlocks)))
		svc_check_slow(f);
	if (!f->nlocks)
		return;
	if (likely(f->locks[f->nlocks - 1] == l))
		f->nlocks--;
	else
		svc_lock_dropped_slow(f, l);
}
void *svc_obj_alloc(size_t size);
void svc_obj_free(const void *p);
void svc_page_charge(void *page);
void svc_page_uncharge(void *page);
#else
static inline void svc_check(void)
{
}
static inline void svc_lock_taken(struct svc_lock *l)
{
	(void)l;
}
static inline void svc_lock_dropped(struct svc_lock *l)
{
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
#define svc_obj_alloc(size) kzalloc(size)
#define svc_obj_free(p)	    kfree(p)
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
