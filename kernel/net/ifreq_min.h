/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * A stop-gap for the afpacket branch (kernel/net/ifreq_min.c): the four
 * interface ioctls a DHCP client needs on any socket, until the netcfg
 * branch's full SIOC* set lands (drop this file and its call in socket.c
 * then).
 */
#pragma once

#include <klib/types.h>

/* SIOCGIFINDEX, SIOCGIFHWADDR, SIOCGIFFLAGS, SIOCSIFFLAGS on the struct
 * ifreq at user address `arg`: 0, -EFAULT, -ENODEV, -EPERM; -ENOTTY for
 * any other command. */
long ifreq_min_ioctl(unsigned cmd, uint64_t arg);
