/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The socket system calls: socket, socketpair, bind, connect, listen,
 * accept, accept4, getsockname, getpeername, sendto, recvfrom, sendmsg,
 * recvmsg, sendmmsg, recvmmsg, shutdown, setsockopt, getsockopt.  Each
 * checks its arguments in Linux's order, copies addresses, vectors and
 * control data in, and hands kernel copies to the socket layer
 * (kernel/socket.h); families without a socket give EAFNOSUPPORT, as
 * Linux answers for a family it was built without.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <asm/socket.h>
#include <linux/uio.h>
#include <linux/time_types.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/socket.h>
#include "sys.h"

#define SOCK_MAX   11 /* SOCK_PACKET + 1 */
#define AF_MAX	   46 /* Linux 6.1 */
#define SOCK_FLAGS (O_CLOEXEC | O_NONBLOCK)
#define MAX_RW	   0x7ffff000ul
#define CTL_MAX	   (64u << 10) /* control data copied in (Linux: sysctl_optmem_max) */
#define OPT_MAX	   256u	       /* the largest option: struct tcp_info (232) */

/* The socket at fd, with the file's reference in *fp: -EBADF, -ENOTSOCK. */
static long sock_get(int fd, struct file **fp, struct socket **sp)
{
	struct file *f = get_file(fd);

	if (!f || (f->flags & O_PATH)) {
		file_put(f);
		return -EBADF;
	}
	*sp = socket_of(f);
	if (!*sp) {
		file_put(f);
		return -ENOTSOCK;
	}
	*fp = f;
	return 0;
}

/* A socket call's arguments, the socket at arg[0] held (with its file)
 * while the call runs. */
typedef long (*sock_call_fn)(struct file *f, struct socket *s, const struct syscall_args *a);

/* fn on the socket at arg[0]: -EBADF, -ENOTSOCK, or what fn returns. */
static long on_socket(const struct syscall_args *a, sock_call_fn fn)
{
	struct socket *s;
	struct file *f;
	long err = sock_get((int)a->arg[0], &f, &s);

	if (err)
		return err;
	err = fn(f, s, a);
	file_put(f);
	return err;
}

/* Linux's move_addr_to_kernel. */
static long addr_in(uint64_t uaddr, int len, void *addr)
{
	if (len < 0 || len > SOCK_ADDR_MAX)
		return -EINVAL;
	if (!len)
		return 0;
	return copy_from_user(addr, uptr(uaddr), (size_t)len) ? -EFAULT : 0;
}

/* Linux's move_addr_to_user: at most the room the caller gave, and the
 * full length back in *ulen. */
static long addr_out(const void *addr, int klen, uint64_t uaddr, uint64_t ulen)
{
	int len;

	if (get_user(len, (int __user *)uptr(ulen)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uptr(uaddr), addr, (size_t)len))
		return -EFAULT;
	return put_user(klen, (int __user *)uptr(ulen)) ? -EFAULT : 0;
}

/* Take back a descriptor this call installed. */
static void uninstall(int fd, struct file *f)
{
	struct file *cur = fdtable_get(fdt(), fd);

	if (cur == f)
		(void)fdtable_close(fdt(), fd);
	file_put(cur);
}

static long install(struct socket *s, unsigned flags, struct file **out)
{
	struct file *f = socket_file(s, flags);
	int fd;

	if (!f) {
		socket_discard(s);
		return -ENOMEM;
	}
	fd = fdt() ? fdtable_install(fdt(), f, 0, flags & O_CLOEXEC) : -EMFILE;
	if (out && fd >= 0)
		*out = f;
	else
		file_put(f);
	return fd;
}

long sys_socket(const struct syscall_args *a)
{
	int family = (int)a->arg[0], type = (int)a->arg[1], protocol = (int)a->arg[2];
	struct socket *s;
	long err;

	if (type & ~(SOCK_TYPE_MASK | SOCK_FLAGS))
		return -EINVAL;
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if ((type & SOCK_TYPE_MASK) >= SOCK_MAX)
		return -EINVAL;
	err = socket_create(family, type & SOCK_TYPE_MASK, protocol, &s);
	return err ? err : install(s, (unsigned)type, NULL);
}

