# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python3 starts, prints and exits with a status
python3 -c 'print("hello", 6 * 7)'
python3 -c 'import sys; print(sys.version_info[:2]); sys.exit(3)'; echo "status $?"
python3 -c 'raise SystemExit("bye")'; echo "status $?"
python3 -c '1/0' 2>&1 | tail -1
