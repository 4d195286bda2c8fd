/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Crossings from ring 1 into a ring-2 service (docs/architecture.md,
 * "Containment").  Every call through a service's ops tables (inode ops,
 * instance ops, its fs_type's mount) is written as
 *
 *	ret = SVC_CALL(sb, SVC_OP_READ, i->ops.file->read(i, off, b, flags));
 *
 * inside a dispatch wrapper (kernel/fs/dispatch*.c, the only files allowed
 * to call through those tables: make check).  `sb` is the instance the call
 * is on; the op names it for fault injection (inject=SERVICE:OP...).
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

/* "read", "write", ... as inject= names them (contain.c). */
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
	SVC_FAULT_COUNT
};

/* inject.c: called once per crossing on a service instance (the call
 * counts toward NTH): the fault to raise inside this call, or
 * SVC_FAULT_NONE.  Matches the armed injections (inject= on the command
 * line, /proc/sys/kevlar/inject) by the instance's fs_type name and op. */
enum svc_fault svc_inject_take(const struct vfs_sb *sb, enum svc_op op);

/* A call on `sb` enters ring 2 (a service's instance, not a ring-1 kind). */
static inline bool svc_contained(const struct vfs_sb *sb)
{
	return sb && sb->service;
}

/* Until containment lands (contain.c), the crossings are direct calls. */
#define SVC_CALL_OR(sb, op, fail, expr) \
	({                              \
		(void)(sb);             \
		(void)(op);             \
		(void)(fail);           \
		(expr);                 \
	})
#define SVC_CALL(sb, op, expr) SVC_CALL_OR(sb, op, -EIO, expr)
#define SVC_CALL_VOID(sb, op, expr) \
	do {                        \
		(void)(sb);         \
		(void)(op);         \
		(expr);             \
	} while (0)
