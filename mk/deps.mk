# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Host dependencies: tools/deps.sh installs what is missing from Debian's
# packages.  The stamp is keyed on the script, so editing it re-runs it.
DEPS_STAMP := build/.deps-$(shell cksum < tools/deps.sh | cut -d' ' -f1)
$(DEPS_STAMP): tools/deps.sh
	@mkdir -p build
	@tools/deps.sh
	@rm -f build/.deps-*; touch $@

# mk/flags.mk asks the compiler for its include directory while make reads
# the Makefile, before any rule runs: on a fresh machine the packages must
# be there by then, or the first build and `make check` see no compiler.
# So install them while reading, for every goal that builds anything.
DEPS_FREE_GOALS := clean distclean help deps
ifeq ($(wildcard $(DEPS_STAMP)),)
ifneq ($(filter-out $(DEPS_FREE_GOALS),$(or $(MAKECMDGOALS),all)),)
DEPS_NOW := $(shell mkdir -p build && tools/deps.sh >&2 && rm -f build/.deps-* && touch $(DEPS_STAMP) && echo ok)
endif
endif

.PHONY: deps
deps:
	@tools/deps.sh
