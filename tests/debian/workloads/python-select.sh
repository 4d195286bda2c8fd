# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python select and poll on pipes
python3 - <<'P'
import os, select
r, w = os.pipe()
print(select.select([r], [], [], 0)[0] == [])
os.write(w, b"x"); print(select.select([r], [], [], 1)[0] == [r])
p = select.poll(); p.register(r, select.POLLIN)
print([(fd == r, ev & select.POLLIN != 0) for fd, ev in p.poll(100)])
os.read(r, 1); os.close(w); print([(ev & select.POLLHUP != 0) for fd, ev in p.poll(100)])
print(select.select([], [1], [], 0)[1])
P
