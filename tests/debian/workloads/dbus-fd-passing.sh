# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# dbus-daemon relays file descriptors (SCM_RIGHTS) between two raw D-Bus clients in Python; a message short of its fds is refused.
cat >fds.py <<'P'
import array, os, socket, struct, sys
def pad(b, n): return b + b"\0" * (-len(b) % n)
def s(v): v = v.encode(); return struct.pack("<I", len(v)) + v + b"\0"
def message(serial, kind, flags, f, sig=b"", body=b""):
    if sig: f = f + [(8, b"g", bytes([len(sig)]) + sig + b"\0")]
    fields = b""
    for code, t, v in f:
        fields = pad(fields, 8) + bytes([code, 1]) + t + b"\0" + v
    hdr = b"l" + bytes([kind, flags, 1]) + struct.pack("<III", len(body), serial, len(fields)) + fields
    return pad(hdr, 8) + body
def bus_call(serial, member, sig=b"", body=b""):
    return message(serial, 1, 0, [(1, b"o", s("/org/freedesktop/DBus")), (2, b"s", s("org.freedesktop.DBus")),
                                 (3, b"s", s(member)), (6, b"s", s("org.freedesktop.DBus"))], sig, body)
class Conn:
    def __init__(self, path, fds=True):
        self.c, self.buf, self.fds = socket.socket(socket.AF_UNIX), b"", []
        self.c.connect(path)
        self.c.sendall(b"\0AUTH EXTERNAL " + str(os.geteuid()).encode().hex().encode() + b"\r\n")
        self.c.recv(4096)
        if fds:
            self.c.sendall(b"NEGOTIATE_UNIX_FD\r\n")
            print(self.c.recv(4096).decode().strip())
        self.c.sendall(b"BEGIN\r\n" + bus_call(1, "Hello"))
        self.name = self.wait(lambda f, b: f.get(5) == 1)[1][4:-1].decode()
    def fill(self, n):
        while len(self.buf) < n:
            data, anc, _, _ = self.c.recvmsg(65536, socket.CMSG_SPACE(64))
            if not data:
                raise EOFError
            for lvl, typ, d in anc:
                if (lvl, typ) == (socket.SOL_SOCKET, socket.SCM_RIGHTS):
                    a = array.array("i"); a.frombytes(d[:len(d) - len(d) % 4]); self.fds.extend(a)
            self.buf += data
    def recv(self):
        self.fill(16)
        blen, _, flen = struct.unpack_from("<III", self.buf, 4)
        end = 16 + flen
        self.fill(end + (-end % 8) + blen)
        msg, self.buf = self.buf[:end + (-end % 8) + blen], self.buf[end + (-end % 8) + blen:]
        f, off = {}, 16
        while off < end:
            off += -off % 8
            code, sl = msg[off], msg[off + 1]; sig = chr(msg[off + 2]); off += 3 + sl
            if sig in "so":
                off += -off % 4; n = struct.unpack_from("<I", msg, off)[0]
                f[code] = msg[off + 4:off + 4 + n].decode(); off += 5 + n
            elif sig == "g":
                f[code] = msg[off + 1:off + 1 + msg[off]].decode(); off += 2 + msg[off]
            else:
                off += -off % 4; f[code] = struct.unpack_from("<I", msg, off)[0]; off += 4
        return f, msg[end + (-end % 8):]
    def wait(self, pred):
        while True:
            f, body = self.recv()
            if pred(f, body):
                return f, body
def send_fds(conn, dest, member, fds, claim):
    sig = b"h" * len(fds) if fds else b"h"
    body = b"".join(struct.pack("<I", i) for i in range(len(sig)))
    m = message(2, 1, 1, [(1, b"o", s("/x")), (2, b"s", s("com.example.Fd")), (3, b"s", s(member)),
                          (6, b"s", s(dest)), (9, b"u", struct.pack("<I", claim))], sig, body)
    anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds).tobytes())] if fds else []
    conn.c.sendmsg([m], anc)
a, b = Conn(sys.argv[1]), Conn(sys.argv[1])
r, w = os.pipe()
os.write(w, b"through the bus\n"); os.close(w)
f = os.open("/etc/passwd", os.O_RDONLY)
send_fds(a, b.name, "One", [r], 1)
send_fds(a, b.name, "Two", [f, r], 2)
os.close(r); os.close(f)
for member in ("One", "Two"):
    fields, body = b.wait(lambda f, b: f.get(3) in ("One", "Two"))
    n = fields.get(9)
    print(fields[3], "fds", n, "received", len(b.fds))
    got, b.fds = b.fds, []
    for fd in got:
        st = os.fstat(fd)
        kind = "fifo" if (st.st_mode & 0o170000) == 0o010000 else "file"
        print(" ", kind, os.read(fd, 16) if kind == "fifo" else os.read(fd, 5))
        os.close(fd)
c = Conn(sys.argv[1])
send_fds(c, b.name, "Short", [], 1)
try:
    c.wait(lambda f, b: False)
except EOFError:
    print("short message: disconnected")
plain = Conn(sys.argv[1], fds=False)
r, w = os.pipe()
send_fds(plain, b.name, "Unnegotiated", [r], 1)
try:
    plain.wait(lambda f, b: f.get(4) is not None and f.get(5) == 2)
except EOFError:
    print("unnegotiated: disconnected")
P
dbus-daemon --session --fork --print-pid=4 --address=unix:path=/tmp/w/bus 4>pid
python3 fds.py /tmp/w/bus
echo "python $?"
kill "$(cat pid)"
for i in $(seq 100); do kill -0 "$(cat pid)" 2>/dev/null || break; sleep 0.1; done
