# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# util-linux's ipcmk, ipcs and ipcrm over System V IPC (/proc/sysvipc, /proc/sys/kernel)
shm=$(ipcmk -M 8192 -p 0640 | awk '{print $NF}')
sem=$(ipcmk -S 3 -p 0604 | awk '{print $NF}')
msg=$(ipcmk -Q -p 0620 | awk '{print $NF}')
echo "made: ${shm:+shm} ${sem:+sem} ${msg:+msg}"
# the columns after key and id: owner, perms, size/nsems, nattch/used, ...
ipcs -m | awk -v id="$shm" '$2 == id { $1 = $2 = ""; print "shm" $0 }'
ipcs -s | awk -v id="$sem" '$2 == id { $1 = $2 = ""; print "sem" $0 }'
ipcs -q | awk -v id="$msg" '$2 == id { $1 = $2 = ""; print "msg" $0 }'
ipcs -m -i "$shm" | grep -E 'uid=|mode=|bytes=' | sed 's/key=[^ ]*//; s/shmid=[0-9]*//; s/cpid=[0-9]*//'
ipcs -s -i "$sem" | grep -E 'mode=|nsems='
ipcs -l
ipcrm -m "$shm" -s "$sem" -q "$msg"; echo "ipcrm $?"
ipcs -m -i "$shm" > /dev/null 2>&1; echo "shm gone: $?"
ipcrm -q "$msg" 2>&1 | sed 's/([0-9]*)/(id)/'; echo "ipcrm again ${PIPESTATUS[0]}"
python3 - <<'PY'
import mmap, os
fd = os.memfd_create("py", os.MFD_ALLOW_SEALING)
os.ftruncate(fd, 4096)
m = mmap.mmap(fd, 4096)
m[:5] = b"hello"
print(os.readlink(f"/proc/self/fd/{fd}"), os.pread(fd, 5, 0))
import fcntl
print(fcntl.fcntl(fd, fcntl.F_GET_SEALS))
PY
