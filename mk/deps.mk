# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Host dependencies: tools/deps.sh installs what is missing from Debian's
# packages.  The stamp is keyed on the script, so editing it re-runs it.
DEPS_STAMP := build/.deps-$(shell cksum < tools/deps.sh | cut -d' ' -f1)
$(DEPS_STAMP): tools/deps.sh
	@mkdir -p build
	@tools/deps.sh
	@rm -f build/.deps-*; touch $@

.PHONY: deps
deps:
	@tools/deps.sh
