# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Differential ABI suite (tests/abi/README.md).  Every tests/abi/<topic>/<name>.c
# is built three ways: static with musl (build/abi/bin/musl/<topic>/<name>),
# static with glibc (bin/glibc/...) and dynamic with glibc (bin/glibc-dyn/...,
# run by Debian's own ld.so and libc.so.6, the path real programs take).  A
# file with a line "/* abi: musl only: <reason> */" is built with musl only.
# The harness (abi-exec) is musl-static.
#
#   abi-build     build every test binary and the harness, in parallel
#   abi-native    build, run everything on the host twice, TAP on stdout
#                 (outputs in build/abi/native/, TAP in build/abi/native.tap)
#   abi-overlay   build/abi/overlay/: /abi/bin/... and /abi/run-all for Kevlar
#   abi-compare   LOG=console.log: compare a Kevlar run against the native
#                 outputs, TAP on stdout (needs abi-native first)
#   abi-selftest  prove the compare step catches a difference, a missing or
#                 cut-off test and honours DIVERGENCES, on synthesized logs
#   abi-chroot    run the overlay on the host as Kevlar will (chroot, BusyBox
#                 sh, tmpfs /tmp) and compare; needs root
#   abi-kevlar    boot Kevlar once with the overlay, run /abi/run-all, compare
#                 (needs exec and the initramfs; log in build/abi/kevlar.log);
#                 SMP=N boots N CPUs
#   abi-kevlar-smp  abi-kevlar of the thread-related topics (ABI_SMP_TOPICS,
#                 every libc) on SMP=4 (ABI_SMP), in one boot
#   abi-clean     remove build/abi
# ABI_ONLY=musl/fs/ (an id prefix, or several separated by spaces) restricts
# abi-native, abi-compare, abi-chroot, abi-kevlar.

