# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# `make bench` (docs/BENCHMARKS.md): tests/bench/bench.c, built static with
# musl, runs in ONE initramfs booted under Debian's Linux cloud kernel
# (fetched and extracted under build/bench/linux/ once) and under Kevlar,
# in the identical QEMU command line; tools/bench.py prints the table and
# writes build/bench/results.{csv,json}.
#
#   bench           Linux against Kevlar PROFILE=$(PROFILE)
#   bench-profiles  Linux (once) against all four profiles, side by side
#   bench-image     just the bench binary and build/bench/initramfs.cpio
# Knobs: BENCH_RUNS=5  BENCH_MODE=wall|icount  BENCH_TIMEOUT=240 (per boot)
#        BENCH_ARGS (for the bench program: -q, or row names)  MEM  SMP

BENCH_OUT   := build/bench
BENCH_BIN   := $(BENCH_OUT)/bin/bench
BENCH_IMAGE := $(BENCH_OUT)/initramfs.cpio
BENCH_LINUX := $(BENCH_OUT)/linux/vmlinuz.path
BENCH_RUN    = MEM=$(MEM) SMP=$(SMP) $(PYTHON) tools/bench.py run --image $(BENCH_IMAGE) \
		--linux "$$(cat $(BENCH_LINUX))" --bench $(BENCH_BIN)

$(BENCH_BIN): tests/bench/bench.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@musl-gcc -static -O2 -Wall -Wextra -Werror -o $@ $<

$(BENCH_LINUX): tools/bench.py | $(DEPS_STAMP)
	@$(PYTHON) tools/bench.py fetch-linux $(BENCH_OUT)/linux > /dev/null

.PHONY: bench bench-profiles bench-image
bench-image: $(BENCH_BIN) | $(DEPS_STAMP)
	@$(PYTHON) tools/bench.py overlay $(BENCH_OUT)/overlay $(BENCH_BIN)
	@tools/mk-image.sh $(BENCH_IMAGE) $(BENCH_OUT)/overlay \
		"$$($(PYTHON) tools/bench.py cmd $(BENCH_ARGS))"

bench: $(KERNEL) bench-image $(BENCH_LINUX)
	@$(BENCH_RUN) --kevlar $(PROFILE)=$(KERNEL) --out $(BENCH_OUT)

bench-profiles: bench-image $(BENCH_LINUX)
	@for p in $(PROFILES); do $(MAKE) --no-print-directory PROFILE=$$p kernel || exit; done
	@$(BENCH_RUN) $(foreach p,$(PROFILES),--kevlar $(p)=build/$(ARCH)-$(p)$(if $(filter clang,$(COMPILER)),-clang)/kevlar.elf) \
		--out $(BENCH_OUT)/profiles
