# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Storage harnesses (issue 13; tests/storage/README.md).  Each boots the
# kernel under test with a fresh ext4 image on virtio-blk (/dev/vda);
# FSTEST_KERNEL=linux runs the same harness on Debian's Linux (the bench
# kernel) in the identical QEMU, which is how each was validated.
#   ext4work-test  cp -a, tar, rsync, git, sqlite3, renames, deletes; e2fsck + debugfs
#   fsstress-test  the seeded random-operation stress against its model, and
#                  again after a remount (FSSTRESS_SEEDS, FSSTRESS_OPS)
#   crash-test     CRASH_ROUNDS (50) crash-and-replay rounds (CRASH_SEED,
#                  CRASH_ROUND, STRESS_SECS)
#   fio-bench      Debian's fio jobs, Kevlar beside Linux in the same QEMU
#                  (FIO_RUNS, FIO_MODE=wall|icount, FIO_JOBS=a,b: only
#                  those jobs); not in `make test`
# `make test` runs ext4work, fsstress with seed 1 and 3 crash rounds
# (tools/test.sh), mmap writes included.
FSTEST_KERNEL ?= $(KERNEL)

.PHONY: ext4work-test fsstress-test crash-test fio-bench
ext4work-test: $(KERNEL) | $(DEPS_STAMP)
	@bash tests/integration/ext4work.sh $(FSTEST_KERNEL)

fsstress-test: $(KERNEL) | $(DEPS_STAMP)
	@bash tests/integration/fsstress.sh $(FSTEST_KERNEL)

crash-test: $(KERNEL) | $(DEPS_STAMP)
	@CRASH_ROUNDS=$(or $(CRASH_ROUNDS),50) bash tests/integration/crash.sh $(FSTEST_KERNEL)

fio-bench: $(KERNEL) | $(DEPS_STAMP)
	@$(PYTHON) tests/storage/fio.py $(if $(filter linux,$(FSTEST_KERNEL)),,--kernel $(PROFILE)=$(FSTEST_KERNEL))
