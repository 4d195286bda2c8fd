# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# `python3 -m test`, except that regrtest does not arm faulthandler's
# watchdog on its way out (faulthandler.dump_traceback_later starts a
# thread, and threads wait for CLONE_THREAD, issue 10): without this every
# module would fail in Kevlar after its tests ran.  The same on both sides.
import faulthandler

faulthandler.dump_traceback_later = lambda *args, **kwargs: None
faulthandler.cancel_dump_traceback_later = lambda: None

from test.libregrtest import main  # noqa: E402

main()
