/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * AF_PACKET's socket options (packet_int.h): SO_ATTACH_FILTER,
 * SO_DETACH_FILTER and SO_LOCK_FILTER (classic BPF, checked by
 * bpf_classic.c before it is attached), PACKET_ADD/DROP_MEMBERSHIP
 * (counted: every frame already reaches the sockets), PACKET_AUXDATA,
 * PACKET_ORIGDEV and PACKET_STATISTICS.  A filter is swapped under
 * packet_lock, so delivery (which runs it under that lock) never sees
 * one freed.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <asm/socket.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <kernel/bpf_classic.h>
#include <kernel/netdev.h>
#include <kernel/packet.h>
#include <kernel/socket.h>
#include "packet_int.h"

_Static_assert(sizeof(struct packet_mreq) == 16, "packet_mreq");

/* struct sock_fprog as a 64-bit process passes it. */
struct fprog_k {
	uint16_t len;
	uint16_t pad[3];
	uint64_t filter;
};

static int attach_filter(struct packet_sock *p, const void *val, unsigned len)
{
	struct packet_filter *flt, *old;
	struct fprog_k fp;
	uint16_t *work;
	irqflags_t f;
	int err;

	if (len != sizeof(fp))
		return -EINVAL;
	memcpy(&fp, val, sizeof(fp));
	if (READ_ONCE(p->filter_locked)) /* Linux: before the program is looked at */
		return -EPERM;
	if (!fp.filter || !fp.len || fp.len > BPF_MAXINSNS)
		return -EINVAL;
	flt = kmalloc(offsetof(struct packet_filter, insns) + fp.len * sizeof(struct sock_filter));
	work = kmalloc(fp.len * sizeof(*work));
	err = -ENOMEM;
	if (!flt || !work)
		goto err_free;
	flt->len = fp.len;
	err = -EFAULT;
	if (copy_from_user(flt->insns, uptr(fp.filter), fp.len * sizeof(struct sock_filter)))
		goto err_free;
	err = bpf_classic_check(flt->insns, flt->len, work);
	if (err)
		goto err_free;
	kfree(work);
	f = spin_lock_irqsave(&packet_lock);
	if (p->filter_locked) {
		spin_unlock_irqrestore(&packet_lock, f);
		kfree(flt);
		return -EPERM;
	}
	old = p->filter;
	p->filter = flt;
	spin_unlock_irqrestore(&packet_lock, f);
	kfree(old);
	return 0;
err_free:
	kfree(work);
	kfree(flt);
	return err;
}

static int detach_filter(struct packet_sock *p)
{
	struct packet_filter *old = NULL;
	irqflags_t f = spin_lock_irqsave(&packet_lock);
	int err = 0;

	if (p->filter_locked)
		err = -EPERM;
	else if (!p->filter)
		err = -ENOENT;
	else
		old = p->filter;
	if (old)
		p->filter = NULL;
	spin_unlock_irqrestore(&packet_lock, f);
	kfree(old);
	return err;
}

/* Add (a second add of the same counts) or drop a membership: 0 or
 * -ENOMEM (dropping one there is not is no error, as on Linux). */
static int membership(struct packet_sock *p, const struct packet_mreq *mr, bool add)
{
	struct packet_mc *fresh = add ? kzalloc(sizeof(*fresh)) : NULL, **pp, *gone = NULL;
	irqflags_t f;

	if (add && !fresh)
		return -ENOMEM;
	f = spin_lock_irqsave(&packet_lock);
	for (pp = &p->mc; *pp; pp = &(*pp)->next) {
		struct packet_mc *m = *pp;

		if (m->ifindex == mr->mr_ifindex && m->type == mr->mr_type &&
		    m->alen == mr->mr_alen && !memcmp(m->addr, mr->mr_address, m->alen))
			break;
	}
	if (add && *pp) {
		(*pp)->count++;
	} else if (add) {
		fresh->ifindex = mr->mr_ifindex;
		fresh->type = mr->mr_type;
		fresh->alen = mr->mr_alen;
		memcpy(fresh->addr, mr->mr_address, mr->mr_alen);
		fresh->count = 1;
		fresh->next = p->mc;
		p->mc = fresh;
		fresh = NULL;
	} else if (*pp && !--(*pp)->count) {
		gone = *pp;
		*pp = gone->next;
	}
	spin_unlock_irqrestore(&packet_lock, f);
	kfree(fresh);
	kfree(gone);
	return 0;
}

