/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The ip= boot option's parser (kernel/net/ipconfig.c), for its host test. */
#pragma once

#include <klib/types.h>

struct inet_ifconf;

/* Parse ip='s value s[0..len) (see ipconfig.c for the syntax) into *c:
 * 0, or -EINVAL.  An empty c->ifname: the first Ethernet device. */
int ipconfig_parse(const char *s, size_t len, struct inet_ifconf *c);
