/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The uid and gid getters and setters with Linux's rules (kernel/sys.c):
 * a thread holding CAP_SETUID (CAP_SETGID) may set any id; any other may
 * only move among its real, effective and saved ids (setreuid's real id:
 * among the real and effective), else -EPERM.  -1 leaves an id unchanged
 * (setuid(-1) is -EINVAL).  The fs id follows the effective one.  The
 * capability sets follow uid changes (kernel/cred.h).  Each setter
 * changes the calling thread's credential only, as Linux's system calls
 * do (the libc wrappers apply it to every thread).  getgroups and
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

/* The ids a setter works on: the uid quartet or the gid quartet of a
 * credential being prepared. */
struct idset {
	uint32_t *r, *e, *s, *fs;
	int cap; /* CAP_SETUID or CAP_SETGID */
};

static struct idset uids(struct cred *c)
{
	return (struct idset){&c->uid, &c->euid, &c->suid, &c->fsuid, CAP_SETUID};
}

static struct idset gids(struct cred *c)
{
	return (struct idset){&c->gid, &c->egid, &c->sgid, &c->fsgid, CAP_SETGID};
}

/* Whether an unprivileged process may take `id`: one of its own. */
static bool own_id(const struct idset *ids, uint32_t id)
{
	return id == *ids->r || id == *ids->e || id == *ids->s;
}

static long do_setid(struct idset ids, uint32_t id)
{
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

/* Install a setter's prepared credential `new` (or drop it on an error):
 * for uids through the capability fixups and the RLIMIT_NPROC check. */
static long id_done(long err, struct cred *new, bool uid)
{
	uint32_t old_uid = current_cred()->uid;

	if (err) {
		cred_abort(new);
		return err;
	}
	if (uid)
		cred_fix_setuid(current_cred(), new);
	cred_install(new);
	if (uid)
		rlimit_nproc_setuid(current_process(), old_uid);
	return 0;
}

/* setuid(id) / setgid(id) */
static long setid(uint32_t id, bool uid)
{
	struct cred *new;

	if (id == UNSET)
		return -EINVAL;
	new = cred_prepare();
	if (!new)
		return -ENOMEM;
	return id_done(do_setid(uid ? uids(new) : gids(new), id), new, uid);
}

long sys_setuid(const struct syscall_args *a)
{
	return setid((uint32_t)a->arg[0], true);
}

long sys_setgid(const struct syscall_args *a)
{
	return setid((uint32_t)a->arg[0], false);
}

long sys_setreuid(const struct syscall_args *a)
{
	struct cred *new = cred_prepare();

	if (!new)
		return -ENOMEM;
	return id_done(do_setreid(uids(new), (uint32_t)a->arg[0], (uint32_t)a->arg[1]), new, true);
}

long sys_setregid(const struct syscall_args *a)
{
	struct cred *new = cred_prepare();

	if (!new)
		return -ENOMEM;
	return id_done(do_setreid(gids(new), (uint32_t)a->arg[0], (uint32_t)a->arg[1]), new, false);
}

long sys_setresuid(const struct syscall_args *a)
{
	struct cred *new;
	const struct cred *c = current_cred();
	uint32_t r = (uint32_t)a->arg[0], e = (uint32_t)a->arg[1], s = (uint32_t)a->arg[2];

	/* nothing changes: nothing to check or install */
	if ((r == UNSET || r == c->uid) && (e == UNSET || e == c->euid) &&
	    (s == UNSET || s == c->suid))
		return 0;
	new = cred_prepare();
	if (!new)
		return -ENOMEM;
	return id_done(do_setresid(uids(new), r, e, s), new, true);
}

long sys_setresgid(const struct syscall_args *a)
{
	struct cred *new;
	const struct cred *c = current_cred();
	uint32_t r = (uint32_t)a->arg[0], e = (uint32_t)a->arg[1], s = (uint32_t)a->arg[2];

	if ((r == UNSET || r == c->gid) && (e == UNSET || e == c->egid) &&
	    (s == UNSET || s == c->sgid))
		return 0;
	new = cred_prepare();
	if (!new)
		return -ENOMEM;
	return id_done(do_setresid(gids(new), r, e, s), new, false);
}

/* setfsuid(id)/setfsgid(id): the old fs id, whether or not the change
 * was allowed (one of the real, effective, saved or current fs ids, or
 * the capability); -1 only queries.  Out of memory: nothing changes. */
static long do_setfsid(uint32_t id, bool uid)
{
	const struct cred *c = current_cred();
	struct cred *new = cred_prepare();
	struct idset ids;
	uint32_t old;

	if (!new)
		return uid ? c->fsuid : c->fsgid;
	ids = uid ? uids(new) : gids(new);
	old = *ids.fs;
	if (id == UNSET || id == old || (!own_id(&ids, id) && !capable(ids.cap))) {
		cred_abort(new);
		return old;
	}
	*ids.fs = id;
	if (uid)
		cred_fix_setfsuid(c, new);
	cred_install(new);
	return old;
}

long sys_setfsuid(const struct syscall_args *a)
{
	return do_setfsid((uint32_t)a->arg[0], true);
}

long sys_setfsgid(const struct syscall_args *a)
{
	return do_setfsid((uint32_t)a->arg[0], false);
}

long sys_getuid(const struct syscall_args *a)
{
	return current_cred()->uid;
}

long sys_geteuid(const struct syscall_args *a)
{
	return current_cred()->euid;
}

long sys_getgid(const struct syscall_args *a)
{
	return current_cred()->gid;
}

long sys_getegid(const struct syscall_args *a)
{
	return current_cred()->egid;
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
	const struct cred *c = current_cred();

	return put_three(a, c->uid, c->euid, c->suid);
}

long sys_getresgid(const struct syscall_args *a)
{
	const struct cred *c = current_cred();

	return put_three(a, c->gid, c->egid, c->sgid);
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