PYTHON    ?= python3
ABI_MK    := $(lastword $(MAKEFILE_LIST))
ABI_DIR   := tests/abi
ABI_OUT   := build/abi
ABI_RUN   := $(PYTHON) $(ABI_DIR)/run.py
ABI_SRCS  := $(sort $(filter-out $(ABI_DIR)/harness/%,$(wildcard $(ABI_DIR)/*/*.c)))
ABI_MUSL_ONLY  := $(if $(ABI_SRCS),$(shell grep -l '^/\* abi: musl only' $(ABI_SRCS)))
ABI_GLIBC_SRCS := $(filter-out $(ABI_MUSL_ONLY),$(ABI_SRCS))
ABI_MUSL_BINS  := $(patsubst $(ABI_DIR)/%.c,$(ABI_OUT)/bin/musl/%,$(ABI_SRCS))
ABI_GLIBC_BINS := $(patsubst $(ABI_DIR)/%.c,$(ABI_OUT)/bin/glibc/%,$(ABI_GLIBC_SRCS)) \
		  $(patsubst $(ABI_DIR)/%.c,$(ABI_OUT)/bin/glibc-dyn/%,$(ABI_GLIBC_SRCS))
ABI_EXEC  := $(ABI_OUT)/bin/abi-exec
ABI_UAPI  := $(ABI_OUT)/uapi/.staged
ABI_CFLAGS := -static -O1 -g0 -Wall -Wextra -Werror -D_GNU_SOURCE -I$(ABI_DIR)
# musl's headers do not carry linux/; the staged UAPI headers come last.
ABI_MUSL_CC  := musl-gcc $(ABI_CFLAGS) -idirafter $(ABI_OUT)/uapi
ABI_GLIBC_CC := gcc $(ABI_CFLAGS)
ABI_GLIBC_DYN_CC := gcc $(filter-out -static,$(ABI_CFLAGS))

$(ABI_UAPI): tools/stage-uapi.sh
	@tools/stage-uapi.sh x64 $(ABI_OUT)/uapi
	@touch $@

$(ABI_OUT)/bin/musl/%: $(ABI_DIR)/%.c $(ABI_DIR)/abi.h $(ABI_UAPI)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(ABI_MUSL_CC) -o $@ $<

$(ABI_OUT)/bin/glibc/%: $(ABI_DIR)/%.c $(ABI_DIR)/abi.h
	@mkdir -p $(dir $@)
	@echo "  GLIBCC  $<"
	@$(ABI_GLIBC_CC) -o $@ $<

$(ABI_OUT)/bin/glibc-dyn/%: $(ABI_DIR)/%.c $(ABI_DIR)/abi.h
	@mkdir -p $(dir $@)
	@echo "  GLIBCC  $< (dynamic)"
	@$(ABI_GLIBC_DYN_CC) -o $@ $<

$(ABI_EXEC): $(ABI_DIR)/harness/abi-exec.c $(ABI_DIR)/abi.h $(ABI_UAPI)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(ABI_MUSL_CC) -o $@ $<

.PHONY: abi-build abi-bins abi-native abi-overlay abi-compare abi-selftest abi-chroot abi-kevlar \
	abi-kevlar-smp abi-clean
# Parallel even without -j: a sub-make of this file alone, with one job per
# CPU unless the caller's jobserver is there to share.
abi-build:
	@$(MAKE) --no-print-directory -f $(ABI_MK) $(if $(findstring -j,$(MAKEFLAGS)),,-j$(shell nproc)) \
		PYTHON=$(PYTHON) abi-bins
abi-bins: $(ABI_EXEC) $(ABI_MUSL_BINS) $(ABI_GLIBC_BINS)
	@:

ABI_NATIVE_STAMP := $(ABI_OUT)/native/.complete
abi-native: abi-build
	@rm -f $(ABI_NATIVE_STAMP)
	@$(ABI_RUN) native $(ABI_ONLY); rc=$$?; $(if $(ABI_ONLY),:,touch $(ABI_NATIVE_STAMP);) exit $$rc

abi-overlay: abi-build
	@$(ABI_RUN) overlay

abi-compare:
	@test -n "$(LOG)" || { echo "usage: make abi-compare LOG=console.log" >&2; exit 2; }
	@$(ABI_RUN) compare "$(LOG)" $(ABI_ONLY)

# The selftest reads the native outputs: a whole native run newer than
# every binary is used as it is (make test has just made one; running
# the suite again cost three minutes and a second chance of a host
# flake), otherwise one is made.
abi-selftest:
	@if [ ! -e $(ABI_NATIVE_STAMP) ] || \
	    [ -n "$$(find $(ABI_OUT)/bin -type f -newer $(ABI_NATIVE_STAMP) | head -1)" ]; then \
		$(MAKE) --no-print-directory abi-native; fi
	@$(ABI_RUN) selftest

abi-chroot: abi-native abi-overlay
	@$(ABI_RUN) chroot $(ABI_ONLY)

# The image holds ~700 binaries (glibc's static ones are 750 KiB each) and
# Kevlar reads it from memory, hence the larger machine.  The pages the
# initramfs copies for an exec or a mapping are clean page-cache pages,
# reclaimed under memory pressure (kernel/mm/pagecache.c), so 1 GiB holds
# the whole run again (2604 tests; it needed 1536M while they were kept
# until unmount).
ABI_MEM ?= 1024M
# The whole boot's bound (each test has abi-exec's own 10 s): a kernel that
# stops answering (every timed sleep lost, abi-exec's included) fails the
# run instead of stalling it.
ABI_TIMEOUT ?= 1800
# The reference outputs come from abi-native when a whole run of it is
# newer than every test binary (make test runs it just before): a test
# that differs between two native runs is abi-native's failure to report
# once, not a reason to skip the Kevlar run.  Otherwise they are made here.
abi-kevlar: abi-overlay
	@if [ -n "$(ABI_ONLY)" ] || [ ! -e $(ABI_NATIVE_STAMP) ] || \
	    [ -n "$$(find $(ABI_OUT)/bin -type f -newer $(ABI_NATIVE_STAMP) | head -1)" ]; then \
		$(ABI_RUN) native $(ABI_ONLY) > $(ABI_OUT)/native-for-kevlar.log || \
		grep -A5 '^not ok' $(ABI_OUT)/native-for-kevlar.log; fi
	@TIMEOUT=$(ABI_TIMEOUT) $(MAKE) --no-print-directory run MEM=$(ABI_MEM) OVERLAY=$(ABI_OUT)/overlay \
		CMD='/abi/run-all $(ABI_ONLY)' > $(ABI_OUT)/kevlar.log 2>&1 || true
	@$(ABI_RUN) compare $(ABI_OUT)/kevlar.log $(ABI_ONLY)

# Issue 10: the thread suite and its neighbours must match Linux on several
# CPUs too.  The topics that exist are run with every libc, in one boot.
ABI_SMP ?= 4
ABI_SMP_TOPICS ?= thread pthread futex sched signal
ABI_SMP_ONLY = $(foreach l,musl glibc glibc-dyn,$(foreach t,$(ABI_SMP_TOPICS), \
		 $(if $(wildcard $(ABI_DIR)/$t/*.c),$l/$t/)))
abi-kevlar-smp:
	@$(MAKE) --no-print-directory abi-kevlar SMP=$(ABI_SMP) ABI_ONLY="$(strip $(ABI_SMP_ONLY))"

abi-clean:
	rm -rf $(ABI_OUT)
