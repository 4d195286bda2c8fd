/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * mq_open, mq_unlink, mq_timedsend, mq_timedreceive, mq_notify,
 * mq_getsetattr (kernel/ipc/mqueue.c holds the queues).  Arguments are
 * checked in Linux's order: the attributes and the name (EFAULT, ENOENT
 * for "", ENAMETOOLONG, EACCES for '/', "." and ".."), a priority and a
 * timeout before the descriptor, which must be a queue (EBADF).
 * mq_notify's SIGEV_THREAD names a netlink socket in sigev_signo and a
 * cookie in sigev_value: the cookie is copied and charged to the socket
 * before the queue is looked at, as Linux's do_mq_notify.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/limits.h>
#include <linux/mqueue.h>
#include <linux/signal.h>
#include <linux/time_types.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/mqueue.h>
#include <kernel/netlink.h>
#include "sys.h"

/* The queue's name from user memory: 0 or -errno, as Linux's getname
 * and lookup_one_len. */
static long get_name(uint64_t uname, char *buf)
{
	char *path = kmalloc(PATH_MAX);
	long len;

	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, uptr(uname), PATH_MAX);
	if (len == 0)
		len = -ENOENT;
	else if (len > 0 && (strchr(path, '/') || !strcmp(path, ".") || !strcmp(path, "..")))
		len = -EACCES;
	else if (len > NAME_MAX)
		len = -ENAMETOOLONG;
	if (len > 0)
		memcpy(buf, path, (size_t)len + 1);
	kfree(path);
	return len < 0 ? len : 0;
}

/* An absolute CLOCK_REALTIME timeout as a time_ns() deadline: 0 none,
 * -1 already past; -EFAULT, -EINVAL in *err. */
static int64_t get_deadline(uint64_t uts, long *err)
{
	struct __kernel_timespec ts;
	int64_t abs;

	*err = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uptr(uts), sizeof(ts))) {
		*err = -EFAULT;
		return 0;
	}
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) {
		*err = -EINVAL;
		return 0;
	}
	if (ts.tv_sec >= INT64_MAX / 1000000000 - 1)
		return 0; /* centuries away: no deadline */
	/* on the monotonic clock */
	abs = ts.tv_sec * 1000000000 + ts.tv_nsec - clock_realtime_offset_ns();
	if (abs <= (int64_t)time_ns())
		return -1;
	return abs;
}

/* The queue at `fd` with a reference, or NULL: -EBADF. */
static struct file *get_queue(int fd)
{
	struct file *f = get_file(fd);

	if (f && !mq_is(f)) {
		file_put(f);
		return NULL;
	}
	return f;
}

long sys_mq_open(const struct syscall_args *a)
{
	char name[NAME_MAX + 1];
	unsigned oflag = (unsigned)a->arg[1];
	struct mq_attr attr;
	struct file *f;
	long err;
	int fd;

	if (a->arg[3] && copy_from_user(&attr, uptr(a->arg[3]), sizeof(attr)))
		return -EFAULT;
	err = get_name(a->arg[0], name);
	if (err)
		return err;
	/* the fd first, as Linux: EMFILE creates no queue */
	fd = fdt() ? fdtable_reserve(fdt()) : -EMFILE;
	if (fd < 0)
		return fd;
	err = mq_open_name(name, oflag, (uint32_t)a->arg[2], a->arg[3] ? &attr : NULL, &f);
	if (err) {
		fdtable_unreserve(fdt(), fd);
		return err;
	}
	fdtable_install_reserved(fdt(), fd, f, true); /* always close-on-exec, as Linux */
	file_put(f);
	return fd;
}

long sys_mq_unlink(const struct syscall_args *a)
{
	char name[NAME_MAX + 1];
	long err = get_name(a->arg[0], name);

	return err ? err : mq_unlink_name(name);
}

long sys_mq_timedsend(const struct syscall_args *a)
{
	struct file *f;
	int64_t deadline;
	long err;

	if (a->arg[3] >= MQ_PRIO_MAX)
		return -EINVAL;
	deadline = get_deadline(a->arg[4], &err);
	if (err)
		return err;
	f = get_queue((int)a->arg[0]);
	if (!f)
		return -EBADF;
	err = mq_send(f, uptr(a->arg[1]), a->arg[2], (unsigned)a->arg[3], deadline);
	file_put(f);
	return err;
}

