# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# What a hung Kevlar was doing, read through QEMU's gdb stub (run-qemu.sh
# runs this before a test boot's TIMEOUT, tests/fuzz/run.sh when the
# fuzzer goes silent): each CPU's registers and backtrace,
# every process's threads with their state and the backtrace of their
# saved kernel stack (frame pointers: the kernel keeps them), QEMU's view
# of the local APICs, each CPU's kernel timers and run queue, and the tail
# of the kernel log (the messages `quiet` kept off the console).
# usage: gdb -nx -batch -ex 'target remote SOCKET' -x tools/hang-report.py kevlar.elf
import struct

import gdb

KERNEL_MIN = 0xFFFF800000000000
SWITCH_RBP = 5 * 8  # switch_stacks pushes rbp rbx r12 r13 r14 r15 (x64/switch.S)
SWITCH_RET = 6 * 8


def u64(addr):
    return struct.unpack("<Q", bytes(gdb.selected_inferior().read_memory(addr, 8)))[0]


def offset(tname, field):
    for f in gdb.lookup_type(tname).fields():
        if f.name == field:
            return f.bitpos // 8
    raise gdb.GdbError("no field %s in %s" % (field, tname))


def where(pc):
    b = gdb.block_for_pc(pc)
    while b is not None and b.function is None:
        b = b.superblock
    name = b.function.name if b is not None else "?"
    sal = gdb.find_pc_line(pc)
    at = "%s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else ""
    return "%#x %s %s" % (pc, name, at)


def frames(rip, rbp, limit=20):
    out = [where(rip)]
    for _ in range(limit):
        if rbp < KERNEL_MIN:
            break
        try:
            ret, rbp = u64(rbp + 8), u64(rbp)
        except gdb.MemoryError:
            break
        if ret < KERNEL_MIN:
            break
        out.append(where(ret))
    return out


def each(head, link_off):
    node = u64(head)
    n = 0
    while node != head and n < 4096:
        yield node - link_off
        node = u64(node)
        n += 1


def threads():
    pt = gdb.lookup_type("struct process").pointer()
    tt = gdb.lookup_type("struct thread").pointer()
    head = int(gdb.parse_and_eval("&all_processes"))
    for pa in each(head, offset("struct process", "all_link")):
        p = gdb.Value(pa).cast(pt).dereference()
        print("process %d (%s) state %s stopped %d pending %#x" % (
            int(p["pid"]), p["comm"].string(length=16).split("\0")[0], p["state"],
            int(p["stopped"]), int(p["sig_pending"])))
        th = pa + offset("struct process", "threads")
        for ta in each(th, offset("struct thread", "group_link")):
            t = gdb.Value(ta).cast(tt).dereference()
            print("  thread %d state %s on_cpu %d pending %#x" % (
                int(t["tid"]), t["state"], int(t["on_cpu"]), int(t["sig_pending"])))
            if int(t["on_cpu"]):
                print("    (running: the CPU's backtrace above)")
                continue
            sp = int(t["ctx"]["rsp"])
            try:
                for f in frames(u64(sp + SWITCH_RET), u64(sp + SWITCH_RBP)):
                    print("    " + f)
            except gdb.MemoryError:
                print("    (stack unreadable at %#x)" % sp)


def klog(tail=3000):
    buf = gdb.parse_and_eval("'log.c'::log_buf")
    size = int(buf.type.sizeof)
    head = int(gdb.parse_and_eval("'log.c'::log_head"))
    n = min(tail, head, size)
    start, mem = int(buf.address), gdb.selected_inferior()
    first = (head - n) % size
    raw = bytes(mem.read_memory(start + first, min(n, size - first)))
    if len(raw) < n:  # the ring wrapped
        raw += bytes(mem.read_memory(start, n - len(raw)))
    print(raw.decode("utf-8", "replace"))


def cpus():  # one gdb thread per virtual CPU
    gdb.execute("thread apply all info registers rip rsp eflags")
    gdb.execute("thread apply all bt 25")


def apics():  # QEMU's view: in-service and requested vectors, the timer
    for i in range(len(gdb.selected_inferior().threads())):
        gdb.execute("monitor info lapic %d" % i)
    for v in ("tsc_freq", "ns_mult", "lapic_hz", "lapic_mult", "lapic_deadline_mode"):
        try:
            print("%s = %d" % (v, int(gdb.parse_and_eval(v))))
        except gdb.error as e:
            print("%s: %s" % (v, e))


def timers():
    """Each CPU's pending kernel timers (deadlines in time_ns) and its run
    queue: a timer that never runs, or a tick that stopped, shows here."""
    kt = gdb.lookup_type("struct ktimer").pointer()
    ncpu = int(gdb.parse_and_eval("sizeof('timer.c'::bases) / sizeof('timer.c'::bases[0])"))
    link = offset("struct ktimer", "link")
    for cpu in range(ncpu):
        rq = gdb.parse_and_eval("'sched.c'::runqueues[%d]" % cpu)
        head = int(gdb.parse_and_eval("&'timer.c'::bases[%d].pending" % cpu))
        pending = list(each(head, link))
        if not pending and not int(rq["nr"]) and not int(rq["ticks"]):
            continue
        print("cpu %d: queued %d ticks %d (the last at %d) tickless %d, %d timers" % (
            cpu, int(rq["nr"]), int(rq["ticks"]), int(rq["last_tick"]), int(rq["tickless"]),
            len(pending)))
        for ta in pending[:32]:
            t = gdb.Value(ta).cast(kt).dereference()
            print("  deadline %d armed %d running %d %s" % (
                int(t["deadline"]), int(t["armed"]), int(t["running"]),
                where(int(t["fn"]))))


for title, fn in (("the CPUs", cpus),
                  ("the local APICs", apics),
                  ("kernel timers and run queues", timers),
                  ("processes and their threads", threads),
                  ("the kernel log's tail", klog)):
    print("---- %s ----" % title)
    try:
        fn()
    except (gdb.error, gdb.MemoryError) as e:
        print("(%s)" % e)