long sys_socketpair(const struct syscall_args *a)
{
	int family = (int)a->arg[0], type = (int)a->arg[1], protocol = (int)a->arg[2];
	struct socket *s1, *s2;
	struct file *f1, *f2;
	int fds[2];
	long err;

	if (type & ~(SOCK_TYPE_MASK | SOCK_FLAGS))
		return -EINVAL;
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if ((type & SOCK_TYPE_MASK) >= SOCK_MAX)
		return -EINVAL;
	err = socket_create(family, type & SOCK_TYPE_MASK, protocol, &s1);
	if (err)
		return err;
	err = socket_create(family, type & SOCK_TYPE_MASK, protocol, &s2);
	if (err) {
		socket_discard(s1);
		return err;
	}
	err = sock_socketpair(s1, s2);
	if (err) {
		socket_discard(s1);
		socket_discard(s2);
		return err;
	}
	fds[0] = (int)install(s1, (unsigned)type, &f1);
	if (fds[0] < 0) {
		socket_discard(s2);
		return fds[0];
	}
	fds[1] = (int)install(s2, (unsigned)type, &f2);
	if (fds[1] < 0) {
		uninstall(fds[0], f1);
		file_put(f1);
		return fds[1];
	}
	err = 0;
	if (copy_to_user(uptr(a->arg[3]), fds, sizeof(fds))) {
		uninstall(fds[1], f2);
		uninstall(fds[0], f1);
		err = -EFAULT;
	}
	file_put(f1);
	file_put(f2);
	return err;
}

static long bind_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	uint8_t addr[SOCK_ADDR_MAX];
	long err = addr_in(a->arg[1], (int)a->arg[2], addr);

	return err ? err : sock_bind(s, addr, (int)a->arg[2]);
}

long sys_bind(const struct syscall_args *a)
{
	return on_socket(a, bind_on);
}

long sys_connect(const struct syscall_args *a)
{
	uint8_t addr[SOCK_ADDR_MAX];
	struct socket *s;
	struct file *f = get_file((int)a->arg[0]);
	long err;

	if (!f || (f->flags & O_PATH)) {
		file_put(f);
		return -EBADF;
	}
	err = addr_in(a->arg[1], (int)a->arg[2], addr);
	s = socket_of(f);
	if (!err && !s)
		err = -ENOTSOCK;
	if (!err)
		err = sock_connect(s, addr, (int)a->arg[2], f->flags & O_NONBLOCK);
	file_put(f);
	return err;
}

static long listen_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	return sock_listen(s, (int)a->arg[1]);
}

long sys_listen(const struct syscall_args *a)
{
	return on_socket(a, listen_on);
}

/* The fd is taken before the connection, as Linux does: with none free,
 * accept is EMFILE and the connection stays queued. */
static long do_accept(const struct syscall_args *a, unsigned flags)
{
	uint8_t addr[SOCK_ADDR_MAX];
	struct socket *s, *ns;
	struct file *f, *nf;
	long err;
	int fd;

	f = get_file((int)a->arg[0]);
	if (!f || (f->flags & O_PATH)) {
		file_put(f);
		return -EBADF;
	}
	/* Linux's order: EBADF, EINVAL, EMFILE, ENOTSOCK */
	err = (flags & ~SOCK_FLAGS) ? -EINVAL : fdtable_reserve(fdt());
	if (err < 0)
		goto out;
	fd = (int)err;
	s = socket_of(f);
	err = -ENOTSOCK;
	if (!s)
		goto unreserve;
	ns = socket_new_child(s);
	err = -ENOMEM;
	if (!ns)
		goto unreserve;
	err = sock_accept(s, ns, f->flags & O_NONBLOCK);
	if (err) {
		socket_discard(ns);
		goto unreserve;
	}
	nf = socket_file(ns, flags);
	err = -ENOMEM;
	if (!nf) {
		socket_discard(ns);
		goto unreserve;
	}
	err = 0;
	if (a->arg[1]) {
		int len = sock_getname(ns, addr, true);

		err = len < 0 ? len : addr_out(addr, len, a->arg[1], a->arg[2]);
	}
	if (!err) {
		fdtable_install_reserved(fdt(), fd, nf, flags & O_CLOEXEC);
		err = fd;
	}
	file_put(nf);
	if (err >= 0)
		goto out;
unreserve:
	fdtable_unreserve(fdt(), fd);
out:
	file_put(f);
	return err;
}

long sys_accept(const struct syscall_args *a)
{
	return do_accept(a, 0);
}

long sys_accept4(const struct syscall_args *a)
{
	return do_accept(a, (unsigned)a->arg[3]);
}

static long getname(struct socket *s, const struct syscall_args *a, bool peer)
{
	uint8_t addr[SOCK_ADDR_MAX];
	long len = sock_getname(s, addr, peer);

	return len < 0 ? len : addr_out(addr, (int)len, a->arg[1], a->arg[2]);
}