int packet_setsockopt(struct socket *s, int level, int name, const void *val, unsigned len)
{
	struct packet_sock *p = pk(s);
	int v = 0;

	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_ATTACH_FILTER:
			return attach_filter(p, val, len);
		case SO_DETACH_FILTER:
			return detach_filter(p);
		case SO_LOCK_FILTER: {
			irqflags_t f;
			int err = 0;

			memcpy(&v, val, sizeof(v)); /* the layer checked len >= sizeof(int) */
			f = spin_lock_irqsave(&packet_lock);
			if (p->filter_locked && !v)
				err = -EPERM;
			else
				p->filter_locked = v != 0;
			spin_unlock_irqrestore(&packet_lock, f);
			return err;
		}
		}
		return -ENOPROTOOPT;
	}
	if (level != SOL_PACKET)
		return -ENOPROTOOPT;
	switch (name) {
	case PACKET_ADD_MEMBERSHIP:
	case PACKET_DROP_MEMBERSHIP: {
		struct packet_mreq mr;
		struct net_device *dev;

		if (len < sizeof(mr))
			return -EINVAL;
		memcpy(&mr, val, sizeof(mr));
		if (mr.mr_alen > sizeof(mr.mr_address))
			return -EINVAL;
		dev = netdev_by_index(mr.mr_ifindex);
		if (!dev)
			return -ENODEV;
		if (mr.mr_alen > ETH_ALEN)
			return -EINVAL;
		/* every frame of a device already reaches its sockets (the
		 * devices deliver all they get): promiscuous, all-multicast
		 * and group memberships change nothing to receive, they are
		 * only counted */
		return membership(p, &mr, name == PACKET_ADD_MEMBERSHIP);
	}
	case PACKET_AUXDATA:
	case PACKET_ORIGDEV:
		if (len < sizeof(int))
			return -EINVAL;
		memcpy(&v, val, sizeof(v));
		if (name == PACKET_AUXDATA)
			WRITE_ONCE(p->auxdata, v != 0);
		else
			WRITE_ONCE(p->origdev, v != 0);
		return 0;
	}
	return -ENOPROTOOPT;
}

static int opt_out(void *val, unsigned *len, const void *v, unsigned n)
{
	n = MIN(n, *len);
	memcpy(val, v, n);
	*len = n;
	return 0;
}

int packet_getsockopt(struct socket *s, int level, int name, void *val, unsigned *len)
{
	struct packet_sock *p = pk(s);
	int v;

	if (level == SOL_SOCKET) {
		if (name != SO_LOCK_FILTER)
			return -ENOPROTOOPT;
		v = READ_ONCE(p->filter_locked);
		return opt_out(val, len, &v, sizeof(v));
	}
	if (level != SOL_PACKET)
		return -ENOPROTOOPT;
	switch (name) {
	case PACKET_STATISTICS: {
		struct tpacket_stats st;
		irqflags_t f = spin_lock_irqsave(&packet_lock);

		/* Linux counts drops among the packets, and reading resets both */
		st.tp_packets = p->st_packets + p->st_drops;
		st.tp_drops = p->st_drops;
		p->st_packets = p->st_drops = 0;
		spin_unlock_irqrestore(&packet_lock, f);
		return opt_out(val, len, &st, sizeof(st));
	}
	case PACKET_AUXDATA:
		v = READ_ONCE(p->auxdata);
		break;
	case PACKET_ORIGDEV:
		v = READ_ONCE(p->origdev);
		break;
	default:
		return -ENOPROTOOPT;
	}
	return opt_out(val, len, &v, sizeof(v));
}

void packet_mc_free(struct packet_mc *mc)
{
	while (mc) {
		struct packet_mc *next = mc->next;

		kfree(mc);
		mc = next;
	}
}
