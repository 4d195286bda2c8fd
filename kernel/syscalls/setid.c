/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The uid and gid getters and setters with Linux's rules (kernel/sys.c):
 * a process holding CAP_SETUID (CAP_SETGID) may set any id; any other may
 * only move among its real, effective and saved ids (setreuid's real id:
 * among the real and effective), else -EPERM.  -1 leaves an id unchanged
 * (setuid(-1) is -EINVAL).  The fs id follows the effective one.  The
 * capability sets follow uid changes (kernel/cred.h).  getgroups and
 * setgroups are kernel/process/groups.c's.
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>

#define UNSET ((uint32_t)-1)

/* The ids a setter works on: the uid quartet or the gid quartet. */
struct idset {
	uint32_t *r, *e, *s, *fs;
	int cap; /* CAP_SETUID or CAP_SETGID */
};

static struct idset uids(struct process *p)
{
	return (struct idset){&p->uid, &p->euid, &p->suid, &p->fsuid, CAP_SETUID};
}

static struct idset gids(struct process *p)
{
	return (struct idset){&p->gid, &p->egid, &p->sgid, &p->fsgid, CAP_SETGID};
}

/* Whether an unprivileged process may take `id`: one of its own. */
static bool own_id(const struct idset *ids, uint32_t id)
{
	return id == *ids->r || id == *ids->e || id == *ids->s;
}

static long do_setid(struct idset ids, uint32_t id)
{
	if (id == UNSET)
		return -EINVAL;
	if (capable(ids.cap))
		*ids.r = *ids.s = id;
	else if (id != *ids.r && id != *ids.s)
		return -EPERM;
	*ids.e = *ids.fs = id;
	return 0;
}

static long do_setreid(struct idset ids, uint32_t r, uint32_t e)
{
	bool priv = capable(ids.cap);
	uint32_t old_r = *ids.r;

	if (r != UNSET && r != *ids.r && r != *ids.e && !priv)
		return -EPERM;
	if (e != UNSET && !own_id(&ids, e) && !priv)
		return -EPERM;
	if (r != UNSET)
		*ids.r = r;
	if (e != UNSET)
		*ids.e = e;
	/* the saved id follows the effective one when the real id is set
	 * or the effective one moves away from the old real id */
	if (r != UNSET || (e != UNSET && e != old_r))
		*ids.s = *ids.e;
	*ids.fs = *ids.e;
	return 0;
}

static long do_setresid(struct idset ids, uint32_t r, uint32_t e, uint32_t s)
{
	if (!capable(ids.cap) &&
	    ((r != UNSET && !own_id(&ids, r)) || (e != UNSET && !own_id(&ids, e)) ||
	     (s != UNSET && !own_id(&ids, s))))
		return -EPERM;
	if (r != UNSET)
		*ids.r = r;
	if (e != UNSET)
		*ids.e = e;
	if (s != UNSET)
		*ids.s = s;
	*ids.fs = *ids.e;
	return 0;
}

/* Run a uid setter's result through the capability fixups and commit. */
static long uid_done(long err, const struct cred_saved *o)
{
	if (!err) {
		cred_fix_setuid(o);
		cred_commit(o);
		rlimit_nproc_setuid(current_process(), o->uid);
	}
	return err;
}

static long gid_done(long err, const struct cred_saved *o)
{
	if (!err)
		cred_commit(o);
	return err;
}

long sys_setuid(const struct syscall_args *a)
{
	struct cred_saved o;

	cred_save(&o);
	return uid_done(do_setid(uids(current_process()), (uint32_t)a->arg[0]), &o);
}

long sys_setgid(const struct syscall_args *a)
{
	struct cred_saved o;

	cred_save(&o);
	return gid_done(do_setid(gids(current_process()), (uint32_t)a->arg[0]), &o);
}

