/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the VM: demand paging, protections, munmap splitting,
 * MAP_FIXED, brk and copy-on-write fork.  Each test gives the test thread
 * an address space and touches it through usercopy, whose faults reach
 * vm_fault() exactly as a user program's would.
 */
#include <klib/string.h>
#include <linux/mman.h>
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/smp.h>
#include <platform/upcall.h>
#include <platform/usercopy.h>
#include <kernel/sched.h>
#include <kernel/vm.h>

#define RW   (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static void use_vm(struct vm *vm)
{
	current_thread()->vm = vm;
	if (vm)
		vm_activate(vm);
	else
		aspace_activate(NULL);
}

static size_t free_pages_now(void)
{
	struct pmm_stats st;

	pmm_stats(&st);
	return st.free_pages;
}

static int vma_count(struct vm *vm)
{
	struct vma *v;
	int n = 0;

	list_for_each_entry (v, &vm->vmas, link)
		n++;
	return n;
}

static bool mapped(struct vm *vm, uintptr_t va)
{
	return aspace_lookup(vm->as, va, NULL) != 0;
}

/* Exercise every path once so the heap has its slabs before a test counts
 * free pages: a slab kept for reuse is not a leak. */
static void warm_up(void)
{
	struct vm *vm = vm_create(), *child;
	char c = 0;
	long a;

	use_vm(vm);
	a = vm_mmap(vm, 0, 2 * PAGE_SIZE, RW, ANON);
	if (copy_to_user(uptr(a), &c, 1) == 0) {
		child = vm_fork(vm);
		use_vm(child);
		if (copy_to_user(uptr(a), &c, 1) == 0 && child)
			vm_put(child);
	}
	use_vm(NULL);
	vm_put(vm);
}

KTEST(vm, demand_paging_zero_fills_on_first_touch)
{
	size_t before = (warm_up(), free_pages_now());
	struct vm *vm = vm_create();
	char buf[16] = "xxxxxxxxxxxxxxx";
	long a;

	use_vm(vm);
	a = vm_mmap(vm, 0, 4 * PAGE_SIZE, RW, ANON);
	KTEST_EXPECT(t, a > 0 && IS_ALIGNED(a, PAGE_SIZE));
	KTEST_EXPECT(t, !mapped(vm, a));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uptr(a + PAGE_SIZE + 100), 8), 0);
	KTEST_EXPECT_EQ(t, buf[0], 0);
	KTEST_EXPECT(t, mapped(vm, a + PAGE_SIZE) && !mapped(vm, a));
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a + 3 * PAGE_SIZE - 4), "hello", 6), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uptr(a + 3 * PAGE_SIZE - 4), 6), 0);
	KTEST_EXPECT(t, !strcmp(buf, "hello"));
	KTEST_EXPECT(t, mapped(vm, a + 2 * PAGE_SIZE) && mapped(vm, a + 3 * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uptr(a + 4 * PAGE_SIZE), 1), -14);
	use_vm(NULL);
	vm_put(vm);
	KTEST_EXPECT_EQ(t, free_pages_now(), before); /* every frame came back */
}

KTEST(vm, protections_are_enforced)
{
	struct vm *vm = vm_create();
	char c = 'z';
	long a;

	use_vm(vm);
	a = vm_mmap(vm, 0, PAGE_SIZE, PROT_READ, ANON);
	KTEST_EXPECT_EQ(t, copy_from_user(&c, uptr(a), 1), 0);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a), &c, 1), -14);
	KTEST_EXPECT_EQ(t, vm_fault(vm, a, PF_WRITE_ACCESS), -13 /* EACCES */);
	KTEST_EXPECT_EQ(t, vm_fault(vm, a, PF_EXEC_ACCESS), -13);
	KTEST_EXPECT_EQ(t, vm_mprotect(vm, a, PAGE_SIZE, RW), 0);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a), &c, 1), 0);
	KTEST_EXPECT_EQ(t, vm_mprotect(vm, a, PAGE_SIZE, PROT_NONE), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(&c, uptr(a), 1), -14);
	KTEST_EXPECT_EQ(t, vm_mprotect(vm, a + 1, PAGE_SIZE, RW), -22 /* EINVAL */);
	KTEST_EXPECT_EQ(t, vm_mprotect(vm, a, 2 * PAGE_SIZE, RW), -12 /* ENOMEM: hole */);
	KTEST_EXPECT_EQ(t, vm_mprotect(vm, a, PAGE_SIZE, 0x100), -22);
	use_vm(NULL);
	vm_put(vm);
}

