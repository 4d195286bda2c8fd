# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Compiler flags for the kernel image.  Freestanding: the only headers are
# our own, the compiler's (stdint.h, stdarg.h, ...) and Linux's UAPI headers
# staged under $(BUILD)/uapi.
CC_INCLUDE := $(shell $(CC) -print-file-name=include)

KINCLUDES := -nostdinc -isystem $(CC_INCLUDE) -isystem $(BUILD)/uapi \
	-I$(BUILD)/include -Ilibs/klib/include -Ilibs/kevlar_vfs/include \
	-Iplatform/include -Iplatform/$(ARCH)/include -Ikernel/include \
	$(patsubst %,-I%,$(sort $(wildcard exts/*/include))) \
	-Iservices/kevlar_inet/include -Ibuild/lwip/src/src/include
# The last two are the TCP/IP service's (mk/lwip.mk): lwIP's headers and
# its port's.  On everyone's path, last, so the compiler and the checkers
# see one set of flags; tools/check/includes.py lets only
# services/kevlar_inet/ include them.

KWARN := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
	-Wundef -Wno-unused-parameter -Wvla -Wimplicit-fallthrough
ifeq ($(COMPILER),clang)
KWARN += -Wmissing-variable-declarations -Wno-gnu-variable-sized-type-not-at-end
endif

include platform/$(ARCH)/arch.mk

KCFLAGS := -std=gnu11 -ffreestanding -fno-builtin-printf -fno-common \
	-fno-strict-aliasing -fno-omit-frame-pointer -fno-pic -fno-pie \
	-fno-asynchronous-unwind-tables -g -O2 $(ARCH_CFLAGS) $(KWARN) $(KINCLUDES) \
	-include generated/config.h

ifeq ($(CONFIG_HARDENING),1)
KCFLAGS += -fstack-protector-strong -mstack-protector-guard=global
ifeq ($(COMPILER),clang)
KCFLAGS += -fsanitize=undefined -fsanitize-trap=undefined
else
KCFLAGS += -fsanitize=undefined -fsanitize-undefined-trap-on-error
endif
else
KCFLAGS += -fno-stack-protector
endif

KASFLAGS := -D__ASSEMBLY__ $(ARCH_ASFLAGS) $(KINCLUDES) -include generated/config.h -g
