/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * POSIX message queues (kernel/ipc/mqueue.c): named queues of prioritised
 * messages, opened as files; the mqueue filesystem (mount -t mqueue)
 * lists them.  The system calls are in kernel/syscalls/mqueue.c.
 */
#pragma once

#include <klib/types.h>

/* /proc/sys/fs/mqueue: Linux's defaults and ranges (atomic). */
extern int mq_msg_default, mq_msg_max, mq_msgsize_default, mq_msgsize_max, mq_queues_max;

/* The mqueue filesystem (mount -t mqueue), registered by vfs_init(). */
struct fs_type;
extern const struct fs_type mqueue_fs_type;

struct file;
struct mq_attr;
struct netlink_sock;
struct nl_skb;

/* A registration of mq_notify, checked by the caller: SIGEV_SIGNAL,
 * SIGEV_NONE or SIGEV_THREAD, the signal and its si_value; for
 * SIGEV_THREAD the netlink socket (a reference) and the cookie message
 * already attached to it (kernel/netlink.h), which the queue takes over
 * when the registration succeeds (then both are NULLed here). */
struct mq_notify_req {
	int how, signo;
	uint64_t value;
	struct netlink_sock *sock;
	struct nl_skb *cookie;
};

/* Is `f` an open message queue? */
bool mq_is(const struct file *f);
/* The /proc/<pid>/fd link of a queue's file `f`, as Linux names a file of
 * its internal mqueue mount: "/name", and " (deleted)" once unlinked.
 * Into buf (at most `size` bytes, no NUL): its full length. */
int mq_link_name(const struct file *f, char *buf, size_t size);
/* mq_open of `name` (checked: 1..NAME_MAX bytes, no '/'); `attr` (NULL:
 * the defaults) is used when O_CREAT makes the queue.  0 with the open
 * file in *out; -EINVAL (O_ACCMODE, attributes), -EEXIST, -ENOENT,
 * -EACCES, -ENOSPC (queues_max), -EMFILE (RLIMIT_MSGQUEUE), -ENOMEM. */
int mq_open_name(const char *name, unsigned oflag, uint32_t mode, const struct mq_attr *attr,
		 struct file **out);
/* Remove `name` (open descriptors keep the queue): 0 or -ENOENT. */
int mq_unlink_name(const char *name);
/* Send or receive one message; `deadline` in time_ns() (0: none, -1:
 * past).  -EBADF (access mode), -EMSGSIZE, -EAGAIN (O_NONBLOCK),
 * -ETIMEDOUT, -ERESTARTSYS, -EFAULT.  May sleep. */
long mq_send(struct file *f, const void __user *buf, size_t len, unsigned prio, int64_t deadline);
long mq_receive(struct file *f, void __user *buf, size_t len, unsigned __user *prio,
		int64_t deadline);
/* Register (req) or drop (NULL, the caller's own) the notification:
 * 0 or -EBUSY.  A SIGEV_THREAD request's socket and cookie are taken
 * over on success (NULLed in *req); the caller gives them back otherwise. */
long mq_set_notify(struct file *f, struct mq_notify_req *req);
/* A descriptor of queue `f` is being closed: as Linux, the caller's own
 * notification registration goes. */
void mq_flush(struct file *f);
/* The queue's attributes as mq_getsetattr reports them. */
void mq_get_attr(struct file *f, struct mq_attr *a);