static long sockname_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	return getname(s, a, false);
}

static long peername_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	return getname(s, a, true);
}

long sys_getsockname(const struct syscall_args *a)
{
	return on_socket(a, sockname_on);
}

long sys_getpeername(const struct syscall_args *a)
{
	return on_socket(a, peername_on);
}

static long shutdown_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	return sock_shutdown(s, (int)a->arg[1]);
}

long sys_shutdown(const struct syscall_args *a)
{
	return on_socket(a, shutdown_on);
}

/* ---- send and receive ---- */

/* One message being moved: the kernel form and what backs it. */
struct kmsg {
	struct sock_msg m;
	struct iobuf fast[8];
	struct iobuf *iov;
	uint64_t uname, unamelen; /* recv: where the name goes (0: nowhere) */
	uint64_t ucontrol;
};

static void kmsg_free(struct kmsg *k)
{
	if (k->iov != k->fast)
		kfree(k->iov);
	kfree(k->m.control);
}

/* Import a user iovec array as iobufs: -EFAULT, -EINVAL, -EMSGSIZE. */
static long import_iov(struct kmsg *k, uint64_t uiov, uint64_t cnt)
{
	struct iovec v;
	size_t total = 0;

	if (cnt > UIO_MAXIOV)
		return -EMSGSIZE;
	k->iov = k->fast;
	if (cnt > 8) {
		k->iov = kmalloc(cnt * sizeof(*k->iov));
		if (!k->iov)
			return -ENOMEM;
	}
	for (uint64_t i = 0; i < cnt; i++) {
		if (copy_from_user(&v, uptr(uiov + i * sizeof(v)), sizeof(v)))
			return -EFAULT;
		if ((ssize_t)v.iov_len < 0)
			return -EINVAL;
		if (!access_ok(uptr((uintptr_t)v.iov_base), v.iov_len))
			return -EFAULT;
		v.iov_len = MIN(v.iov_len, MAX_RW - total);
		total += v.iov_len;
		k->iov[i] = (struct iobuf){
			.user = true, .ubuf = uptr((uintptr_t)v.iov_base), .len = v.iov_len};
	}
	k->m.iov = k->iov;
	k->m.iovcnt = cnt;
	k->m.len = total;
	return 0;
}

/* A user msghdr in: name, vector, control (send: copied; recv: room). */
static long import_msghdr(struct kmsg *k, uint64_t umsg, bool send, unsigned flags)
{
	struct user_msghdr h;
	long err;

	memset(k, 0, sizeof(*k));
	k->iov = k->fast;
	if (copy_from_user(&h, uptr(umsg), sizeof(h)))
		return -EFAULT;
	if (!h.msg_name)
		h.msg_namelen = 0;
	if (h.msg_namelen < 0)
		return -EINVAL;
	if (h.msg_namelen > SOCK_ADDR_MAX)
		h.msg_namelen = SOCK_ADDR_MAX;
	if (send) {
		err = addr_in(h.msg_name, h.msg_namelen, k->m.name);
		if (err)
			return err;
		k->m.namelen = h.msg_namelen;
	} else {
		k->uname = h.msg_name;
		k->unamelen = umsg + __builtin_offsetof(struct user_msghdr, msg_namelen);
		k->m.want_name = h.msg_name != 0;
		k->m.namelen = h.msg_namelen;
	}
	err = import_iov(k, h.msg_iov, h.msg_iovlen);
	if (err)
		return err;
	if (h.msg_controllen > 0x7fffffffu)
		return -ENOBUFS;
	k->ucontrol = h.msg_control;
	if (h.msg_controllen && h.msg_control) {
		size_t n = send ? h.msg_controllen : MIN(h.msg_controllen, (uint64_t)CTL_MAX);

		if (send && n > CTL_MAX)
			return -ENOBUFS;
		k->m.control = kmalloc(n);
		if (!k->m.control)
			return -ENOMEM;
		if (send && copy_from_user(k->m.control, uptr(h.msg_control), n))
			return -EFAULT;
		k->m.controllen = n;
	}
	k->m.flags = flags;
	return 0;
}

static long send_result(struct socket *s, long r, unsigned flags)
{
	return socket_sigpipe(s, r, flags);
}

static long do_sendmsg(struct file *f, struct socket *s, uint64_t umsg, unsigned flags)
{
	struct kmsg *k = kmalloc(sizeof(*k));
	long r;

	if (!k)
		return -ENOMEM;
	r = import_msghdr(k, umsg, true, flags);
	if (!r)
		r = send_result(s, sock_sendmsg(s, &k->m, f->flags & O_NONBLOCK), flags);
	kmsg_free(k);
	kfree(k);
	return r;
}

