# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# python concurrent.futures: thread and process pools (fork, spawn), as_completed, wait, exceptions, initializer, shutdown, a broken pool
cat > fut.py <<'P'
import concurrent.futures as cf, os, sys, threading, time
def sq(x): return x * x
def fail(x):
    if x % 3 == 0: raise KeyError(x)
    return -x
def die(x): os._exit(7)
def slow(x):
    time.sleep(x)
    return x
def init(tag): os.environ["WORKER_TAG"] = tag
def tag(_): return os.environ.get("WORKER_TAG")
if __name__ == "__main__":
    with cf.ThreadPoolExecutor(max_workers=4, thread_name_prefix="tp") as ex:
        fs = {ex.submit(sq, i): i for i in range(8)}
        done = sorted((fs[f], f.result()) for f in cf.as_completed(fs, timeout=20))
        print("threads as_completed", done)
        print("threads names", sorted({n[:2] for n in ex.map(lambda _: threading.current_thread().name, range(8))}))
        f = ex.submit(fail, 3)
        print("threads exception", type(f.exception(10)).__name__, f.exception())
    for method in ("fork", "spawn"):
        import multiprocessing as mp
        with cf.ProcessPoolExecutor(max_workers=3, mp_context=mp.get_context(method),
                                    initializer=init, initargs=(method,)) as ex:
            print(method, "map", list(ex.map(sq, range(10), chunksize=3)))
            fs = [ex.submit(fail, i) for i in range(6)]
            res = []
            for f in fs:
                try: res.append(f.result(20))
                except KeyError as e: res.append("KeyError(%s)" % e)
            print(method, "results", res)
            print(method, "initializer", set(ex.map(tag, range(6))))
            fs = [ex.submit(slow, 0.2) for _ in range(3)]
            done, pending = cf.wait(fs, timeout=20, return_when=cf.ALL_COMPLETED)
            print(method, "wait", len(done), len(pending))
            try: list(ex.map(fail, [1, 2, 3]))
            except KeyError as e: print(method, "map raised KeyError", e)
    ex = cf.ProcessPoolExecutor(max_workers=1)
    f0 = ex.submit(slow, 0.5); rest = [ex.submit(sq, i) for i in range(5)]
    ex.shutdown(wait=True, cancel_futures=True)
    print("shutdown cancel", f0.result(), sum(f.cancelled() for f in rest) + sum(f.done() and not f.cancelled() for f in rest))
    try: ex.submit(sq, 1)
    except RuntimeError as e: print("after shutdown", e)
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        f = ex.submit(die, 0)
        try: f.result(30)
        except cf.process.BrokenProcessPool as e: print("broken", type(e).__name__)
        try: ex.submit(sq, 2)
        except cf.process.BrokenProcessPool as e: print("submit on broken", type(e).__name__)
    f = cf.Future(); print("future states", f.running(), f.cancel(), f.cancelled(), f.done())
    try: f.result(0)
    except cf.CancelledError: print("cancelled result raises")
P
python3 fut.py
