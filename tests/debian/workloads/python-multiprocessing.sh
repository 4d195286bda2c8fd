# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python multiprocessing: Pool (fork and spawn), Process+Queue, Lock/Value/Array, Event/Semaphore, exit codes, a one-way Pipe
cat > mp.py <<'P'
import multiprocessing as mp, os, signal, sys, time, ctypes
def sq(x): return x * x
def boom(x):
    if x == 3: raise ValueError("bad %d" % x)
    return x
def producer(q, n):
    for i in range(n): q.put((os.getpid() != 0, i * 10))
    q.put(None)
def locked_add(lock, val, arr, n):
    for _ in range(n):
        with lock:
            val.value += 1
            arr[os.getpid() % 1] += 1
def waiter(ev, sem, out):
    ev.wait(10)
    with sem:
        out.put("got")
def exiter(code): sys.exit(code)
if __name__ == "__main__":
    ctx = mp.get_context("fork")
    with ctx.Pool(4) as pool:
        print("map", pool.map(sq, range(12)))
        print("imap", list(pool.imap(sq, range(5), chunksize=2)))
        print("unordered", sorted(pool.imap_unordered(sq, range(6))))
        print("starmap", pool.starmap(pow, [(2, 3), (3, 2)]))
        r = pool.apply_async(boom, (3,))
        try: r.get(10)
        except ValueError as e: print("apply_async raised", type(e).__name__, e)
        try: pool.map(boom, range(5))
        except ValueError as e: print("map raised", e)
    q = ctx.Queue()
    p = ctx.Process(target=producer, args=(q, 5)); p.start()
    got = []
    while (item := q.get(timeout=20)) is not None: got.append(item)
    p.join(); print("queue", got, "exitcode", p.exitcode)
    lock = ctx.Lock(); val = ctx.Value("i", 0); arr = ctx.Array(ctypes.c_long, 1)
    ps = [ctx.Process(target=locked_add, args=(lock, val, arr, 200)) for _ in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("value", val.value, "array", arr[:], "codes", [p.exitcode for p in ps])
    ev = ctx.Event(); sem = ctx.Semaphore(2); out = ctx.Queue()
    ws = [ctx.Process(target=waiter, args=(ev, sem, out)) for _ in range(3)]
    for w in ws: w.start()
    time.sleep(0.1); print("event set before", ev.is_set()); ev.set()
    print("waiters", sorted(out.get(timeout=20) for _ in ws))
    for w in ws: w.join()
    print("sem value", sem.get_value())
    codes = []
    for c in (0, 3):
        p = ctx.Process(target=exiter, args=(c,)); p.start(); p.join(); codes.append(p.exitcode)
    p = ctx.Process(target=time.sleep, args=(30,)); p.start(); p.terminate(); p.join()
    codes.append(p.exitcode); print("exitcodes", codes)
    a, b = ctx.Pipe(duplex=False); b.send({"k": [1, 2]}); print("pipe", a.recv()); a.close(); b.close()
    sp = mp.get_context("spawn")
    with sp.Pool(2) as pool:
        print("spawn map", pool.map(sq, range(6)))
    print("children left", mp.active_children())
P
python3 mp.py
