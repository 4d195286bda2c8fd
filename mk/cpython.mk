# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# CPython's own regression tests (tests/cpython/run.py): Debian 12's
# python3.11 and its test package, fetched once into build/cpython/debs;
# every module of tests/cpython/MODULES runs in Kevlar (one boot) and in a
# host chroot of the same tree.  TAP in build/cpython/cpython.tap.
#   cpython-test   fetch (first time), build the image, run both, compare
# CPYTHON_ONLY="test_os test_stat" restricts the run to those modules.
.PHONY: cpython-test
cpython-test: $(KERNEL) | $(DEPS_STAMP)
	@$(PYTHON) tests/cpython/run.py all $(KERNEL) $(CPYTHON_ONLY)