long sys_setreuid(const struct syscall_args *a)
{
	struct cred_saved o;

	cred_save(&o);
	return uid_done(
		do_setreid(uids(current_process()), (uint32_t)a->arg[0], (uint32_t)a->arg[1]), &o);
}

long sys_setregid(const struct syscall_args *a)
{
	struct cred_saved o;

	cred_save(&o);
	return gid_done(
		do_setreid(gids(current_process()), (uint32_t)a->arg[0], (uint32_t)a->arg[1]), &o);
}

long sys_setresuid(const struct syscall_args *a)
{
	struct process *p = current_process();
	uint32_t r = (uint32_t)a->arg[0], e = (uint32_t)a->arg[1], s = (uint32_t)a->arg[2];
	struct cred_saved o;

	/* nothing changes: nothing to check or commit */
	if ((r == UNSET || r == p->uid) && (e == UNSET || e == p->euid) &&
	    (s == UNSET || s == p->suid))
		return 0;
	cred_save(&o);
	return uid_done(do_setresid(uids(p), r, e, s), &o);
}

long sys_setresgid(const struct syscall_args *a)
{
	struct process *p = current_process();
	uint32_t r = (uint32_t)a->arg[0], e = (uint32_t)a->arg[1], s = (uint32_t)a->arg[2];
	struct cred_saved o;

	if ((r == UNSET || r == p->gid) && (e == UNSET || e == p->egid) &&
	    (s == UNSET || s == p->sgid))
		return 0;
	cred_save(&o);
	return gid_done(do_setresid(gids(p), r, e, s), &o);
}

/* setfsuid(id)/setfsgid(id): the old fs id, whether or not the change
 * was allowed (one of the real, effective, saved or current fs ids, or
 * the capability); -1 only queries. */
static long do_setfsid(struct idset ids, uint32_t id, bool uid)
{
	uint32_t old = *ids.fs;
	struct cred_saved o;

	if (id == UNSET || id == old || (!own_id(&ids, id) && !capable(ids.cap)))
		return old;
	cred_save(&o);
	*ids.fs = id;
	if (uid)
		cred_fix_setfsuid(&o);
	cred_commit(&o);
	return old;
}

long sys_setfsuid(const struct syscall_args *a)
{
	return do_setfsid(uids(current_process()), (uint32_t)a->arg[0], true);
}

long sys_setfsgid(const struct syscall_args *a)
{
	return do_setfsid(gids(current_process()), (uint32_t)a->arg[0], false);
}

long sys_getuid(const struct syscall_args *a)
{
	return current_process()->uid;
}

long sys_geteuid(const struct syscall_args *a)
{
	return current_process()->euid;
}

long sys_getgid(const struct syscall_args *a)
{
	return current_process()->gid;
}

long sys_getegid(const struct syscall_args *a)
{
	return current_process()->egid;
}

static long put_three(const struct syscall_args *a, uint32_t r, uint32_t e, uint32_t s)
{
	if (put_user(r, (uint32_t __user *)uptr(a->arg[0])) ||
	    put_user(e, (uint32_t __user *)uptr(a->arg[1])) ||
	    put_user(s, (uint32_t __user *)uptr(a->arg[2])))
		return -EFAULT;
	return 0;
}

long sys_getresuid(const struct syscall_args *a)
{
	struct process *p = current_process();

	return put_three(a, p->uid, p->euid, p->suid);
}

long sys_getresgid(const struct syscall_args *a)
{
	struct process *p = current_process();

	return put_three(a, p->gid, p->egid, p->sgid);
}

/* getgroups(size, list) / setgroups(size, list): kernel/process/groups.c */
long sys_getgroups(const struct syscall_args *a)
{
	return groups_read((uint32_t __user *)uptr(a->arg[1]), (int)a->arg[0]);
}

long sys_setgroups(const struct syscall_args *a)
{
	return groups_write((const uint32_t __user *)uptr(a->arg[1]), (int)a->arg[0]);
}
