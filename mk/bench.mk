# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# `make bench` (docs/BENCHMARKS.md): tests/bench/bench.c, built static with
# musl, runs in ONE initramfs booted under Debian's Linux cloud kernel
# (fetched and extracted under build/bench/linux/ once) and under Kevlar,
# in the identical QEMU command line (the same -smp for both); Linux boots
# twice, as shipped and with mitigations=off.  tools/bench.py prints the
# table and writes build/bench/results.{csv,json}.  The image also carries
# Debian's hackbench (rt-tests, with the glibc it loads: `apt-get download`
# into build/bench/hackbench/ once, never installed on the host).
#
#   bench           Linux against Kevlar PROFILE=$(PROFILE)
#   bench-profiles  Linux (once) against all four profiles, side by side, in
#                   wall and icount modes (BENCH_MODES), with the cost of
#                   one crossing into a service
#   bench-smp       the SMP-sensitive rows (BENCH_SMP_ROWS) at -smp
#                   BENCH_SMP_LIST (1,2,4), each Kevlar beside Linux on the
#                   same -smp, and the CPU-bound scaling figure
#                   (build/bench/smp/smp.{csv,json})
#   bench-image     just the bench binary and build/bench/initramfs.cpio
#   bench-net       nginx and iperf3 in the guest, their clients on the host
# Knobs: BENCH_RUNS=5  BENCH_MODE=wall|icount  BENCH_TIMEOUT=240 (per boot)
#        BENCH_NOMIT=0 (skip Linux's mitigations=off boot)
#        BENCH_MODES=wall,icount  BENCH_ICOUNT_RUNS=1 (bench-profiles)
#        BENCH_ARGS (for the bench program: -q, or row names)  MEM  SMP

BENCH_OUT   := build/bench
BENCH_BIN   := $(BENCH_OUT)/bin/bench
BENCH_IMAGE := $(BENCH_OUT)/initramfs.cpio
BENCH_LINUX := $(BENCH_OUT)/linux/vmlinuz.path
BENCH_HACKBENCH := $(BENCH_OUT)/hackbench/hackbench.stamp
BENCH_RUN    = MEM=$(MEM) SMP=$(SMP) $(PYTHON) tools/bench.py run --image $(BENCH_IMAGE) \
		--linux "$$(cat $(BENCH_LINUX))" --bench $(BENCH_BIN)
BENCH_SMP_IMAGE := $(BENCH_OUT)/initramfs-smp.cpio
BENCH_SMP_LIST  ?= 1,2,4
BENCH_MODES     ?= wall,icount
BENCH_SMP_ROWS  ?= fork_exec_true fork_exec_true_4proc mutex_contended_4thr \
		   futex_pingpong_2thr pthread_create_join cpu_work_1proc cpu_work_2proc \
		   cpu_work_4proc hackbench_pipe_proc_g4_l100 hackbench_pipe_thr_g4_l100

$(BENCH_BIN): tests/bench/bench.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@musl-gcc -static -O2 -Wall -Wextra -Werror -o $@ $<

$(BENCH_LINUX): tools/bench.py | $(DEPS_STAMP)
	@$(PYTHON) tools/bench.py fetch-linux $(BENCH_OUT)/linux > /dev/null

# hackbench is one workload row: without the network its rows are n/a
$(BENCH_HACKBENCH): | $(DEPS_STAMP)
	@$(PYTHON) tools/bench.py fetch-hackbench $(BENCH_OUT)/hackbench > /dev/null || \
		echo "bench: hackbench not fetched, its rows will be n/a" >&2

# redis-server and redis-benchmark are two workload rows (issue 14): the
# tree make net-servers-test uses; without the network their rows are n/a
BENCH_SERVERS := build/servers/root/.packages
$(BENCH_SERVERS): | $(DEPS_STAMP)
	@$(PYTHON) tests/integration/net-servers-fetch.py build/debian/debs build/servers/root || \
		echo "bench: redis not fetched, its rows will be n/a" >&2

.PHONY: bench bench-profiles bench-image bench-smp bench-smp-image
bench-image: $(BENCH_BIN) $(BENCH_HACKBENCH) $(BENCH_SERVERS) | $(DEPS_STAMP)
	@$(PYTHON) tools/bench.py overlay $(BENCH_OUT)/overlay $(BENCH_BIN) \
		$$(test -f $(BENCH_HACKBENCH) && echo $(BENCH_OUT)/hackbench/root)
	@tools/mk-image.sh $(BENCH_IMAGE) $(BENCH_OUT)/overlay \
		"$$($(PYTHON) tools/bench.py cmd $(BENCH_ARGS))"

# the same overlay, running only the SMP-sensitive rows
bench-smp-image: bench-image
	@tools/mk-image.sh $(BENCH_SMP_IMAGE) $(BENCH_OUT)/overlay \
		"$$($(PYTHON) tools/bench.py cmd $(BENCH_SMP_ROWS))"

bench-smp: $(KERNEL) bench-smp-image $(BENCH_LINUX)
	@MEM=$(MEM) $(PYTHON) tools/bench.py smp --smp $(BENCH_SMP_LIST) --image $(BENCH_SMP_IMAGE) \
		--linux "$$(cat $(BENCH_LINUX))" --bench $(BENCH_BIN) \
		--kevlar $(PROFILE)=$(KERNEL) --out $(BENCH_OUT)/smp

bench: $(KERNEL) bench-image $(BENCH_LINUX)
	@$(BENCH_RUN) --kevlar $(PROFILE)=$(KERNEL) --out $(BENCH_OUT)

# Servers in the guest, clients on the host (issue 14, tools/bench-net.py):
# nginx requests/s for a 4 KiB file and iperf3 host -> guest, through
# NET_HOSTFWD, Linux and Kevlar in the same QEMU (BENCH_MODE, BENCH_RUNS)
.PHONY: bench-net
bench-net: $(KERNEL) $(BENCH_LINUX) $(BENCH_SERVERS)
	@$(PYTHON) tools/bench-net.py --linux "$$(cat $(BENCH_LINUX))" \
		--kevlar $(PROFILE)=$(KERNEL) --out $(BENCH_OUT)/net

# Linux once per run and mode (as shipped only, unless BENCH_NOMIT=1), the
# four profiles beside it, in both modes: one table (tools/bench.py
# profiles), build/bench/profiles/profiles.txt.  About 8 minutes on the
# 2-core host with the defaults (BENCH_RUNS=3 wall runs, 1 icount run).
bench-profiles: bench-image $(BENCH_LINUX)
	@for p in $(PROFILES); do $(MAKE) --no-print-directory PROFILE=$$p kernel || exit; done
	@BENCH_RUNS=$(or $(BENCH_RUNS),3) BENCH_NOMIT=$(or $(BENCH_NOMIT),0) MEM=$(MEM) SMP=$(SMP) \
		$(PYTHON) tools/bench.py profiles --modes $(BENCH_MODES) --image $(BENCH_IMAGE) \
		--linux "$$(cat $(BENCH_LINUX))" --bench $(BENCH_BIN) \
		$(foreach p,$(PROFILES),--kevlar $(p)=build/$(ARCH)-$(p)$(if $(filter clang,$(COMPILER)),-clang)/kevlar.elf) \
		--out $(BENCH_OUT)/profiles
