# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# lwIP, the TCP/IP stack of the ring-2 service services/kevlar_inet
# (docs/architecture.md §18).  tools/fetch-lwip.sh fetches Debian 12's
# `lwip` source package (pinned there) into build/lwip/src once; the stamp
# is keyed on the script and our patches, so changing either re-fetches.
# lwIP's own sources are compiled with the kernel's flags and -Werror into
# ring 2's object, beside the port; they see lwIP's headers, the port's
# (services/kevlar_inet/include: lwipopts.h, arch/cc.h, arch/sys_arch.h)
# and the port's two C-library headers (services/kevlar_inet/libc).
LWIP_DIR   := build/lwip/src
LWIP_KEY   := $(shell cat tools/fetch-lwip.sh $(sort $(wildcard services/kevlar_inet/patches/*.patch)) | cksum | cut -d' ' -f1)
LWIP_STAMP := build/lwip/.fetched-$(LWIP_KEY)

# lwIP's files the stack uses (its Filelists.mk names them all): the core
# with IPv4 and IPv6, the tcpip thread (api/tcpip.c) and err.c, Ethernet.
# Files for features lwipopts.h turns off compile to nothing.
LWIP_FILES := core/init.c core/def.c core/inet_chksum.c core/ip.c core/mem.c core/memp.c \
	core/netif.c core/pbuf.c core/raw.c core/stats.c core/sys.c core/tcp.c core/tcp_in.c \
	core/tcp_out.c core/timeouts.c core/udp.c \
	core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c core/ipv4/ip4_frag.c core/ipv4/ip4.c \
	core/ipv4/ip4_addr.c core/ipv4/igmp.c \
	core/ipv6/ethip6.c core/ipv6/icmp6.c core/ipv6/inet6.c core/ipv6/ip6.c \
	core/ipv6/ip6_addr.c core/ipv6/ip6_frag.c core/ipv6/mld6.c core/ipv6/nd6.c \
	api/tcpip.c api/err.c netif/ethernet.c
LWIP_OBJS := $(patsubst %,$(BUILD)/obj/lwip/%.o,$(LWIP_FILES))

# lwIP's warnings under the kernel's flags, each silenced for the lwIP
# file that has it, never for our own code (gcc has none):
# - clang's -Wmissing-variable-declarations: memp.c defines the pool
#   descriptors memp_* (memp_std.h), pbuf.c pbuf_free_ooseq_pending and
#   dhcp.c dhcp_rx_options_val/_given, globals no lwIP header declares
#   with our options.
LWIP_CFLAGS := $(KCFLAGS) -Iservices/kevlar_inet/libc
ifeq ($(COMPILER),clang)
$(BUILD)/obj/lwip/core/memp.c.o $(BUILD)/obj/lwip/core/pbuf.c.o \
	$(BUILD)/obj/lwip/core/ipv4/dhcp.c.o: \
	LWIP_CFLAGS += -Wno-missing-variable-declarations
endif

$(LWIP_STAMP): tools/fetch-lwip.sh $(wildcard services/kevlar_inet/patches/*.patch) | $(DEPS_STAMP)
	@tools/fetch-lwip.sh $(LWIP_DIR)
	@rm -f build/lwip/.fetched-*; touch $@

.PHONY: lwip-fetch
lwip-fetch: $(LWIP_STAMP)

# The source is not a prerequisite (it does not exist before the fetch);
# -MMD records it and every header once the object is built.
$(BUILD)/obj/lwip/%.c.o: $(LWIP_STAMP) $(GENERATED) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      lwip/$*.c"
	@$(CC) $(LWIP_CFLAGS) -MMD -MP -c $(LWIP_DIR)/src/$*.c -o $@

-include $(LWIP_OBJS:.o=.d)

# The port includes lwIP's headers: fetched first.
$(call obj_of,$(filter services/kevlar_inet/%,$(SERVICES_SRCS))): | $(LWIP_STAMP)
