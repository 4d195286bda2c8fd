# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python threading: four threads, a lock, a queue, a condition, join; concurrent.futures
python3 - <<'P'
import threading, queue, concurrent.futures
lock = threading.Lock(); total = [0]; q = queue.Queue(); results = {}
def work(n):
    s = sum(i * i for i in range(20000 * (n + 1)))
    with lock:
        total[0] += s
    q.put((n, s % 1000003))
    results[n] = threading.current_thread().name
ts = [threading.Thread(target=work, args=(i,), name="w%d" % i) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("total", total[0], "alive", [t.is_alive() for t in ts])
print(sorted(q.get() for _ in range(4)), sorted(results.items()))
print("active", threading.active_count(), "main", threading.current_thread() is threading.main_thread())
cond = threading.Condition(); box = []
def producer():
    for i in range(5):
        with cond:
            box.append(i); cond.notify()
def consumer(out):
    got = 0
    while got < 5:
        with cond:
            while not box:
                cond.wait()
            out.append(box.pop(0)); got += 1
out = []; c = threading.Thread(target=consumer, args=(out,)); p = threading.Thread(target=producer)
c.start(); p.start(); p.join(); c.join(); print("consumed", out)
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
    print("pool", list(ex.map(lambda x: x * x, range(10))))
ev = threading.Event(); timer = threading.Timer(0.05, ev.set); timer.start()
print("event", ev.wait(5)); timer.join()
P
