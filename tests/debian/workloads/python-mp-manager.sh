# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python multiprocessing over AF_UNIX sockets: a duplex Pipe (socketpair) and a Manager (its server listens on a Unix socket)
cat > mgr.py <<'P'
import multiprocessing as mp
def fill(d, l, i):
    d[i] = i * i
    l.append(i)
def echo(conn):
    conn.send(conn.recv() * 2); conn.close()
if __name__ == "__main__":
    a, b = mp.Pipe()
    p = mp.Process(target=echo, args=(b,)); p.start(); a.send(21); print("duplex pipe", a.recv()); p.join()
    with mp.Manager() as m:
        d, l = m.dict(), m.list()
        ps = [mp.Process(target=fill, args=(d, l, i)) for i in range(4)]
        for p in ps: p.start()
        for p in ps: p.join()
        print("manager dict", sorted(d.items()), "list", sorted(l))
        ns = m.Namespace(); ns.x = 5; print("namespace", ns.x)
P
python3 mgr.py
