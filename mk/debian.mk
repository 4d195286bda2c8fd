# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The Debian tier (tests/debian/README.md): unmodified Debian 12 packages,
# fetched once into build/debian/debs and unpacked into an image tree; every
# workload runs in Kevlar (one boot) and in a host chroot of the same tree,
# and the outputs are compared.  TAP in build/debian/debian.tap.
#   debian-test   fetch (first time), build the image, run both, compare
# DEBIAN_ONLY=python- (a name prefix) restricts the run.
.PHONY: debian-test
debian-test: $(KERNEL) | $(DEPS_STAMP)
	@$(PYTHON) tests/debian/run.py all $(KERNEL) $(DEBIAN_ONLY)
