# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python mmap, fcntl, os.statvfs, resource
python3 - <<'P'
import mmap, fcntl, os, resource
with open("f", "wb") as f: f.write(b"0123456789" * 500)
with open("f", "r+b") as f:
    m = mmap.mmap(f.fileno(), 0); print(m[:10], len(m)); m[0:3] = b"abc"; m.flush(); m.close()
print(open("f", "rb").read(5))
fd = os.open("f", os.O_RDONLY); print(fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
fl = fcntl.fcntl(fd, fcntl.F_GETFL); print(fl & os.O_ACCMODE == os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX); fcntl.flock(fd, fcntl.LOCK_UN); print("flock ok")
print(os.statvfs(".").f_bsize > 0, resource.getrlimit(resource.RLIMIT_NOFILE)[0] > 0)
P
