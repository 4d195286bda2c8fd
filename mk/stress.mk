# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The stress tier (tests/stress/README.md): Debian 12's stress-ng, fetched
# once into build/stress/debs, runs the stressors of tests/stress/STRESSORS
# in one Kevlar boot and in a host chroot of the same tree; and a parallel
# gcc build of tests/stress/project, R times in one boot.  TAP in
# build/stress/stress.tap and build/stress/build-stress.tap.
#   stress-test    SMP CPUs (and instances), STRESS_TIME seconds in all (60)
#   stress-long    the issue's acceptance run: SMP=8, STRESS_LONG_TIME
#                  seconds (1800) in Kevlar, after the same on the host
#                  (STRESS_HOST=0 skips it); exits non-zero on a failed
#                  stressor, a panic, a hang or a kernel report, and the
#                  TAP's last lines say which
#   build-stress   make -jJ (8) of the project, R (10) times, on SMP CPUs
# STRESS_ONLY="cpu fork" restricts stress-test to those stressors;
# STRESS_HOST=0 skips the host reference run.
STRESS_TIME ?= 60
STRESS_LONG_TIME ?= 1800
R ?= 10
J ?= 8
STRESS_ENV = SMP=$(SMP) STRESS_TIME=$(STRESS_TIME) R=$(R) J=$(J)
.PHONY: stress-test stress-long build-stress
stress-test: $(KERNEL) | $(DEPS_STAMP)
	@$(STRESS_ENV) $(PYTHON) tests/stress/run.py all $(KERNEL) $(STRESS_ONLY)
stress-long: $(KERNEL) | $(DEPS_STAMP)
	@SMP=8 STRESS_TIME=$(STRESS_LONG_TIME) $(PYTHON) tests/stress/run.py all $(KERNEL) $(STRESS_ONLY)
build-stress: $(KERNEL) | $(DEPS_STAMP)
	@$(STRESS_ENV) $(PYTHON) tests/stress/run.py build-all $(KERNEL)

# Debian 12's trinity (tests/trinity/run.py): TRINITY_TIME seconds of
# fuzzing as nobody, 64-bit calls, in one boot; TAP in build/trinity/trinity.tap.
#   trinity-test   TRINITY_TIME (120) seconds, TRINITY_SEED (1), TRINITY_CHILDREN (4)
#   trinity-long   the issue's acceptance run: 30 minutes (TRINITY_LONG_TIME=1800)
# TRINITY_DEBUG=1 adds the stat of zombie children and the sleeping main
# process to the heartbeat lines.  Not part of `make test`.
TRINITY_TIME ?= 120
TRINITY_LONG_TIME ?= 1800
.PHONY: trinity-test trinity-long
trinity-test: $(KERNEL) | $(DEPS_STAMP)
	@SMP=$(SMP) TRINITY_TIME=$(TRINITY_TIME) $(PYTHON) tests/trinity/run.py run $(KERNEL)
trinity-long: $(KERNEL) | $(DEPS_STAMP)
	@SMP=$(SMP) TRINITY_TIME=$(TRINITY_LONG_TIME) $(PYTHON) tests/trinity/run.py run $(KERNEL)