KTEST(vm, munmap_splits_and_validates)
{
	struct vm *vm = vm_create();
	char c = 1;
	long a;

	use_vm(vm);
	a = vm_mmap(vm, 0, 3 * PAGE_SIZE, RW, ANON);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a + PAGE_SIZE), &c, 1), 0);
	KTEST_EXPECT_EQ(t, vm_munmap(vm, a + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, vma_count(vm), 2);
	KTEST_EXPECT(t, !mapped(vm, a + PAGE_SIZE));
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a), &c, 1), 0);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a + 2 * PAGE_SIZE), &c, 1), 0);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a + PAGE_SIZE), &c, 1), -14);
	KTEST_EXPECT_EQ(t, vm_munmap(vm, a + 1, PAGE_SIZE), -22);
	KTEST_EXPECT_EQ(t, vm_munmap(vm, a, 0), -22);
	KTEST_EXPECT_EQ(t, vm_munmap(vm, USER_TOP - PAGE_SIZE, 2 * PAGE_SIZE), -22);
	KTEST_EXPECT_EQ(t, vm_munmap(vm, 0x10000000, PAGE_SIZE), 0); /* nothing there: fine */
	use_vm(NULL);
	vm_put(vm);
}

KTEST(vm, mmap_flags_and_fixed)
{
	struct vm *vm = vm_create();
	const uintptr_t at = 0x40000000;
	char c = 7, d = 0;

	use_vm(vm);
	KTEST_EXPECT_EQ(t, vm_mmap(vm, at, PAGE_SIZE, RW, ANON), at); /* free hint is used */
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(at), &c, 1), 0);
	KTEST_EXPECT_EQ(t, vm_mmap(vm, at, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE), -17);
	KTEST_EXPECT_EQ(t, vm_mmap(vm, at, PAGE_SIZE, RW, ANON | MAP_FIXED), at);
	KTEST_EXPECT_EQ(t, copy_from_user(&d, uptr(at), 1), 0);
	KTEST_EXPECT_EQ(t, d, 0); /* MAP_FIXED replaced the old page */
	KTEST_EXPECT_EQ(t, vm_mmap(vm, at + 1, PAGE_SIZE, RW, ANON | MAP_FIXED), -22);
	KTEST_EXPECT_EQ(t, vm_mmap(vm, 0, 0, RW, ANON), -22);
	KTEST_EXPECT_EQ(t, vm_mmap(vm, 0, PAGE_SIZE, RW, MAP_ANONYMOUS),
			-22); /* neither private nor shared */
	KTEST_EXPECT_EQ(t, vm_mmap(vm, 0, PAGE_SIZE, 0x80, ANON), -22);
	KTEST_EXPECT_EQ(t, vm_mmap(vm, 0, ~0ul, RW, ANON), -12);
	use_vm(NULL);
	vm_put(vm);
}

KTEST(vm, madvise_dontneed_zeroes_pages)
{
	struct vm *vm = vm_create();
	char c = 9, d = 1;
	long a;

	use_vm(vm);
	a = vm_mmap(vm, 0, 2 * PAGE_SIZE, RW, ANON);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a + PAGE_SIZE), &c, 1), 0);
	KTEST_EXPECT_EQ(t, vm_discard(vm, a, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT(t, !mapped(vm, a + PAGE_SIZE));
	KTEST_EXPECT_EQ(t, copy_from_user(&d, uptr(a + PAGE_SIZE), 1), 0);
	KTEST_EXPECT_EQ(t, d, 0);
	KTEST_EXPECT_EQ(t, vm_discard(vm, a, 3 * PAGE_SIZE), -12 /* ENOMEM */);
	use_vm(NULL);
	vm_put(vm);
}

KTEST(vm, brk_grows_and_shrinks)
{
	struct vm *vm = vm_create();
	const uintptr_t base = 0x1000000;
	char c = 3;

	use_vm(vm);
	vm->brk_start = vm->brk = base;
	KTEST_EXPECT_EQ(t, vm_brk(vm, 0), base); /* query */
	KTEST_EXPECT_EQ(t, vm_brk(vm, base + 10000), base + 10000);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(base + 9999), &c, 1), 0);
	KTEST_EXPECT_EQ(t, vm_brk(vm, base + 20000), base + 20000);
	KTEST_EXPECT_EQ(t, vma_count(vm), 1); /* grown in place */
	KTEST_EXPECT_EQ(t, vm_brk(vm, base + 100), base + 100);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(base + PAGE_SIZE), &c, 1), -14);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(base + 50), &c, 1), 0);
	KTEST_EXPECT_EQ(t, vm_brk(vm, base - 1), base + 100); /* below the start: refused */
	use_vm(NULL);
	vm_put(vm);
}

