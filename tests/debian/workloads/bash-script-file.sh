# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# a bash script with a shebang, arguments and exit status
cat > s.sh <<'S'
#!/bin/bash
echo "$# args: $*"; shift; echo "now $1"; exit 42
S
chmod +x s.sh; ./s.sh one two three; echo "status $?"
bash -c 'echo $0 $1' zero one
./missing.sh; echo "status $?"
