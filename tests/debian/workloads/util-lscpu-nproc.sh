# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# nproc, glibc through Python's os.cpu_count and lscpu agree with the CPUs /sys lists
[ -e /sys/devices/system/cpu ] || mount -t sysfs sysfs /sys
cpus() { tr ',' '\n' < "/sys/devices/system/cpu/$1" | awk -F- 'NF {n += (NF == 2 ? $2 - $1 + 1 : 1)} END {print n}'; }
online=$(cpus online); present=$(cpus present)
n=$(nproc)
[ "$n" -ge 1 ] && [ "$n" -le "$online" ] && echo "nproc within the online CPUs"
python3 -c 'import os; print("os.cpu_count() =", os.cpu_count() == '"$online"' and "online" or "other")'
[ "$(lscpu -p=CPU | grep -vc '^#')" = "$online" ] && echo "lscpu -p lists the online CPUs"
[ "$(ls /sys/devices/system/cpu | grep -c '^cpu[0-9]')" = "$present" ] && echo "one cpuN per present CPU"
