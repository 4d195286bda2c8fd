/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The protocol table's ping and raw socket slots (sock_icmp.c,
 * kevlar_vfs/inet.h's raw_*): each takes lwIP's core lock.
 */
#pragma once

#include <kevlar_vfs/inet.h>

int kevlar_inet_raw_new(struct vfs_sb *sb, void *cookie, int family, int protocol, bool ping,
			struct inet_raw **out);
int kevlar_inet_raw_close(struct vfs_sb *sb, struct inet_raw *r);
int kevlar_inet_raw_bind(struct vfs_sb *sb, struct inet_raw *r, const struct inet_addr *a,
			 bool connect);
int kevlar_inet_raw_send(struct vfs_sb *sb, struct inet_raw *r, const void *buf, size_t len,
			 const struct inet_addr *to);
int kevlar_inet_raw_recv(struct vfs_sb *sb, struct inet_raw *r, void *buf, size_t len,
			 unsigned flags, struct inet_raw_info *info);
int kevlar_inet_raw_getname(struct vfs_sb *sb, struct inet_raw *r, bool peer,
			    struct inet_addr *out);
int kevlar_inet_raw_poll(struct vfs_sb *sb, struct inet_raw *r);