long sys_mq_timedreceive(const struct syscall_args *a)
{
	struct file *f;
	int64_t deadline;
	long err;

	deadline = get_deadline(a->arg[4], &err);
	if (err)
		return err;
	f = get_queue((int)a->arg[0]);
	if (!f)
		return -EBADF;
	err = mq_receive(f, uptr(a->arg[1]), a->arg[2], uptr(a->arg[3]), deadline);
	file_put(f);
	return err;
}

/* struct sigevent's head: value, signo, notify (the rest is padding) */
struct user_sigevent {
	uint64_t value;
	int signo, notify;
	char pad[48];
};

#define NOTIFY_COOKIE_LEN 32

/* SIGEV_THREAD's socket (sigev_signo) and its cookie (NOTIFY_COOKIE_LEN
 * bytes at sigev_value) attached to it, into req: 0, -EFAULT, -ENOMEM,
 * -EBADF, -ENOTSOCK, -EINVAL (not netlink), -ERESTARTSYS. */
static long thread_note(const struct user_sigevent *ev, struct mq_notify_req *req)
{
	struct nl_skb *cookie = nl_skb_alloc(NOTIFY_COOKIE_LEN);
	struct file *sock;
	long err;

	if (!cookie)
		return -ENOMEM;
	if (copy_from_user(cookie->data, uptr(ev->value), NOTIFY_COOKIE_LEN)) {
		nl_skb_free(cookie);
		return -EFAULT;
	}
	sock = get_file(ev->signo);
	err = sock ? netlink_sock_get(sock, &req->sock) : -EBADF;
	file_put(sock);
	if (err) {
		nl_skb_free(cookie);
		return err;
	}
	err = netlink_attach(req->sock, cookie);
	if (err) {
		netlink_sock_put(req->sock);
		return err;
	}
	req->cookie = cookie;
	return 0;
}

long sys_mq_notify(const struct syscall_args *a)
{
	struct mq_notify_req req = {0}, *r = NULL;
	struct user_sigevent ev;
	struct file *f;
	long err;

	if (a->arg[1]) {
		if (copy_from_user(&ev, uptr(a->arg[1]), sizeof(ev)))
			return -EFAULT;
		if (ev.notify != SIGEV_NONE && ev.notify != SIGEV_SIGNAL &&
		    ev.notify != SIGEV_THREAD)
			return -EINVAL;
		if (ev.notify == SIGEV_SIGNAL && (ev.signo < 0 || ev.signo > 64))
			return -EINVAL;
		if (ev.notify == SIGEV_THREAD) {
			err = thread_note(&ev, &req);
			if (err)
				return err;
		}
		req.how = ev.notify;
		req.signo = ev.signo;
		req.value = ev.value;
		r = &req;
	}
	f = get_queue((int)a->arg[0]);
	err = f ? mq_set_notify(f, r) : -EBADF;
	file_put(f);
	if (req.sock) { /* not taken: give the cookie back */
		netlink_detach(req.sock, req.cookie);
		netlink_sock_put(req.sock);
	}
	return err;
}

long sys_mq_getsetattr(const struct syscall_args *a)
{
	struct mq_attr nattr, oattr;
	struct file *f;

	if (a->arg[1]) {
		if (copy_from_user(&nattr, uptr(a->arg[1]), sizeof(nattr)))
			return -EFAULT;
		if (nattr.mq_flags & ~(long)O_NONBLOCK)
			return -EINVAL;
	}
	f = get_queue((int)a->arg[0]);
	if (!f)
		return -EBADF;
	mq_get_attr(f, &oattr);
	if (a->arg[1]) {
		mutex_lock(&f->pos_lock);
		f->flags = (f->flags & ~(unsigned)O_NONBLOCK) |
			   (unsigned)(nattr.mq_flags & O_NONBLOCK);
		mutex_unlock(&f->pos_lock);
	}
	file_put(f);
	if (a->arg[2] && copy_to_user(uptr(a->arg[2]), &oattr, sizeof(oattr)))
		return -EFAULT;
	return 0;
}
