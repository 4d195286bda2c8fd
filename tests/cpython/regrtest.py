# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# `python3 -m test`, except that regrtest does not arm faulthandler's
# watchdog on its way out (faulthandler.dump_traceback_later starts a
# thread, and threads wait for CLONE_THREAD, issue 10): without this every
# module would fail in Kevlar after its tests ran.  Only regrtest's own
# reference to the module is replaced, so the tests (test_faulthandler)
# see the real one.  The same on both sides.
import faulthandler
import sys
import types

import test.libregrtest.main  # noqa: F401  (the package's "main" is the function)

class _NoWatchdog(types.ModuleType):
    def __getattr__(self, name):
        return getattr(faulthandler, name)

    @staticmethod
    def dump_traceback_later(*args, **kwargs):
        pass


# Guarded: multiprocessing's spawn and forkserver children import this
# file again as __mp_main__, and must not start a second regrtest.
if __name__ == "__main__":
    regrtest_main = sys.modules["test.libregrtest.main"]
    regrtest_main.faulthandler = _NoWatchdog("faulthandler")
    regrtest_main.main()
