# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# `make check`: the checks that make the rings real (tools/check/).  Each
# checker is its own target; `check` runs all of them, keeps going past a
# failure, prints one summary line per checker and fails at the end if any
# failed.  `check-selftest` proves every checker catches a planted violation
# (tests/check/run.sh).  The checkers get the kernel CFLAGS through the
# environment (KEVLAR_KCFLAGS), so no shell quoting is involved.

CHECKS     := includes forbidden crossings sparse exports format
CHECK_WORK := $(BUILD)/check

.PHONY: check check-includes check-forbidden check-crossings check-sparse check-exports \
	check-format check-selftest

check: | $(DEPS_STAMP)
	@failed=; \
	for c in $(CHECKS); do \
		if $(MAKE) --no-print-directory check-$$c; then r=ok; else r=FAILED; failed="$$failed $$c"; fi; \
		summary="$$summary$$(printf '  check-%-10s %s' $$c $$r)"$$'\n'; \
	done; \
	echo "make check summary:"; printf '%s' "$$summary"; \
	if [ -n "$$failed" ]; then echo "make check: FAILED:$$failed"; exit 1; fi; \
	echo "make check: all $(words $(CHECKS)) checks passed"

check-includes: $(LWIP_STAMP) | $(DEPS_STAMP)
	@echo "  CHECK   include graph"
	@$(PYTHON) tools/check/includes.py --arch $(ARCH)

check-forbidden: export KEVLAR_KCFLAGS := $(KCFLAGS)
check-forbidden: $(GENERATED) $(LWIP_STAMP)
	@echo "  CHECK   forbidden constructs outside platform/ (+ clang-tidy)"
	@$(PYTHON) tools/check/forbidden.py --workdir $(CHECK_WORK)

check-crossings: export KEVLAR_KCFLAGS := $(KCFLAGS)
check-crossings: $(GENERATED) $(LWIP_STAMP)
	@echo "  CHECK   calls into ring-2 ops tables only in dispatch wrappers (SVC_CALL)"
	@$(PYTHON) tools/check/crossings.py --workdir $(CHECK_WORK)

check-sparse: export KEVLAR_KCFLAGS := $(KCFLAGS)
check-sparse: $(GENERATED) $(LWIP_STAMP)
	@echo "  CHECK   sparse"
	@$(PYTHON) tools/check/sparse.py

check-exports: export KEVLAR_KCFLAGS := $(KCFLAGS)
check-exports: $(KERNEL)
	@echo "  CHECK   ring exports"
	@$(PYTHON) tools/check/exports.py --build $(BUILD) --arch $(ARCH) --workdir $(CHECK_WORK) \
		--ldscript $(LDSCRIPT) --platform-extra $(BUILD)/ksyms.o

check-format: | $(DEPS_STAMP)
	@echo "  CHECK   clang-format"
	@tools/check/format.sh

check-selftest:
	@tests/check/run.sh
