# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# `make fuzz`: the syscall fuzzer (tests/fuzz/README.md) in Kevlar
# PROFILE=$(PROFILE) for FUZZ_TIME seconds from FUZZ_SEED (random when not
# given); FUZZ_ROUND=R replays round R alone with every call logged,
# FUZZ_FIRST=R starts the run at round R.  FUZZ_CALLS (calls a round, 64),
# FUZZ_HEARTBEAT (seconds of console silence that mean a hang, 120), FUZZ_BOUND
# (seconds a round may take, 5).  A hang is reported with the kernel's state
# (gdb through QEMU's stub: tools/hang-report.py); `make fuzz-selftest` proves it.
FUZZ_TIME  ?= 600
FUZZ_SEED  ?=
FUZZ_ROUND ?=
FUZZ_FIRST ?=

.PHONY: fuzz
fuzz: $(KERNEL) | $(DEPS_STAMP)
	@FUZZ_OUT=build/fuzz/$(notdir $(BUILD)) bash tests/fuzz/run.sh $(KERNEL) $(FUZZ_TIME) \
		"$(FUZZ_SEED)" "$(FUZZ_ROUND)" "$(FUZZ_FIRST)"

# run.sh's hang report (QEMU's gdb stub, tools/hang-report.py) on a planted silence
.PHONY: fuzz-selftest
fuzz-selftest: $(KERNEL) | $(DEPS_STAMP)
	@bash tests/fuzz/selftest.sh $(KERNEL)