KTEST(vm, fork_copies_on_write)
{
	size_t before = (warm_up(), free_pages_now());
	struct vm *parent = vm_create(), *child;
	char c = 'A', d = 0;
	paddr_t ppa, cpa;
	long a;

	use_vm(parent);
	a = vm_mmap(parent, 0, 2 * PAGE_SIZE, RW, ANON);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a), &c, 1), 0);
	child = vm_fork(parent);
	KTEST_EXPECT(t, child != NULL);
	if (!child)
		return;
	ppa = aspace_lookup(parent->as, a, NULL);
	KTEST_EXPECT_EQ(t, aspace_lookup(child->as, a, NULL), ppa); /* shared */
	KTEST_EXPECT_EQ(t, page_refs(phys_to_page(ppa)), 2);
	KTEST_EXPECT(t, !mapped(child, a + PAGE_SIZE)); /* never touched: not shared */

	use_vm(child);
	KTEST_EXPECT_EQ(t, copy_from_user(&d, uptr(a), 1), 0);
	KTEST_EXPECT_EQ(t, d, 'A');
	c = 'B';
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a), &c, 1), 0);
	cpa = aspace_lookup(child->as, a, NULL);
	KTEST_EXPECT(t, cpa && cpa != ppa); /* the child got its own copy */
	KTEST_EXPECT_EQ(t, page_refs(phys_to_page(ppa)), 1);

	use_vm(parent);
	KTEST_EXPECT_EQ(t, copy_from_user(&d, uptr(a), 1), 0);
	KTEST_EXPECT_EQ(t, d, 'A'); /* the parent still sees its data */
	c = 'C';
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a), &c, 1), 0);
	KTEST_EXPECT_EQ(t, aspace_lookup(parent->as, a, NULL), ppa); /* last sharer: no copy */
	use_vm(NULL);
	vm_put(child);
	vm_put(parent);
	KTEST_EXPECT_EQ(t, free_pages_now(), before);
}

/* A thread that loads `vm`, leaves it (as an exiting thread does) and
 * yields while its vm pointer still names it. */
static void leave_and_yield(void *arg)
{
	struct vm *vm = arg;

	current_thread()->vm = vm;
	vm_activate(vm);
	vm_leave();
	sched_yield_cpu();
	current_thread()->vm = NULL;
}

/* The switch to a thread loads its tables whatever the thread before it
 * had: a sibling of the same vm that left it must not leave the next one
 * on the kernel's tables (at SMP=4 a thread of the pthread suite spun
 * forever in a futex's usercopy that way). */
KTEST(vm, switch_loads_the_next_threads_tables)
{
	struct thread *self = current_thread(), *th;
	cpumask_t saved = self->cpus_allowed;
	struct vm *vm = vm_create();
	irqflags_t f = irq_save();
	unsigned cpu = cpu_id();

	irq_restore(f);
	sched_set_affinity(self, 1ull << cpu);
	use_vm(vm);
	th = thread_new("leaver", leave_and_yield, vm);
	KTEST_EXPECT(t, th != NULL);
	if (th) {
		th->cpus_allowed = 1ull << cpu;
		thread_start_new(th);
		sched_yield_cpu(); /* it runs, leaves the vm, yields back */
		KTEST_EXPECT(t, aspace_cpus(vm->as) & (1ull << cpu));
		thread_join(th);
		thread_put(th);
	}
	use_vm(NULL);
	vm_put(vm);
	sched_set_affinity(self, saved);
}