/* Copy a receive's results out: the name, msg_flags, msg_controllen. */
static long export_msghdr(struct kmsg *k, uint64_t umsg)
{
	struct user_msghdr __user *u = uptr(umsg);
	long err;

	if (k->uname) {
		err = addr_out(k->m.name, k->m.namelen, k->uname, k->unamelen);
		if (err)
			return err;
	}
	if (put_user(k->m.out_flags | (k->m.flags & MSG_CMSG_CLOEXEC), &u->msg_flags))
		return -EFAULT;
	if (k->m.control_used && copy_to_user(uptr(k->ucontrol), k->m.control, k->m.control_used))
		return -EFAULT;
	return put_user((uint64_t)k->m.control_used, &u->msg_controllen) ? -EFAULT : 0;
}

static long do_recvmsg(struct file *f, struct socket *s, uint64_t umsg, unsigned flags)
{
	struct kmsg *k = kmalloc(sizeof(*k));
	long r, e;

	if (!k)
		return -ENOMEM;
	r = import_msghdr(k, umsg, false, flags);
	if (!r)
		r = sock_recvmsg(s, &k->m, f->flags & O_NONBLOCK);
	if (r >= 0) {
		e = export_msghdr(k, umsg);
		if (e)
			r = e;
	}
	kmsg_free(k);
	kfree(k);
	return r;
}

static long sendmsg_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	return do_sendmsg(f, s, a->arg[1], (unsigned)a->arg[2]);
}

static long recvmsg_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	return do_recvmsg(f, s, a->arg[1], (unsigned)a->arg[2]);
}

long sys_sendmsg(const struct syscall_args *a)
{
	return on_socket(a, sendmsg_on);
}

long sys_recvmsg(const struct syscall_args *a)
{
	return on_socket(a, recvmsg_on);
}

/* sendto/recvfrom: the one buffer (arg 1, arg 2 bytes; flags arg 3) as a
 * message to `fn` on the socket at arg 0 (EFAULT before EBADF, as Linux). */
static long one_buffer(const struct syscall_args *a,
		       long (*fn)(struct file *, struct socket *, struct sock_msg *,
				  const struct syscall_args *))
{
	size_t len = MIN(a->arg[2], MAX_RW);
	struct iobuf b = {.user = true, .ubuf = uptr(a->arg[1]), .len = len};
	struct sock_msg *m;
	struct socket *s;
	struct file *f;
	long err;

	if (!access_ok(b.ubuf, len))
		return -EFAULT;
	err = sock_get((int)a->arg[0], &f, &s);
	if (err)
		return err;
	m = kzalloc(sizeof(*m));
	err = -ENOMEM;
	if (m) {
		m->iov = &b;
		m->iovcnt = 1;
		m->len = len;
		m->flags = (unsigned)a->arg[3];
		err = fn(f, s, m, a);
	}
	kfree(m);
	file_put(f);
	return err;
}

static long sendto_msg(struct file *f, struct socket *s, struct sock_msg *m,
		       const struct syscall_args *a)
{
	if (a->arg[4]) {
		long err = addr_in(a->arg[4], (int)a->arg[5], m->name);

		if (err)
			return err;
		m->namelen = (int)a->arg[5];
	}
	return send_result(s, sock_sendmsg(s, m, f->flags & O_NONBLOCK), (unsigned)a->arg[3]);
}

static long recvfrom_msg(struct file *f, struct socket *s, struct sock_msg *m,
			 const struct syscall_args *a)
{
	long err, e;

	m->want_name = a->arg[4] != 0;
	m->namelen = SOCK_ADDR_MAX;
	err = sock_recvmsg(s, m, f->flags & O_NONBLOCK);
	if (err >= 0 && a->arg[4]) {
		e = addr_out(m->name, m->namelen, a->arg[4], a->arg[5]);
		if (e)
			err = e;
	}
	return err;
}

long sys_sendto(const struct syscall_args *a)
{
	return one_buffer(a, sendto_msg);
}

long sys_recvfrom(const struct syscall_args *a)
{
	return one_buffer(a, recvfrom_msg);
}

/* One message of a sendmmsg/recvmmsg vector at `um` through `fn`, its
 * length stored in the entry's msg_len: 0 or -errno. */
static long mmsg_one(struct file *f, struct socket *s, uint64_t um, unsigned flags,
		     long (*fn)(struct file *, struct socket *, uint64_t, unsigned))
{
	long r = fn(f, s, um, flags);

	if (r < 0)
		return r;
	if (put_user((uint32_t)r, &((struct user_mmsghdr __user *)uptr(um))->msg_len))
		return -EFAULT;
	return 0;
}

long sys_sendmmsg(const struct syscall_args *a)
{
	uint64_t vec = a->arg[1];
	unsigned vlen = (unsigned)MIN(a->arg[2], (uint64_t)UIO_MAXIOV), flags = (unsigned)a->arg[3];
	struct socket *s;
	struct file *f;
	long err = sock_get((int)a->arg[0], &f, &s), n = 0;

	if (err)
		return err;
	for (; (unsigned)n < vlen; n++) {
		uint64_t um = vec + (uint64_t)n * sizeof(struct user_mmsghdr);

		err = mmsg_one(f, s, um, flags, do_sendmsg);
		if (err)
			break;
	}
	file_put(f);
	return n ? n : err;
}

long sys_recvmmsg(const struct syscall_args *a)
{
	uint64_t vec = a->arg[1], deadline = 0;
	unsigned vlen = (unsigned)MIN(a->arg[2], (uint64_t)UIO_MAXIOV), flags = (unsigned)a->arg[3];
	struct socket *s;
	struct file *f;
	long err, n = 0;

	if (a->arg[4]) {
		struct __kernel_timespec ts;

		if (copy_from_user(&ts, uptr(a->arg[4]), sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = time_ns() + (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	}
	err = sock_get((int)a->arg[0], &f, &s);
	if (err)
		return err;
	for (; (unsigned)n < vlen; n++) {
		uint64_t um = vec + (uint64_t)n * sizeof(struct user_mmsghdr);

		err = mmsg_one(f, s, um, flags, do_recvmsg);
		if (err)
			break;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (deadline && time_ns() >= deadline) {
			n++;
			break;
		}
	}
	file_put(f);
	return n ? n : err;
}

/* ---- options ---- */

static long setsockopt_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	int len = (int)a->arg[4];
	uint8_t val[OPT_MAX] = {0};
	unsigned n;

	if (len < 0)
		return -EINVAL;
	n = MIN((unsigned)len, OPT_MAX);
	if (n && copy_from_user(val, uptr(a->arg[3]), n)) /* IP options take a byte */
		return -EFAULT;
	return sock_setsockopt(s, (int)a->arg[1], (int)a->arg[2], val, n);
}

long sys_setsockopt(const struct syscall_args *a)
{
	return on_socket(a, setsockopt_on);
}

/* SO_PEERGROUPS: the peer's groups straight to the caller (up to
 * NGROUPS_MAX of them, past the option buffer); a buffer too small is
 * ERANGE with the size it needs in *optlen, as on Linux. */
static long peergroups_out(struct socket *s, uint32_t __user *val, int __user *optlen, int len)
{
	struct group_list *g;
	long err = sock_peergroups(s, &g);
	unsigned n;

	if (err)
		return err;
	n = groups_count(g);
	if ((unsigned)len < n * sizeof(uint32_t)) {
		err = put_user((int)(n * sizeof(uint32_t)), optlen) ? -EFAULT : -ERANGE;
		goto out;
	}
	for (unsigned i = 0; i < n; i++) {
		err = put_user(groups_nth(g, i), val + i) ? -EFAULT : 0;
		if (err)
			goto out;
	}
	err = put_user((int)(n * sizeof(uint32_t)), optlen) ? -EFAULT : 0;
out:
	groups_put(g);
	return err;
}

static long getsockopt_on(struct file *f, struct socket *s, const struct syscall_args *a)
{
	int level = (int)a->arg[1], name = (int)a->arg[2], len;
	uint8_t val[OPT_MAX];
	unsigned n;
	long err;

	if (get_user(len, (int __user *)uptr(a->arg[4])))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (level == SOL_SOCKET && name == SO_PEERGROUPS)
		return peergroups_out(s, uptr(a->arg[3]), uptr(a->arg[4]), len);
	n = MIN((unsigned)len, OPT_MAX);
	err = sock_getsockopt(s, level, name, val, &n);
	if (err)
		return err;
	if (n && copy_to_user(uptr(a->arg[3]), val, n))
		return -EFAULT;
	return put_user((int)n, (int __user *)uptr(a->arg[4])) ? -EFAULT : 0;
}

long sys_getsockopt(const struct syscall_args *a)
{
	return on_socket(a, getsockopt_on);
}
