/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the x86_64 platform: W^X and the absent identity map,
 * FPU state across context switches, the exception-table fixup, the
 * IOAPIC and serial interrupt path, the clock and timer, symbolization.
 */
#include <klib/string.h>
#include <platform/console.h>
#include <platform/dma.h>
#include <platform/context.h>
#include <platform/irq.h>
#include <platform/kmalloc.h>
#include <platform/mmu.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include "../core/core.h"
#include "cpu.h"
#include "x64.h"

#define PTE_W  (1ull << 1)
#define PTE_NX (1ull << 63)

extern char __text_start[], __rodata_start[], __data_start[];

KTEST(x64, text_is_read_only_and_executable)
{
	uint64_t pte = paging_kernel_pte((uintptr_t)__text_start);
	char c = 0;

	KTEST_EXPECT(t, pte != 0);
	KTEST_EXPECT(t, !(pte & PTE_W));
	KTEST_EXPECT(t, !(pte & PTE_NX));
	/* a write through the fixup-protected copy faults instead of landing */
	KTEST_EXPECT_EQ(t, raw_copy_user(__text_start, &c, 1), 1);
}

KTEST(x64, rodata_is_read_only_and_not_executable)
{
	uint64_t pte = paging_kernel_pte((uintptr_t)__rodata_start);
	char c = 0;

	KTEST_EXPECT(t, !(pte & PTE_W));
	KTEST_EXPECT(t, pte & PTE_NX);
	KTEST_EXPECT_EQ(t, raw_copy_user(__rodata_start, &c, 1), 1);
}

KTEST(x64, data_and_direct_map_are_not_executable)
{
	struct page *p = alloc_page(0);

	KTEST_EXPECT(t, paging_kernel_pte((uintptr_t)__data_start) & PTE_W);
	KTEST_EXPECT(t, paging_kernel_pte((uintptr_t)__data_start) & PTE_NX);
	KTEST_EXPECT(t, paging_kernel_pte((uintptr_t)page_address(p)) & PTE_NX);
	free_page(p);
}

KTEST(x64, low_memory_is_not_identity_mapped)
{
	char buf[8];

	KTEST_EXPECT_EQ(t, paging_kernel_pte(0), 0);
	KTEST_EXPECT_EQ(t, paging_kernel_pte(0x100000), 0);
	KTEST_EXPECT_EQ(t, raw_copy_user(buf, (const void *)16, sizeof(buf)), sizeof(buf));
}

/* ---- FPU state survives a context switch ---- */

static struct arch_context fpu_main, fpu_other;

static void set_xmm0(uint64_t v)
{
	/* no clobber: the kernel is built without SSE, xmm0 is never ours */
	__asm__ volatile("movq %0, %%xmm0" ::"r"(v));
}

static uint64_t get_xmm0(void)
{
	uint64_t v;

	__asm__ volatile("movq %%xmm0, %0" : "=r"(v));
	return v;
}

static void fpu_other_fn(void *arg)
{
	uint64_t *seen = arg;

	*seen = get_xmm0(); /* a fresh context starts with clean state */
	set_xmm0(0x2222222222222222ull);
	context_switch(&fpu_other, &fpu_main);
	for (;;) /* never resumed */
		cpu_relax();
}

KTEST(x64, fpu_state_is_per_context)
{
	struct page *stack = alloc_page(0);
	uint64_t seen = 1;
	irqflags_t f = irq_save();
	uintptr_t kstack = this_cpu()->kstack_top;

	KTEST_EXPECT(t, context_init_current(&fpu_main, (void *)kstack) == 0);
	KTEST_EXPECT(t, context_init(&fpu_other, (char *)page_address(stack) + PAGE_SIZE,
				     fpu_other_fn, &seen) == 0);
	set_xmm0(0x1111111111111111ull);
	context_switch(&fpu_main, &fpu_other);
	KTEST_EXPECT(t, get_xmm0() == 0x1111111111111111ull);
	KTEST_EXPECT_EQ(t, seen, 0);
	irq_restore(f);
	context_free(&fpu_main);
	context_free(&fpu_other);
	free_page(stack);
}

/* ---- interrupts ---- */

static void dummy_irq(unsigned irq, void *ctx)
{
}

KTEST(x64, ioapic_routes_and_masks)
{
	const unsigned irq = 5; /* unused ISA line on QEMU's pc machine */
	uint64_t e;

	KTEST_EXPECT(t, ioapic_npins() >= 16);
	KTEST_EXPECT_EQ(t, irq_register(irq, dummy_irq, NULL), 0);
	KTEST_EXPECT_EQ(t, irq_register(irq, dummy_irq, NULL), -16 /* EBUSY */);
	e = ioapic_entry(irq);
	KTEST_EXPECT_EQ(t, e & 0xff, VEC_IRQ_BASE + irq);
	KTEST_EXPECT(t, !(e & (1u << 16)));
	irq_unregister(irq);
	KTEST_EXPECT(t, ioapic_entry(irq) & (1u << 16));
	KTEST_EXPECT_EQ(t, irq_register(99, dummy_irq, NULL), -22 /* EINVAL */);
}

struct rx_state {
	char c;
	int n;
};

static void loop_rx(char c, void *ctx)
{
	struct rx_state *s = ctx;

	s->c = c;
	s->n++;
}

KTEST(x64, serial_receive_interrupt_via_ioapic)
{
	struct rx_state s = {0, 0};
	uint64_t deadline;

	KTEST_EXPECT_EQ(t, console_set_rx(loop_rx, &s), 0);
	console_loopback(true);
	console_tx_raw('K');
	deadline = time_ns() + 200000000ull;
	while (!READ_ONCE(s.n) && time_ns() < deadline)
		cpu_relax();
	console_loopback(false);
	console_set_rx(NULL, NULL);
	KTEST_EXPECT_EQ(t, s.n, 1);
	KTEST_EXPECT_EQ(t, s.c, 'K');
}

/* ---- usercopy ---- */

KTEST(usercopy, unmapped_user_address_gives_efault)
{
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uptr(0x1000), 8), -14);
	KTEST_EXPECT_EQ(t, buf[0], 0); /* no stale data on failure */
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(0x7ffffffff000ul), buf, 8), -14);
	KTEST_EXPECT_EQ(t, clear_user(uptr(0x2000), 8), -14);
	KTEST_EXPECT_EQ(t, strncpy_from_user(buf, uptr(0x3000), 8), -14);
}

KTEST(usercopy, kernel_address_gives_efault)
{
	char buf[8];
	static const char secret[8] = "secret";

	if (!CONFIG_ACCESS_OK) { /* the ludicrous trade-off: only the fault fixup */
		ktest_skip(t, "user pointers are not range-checked in this profile");
		return;
	}
	KTEST_EXPECT_EQ(t, copy_from_user(buf, uptr((uintptr_t)secret), 8), -14);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr((uintptr_t)buf), secret, 8), -14);
	KTEST_EXPECT(t, !access_ok(uptr(USER_TOP - 4), 8));
	KTEST_EXPECT(t, !access_ok(uptr(0x1000), ~0ul));
	KTEST_EXPECT(t, access_ok(uptr(0x1000), 4096));
}

KTEST(usercopy, mapped_user_page_round_trip)
{
	struct aspace *as = aspace_create();
	struct page *p = alloc_page(PAF_ZERO);
	const uintptr_t va = 0x10000000;
	char out[32], in[32];

	KTEST_EXPECT(t, as && p);
	if (!as || !p)
		return;
	KTEST_EXPECT_EQ(t, aspace_map(as, va, page_to_phys(p), MMU_READ | MMU_WRITE | MMU_USER), 0);
	aspace_activate(as);
	strlcpy(out, "through the user window", sizeof(out));
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(va), out, sizeof(out)), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(in, uptr(va), sizeof(in)), 0);
	KTEST_EXPECT(t, !memcmp(in, out, sizeof(out)));
	KTEST_EXPECT(t, !memcmp(page_address(p), out, sizeof(out)));
	KTEST_EXPECT_EQ(t, strncpy_from_user(in, uptr(va), sizeof(in)), 23);
	KTEST_EXPECT_EQ(t, strncpy_from_user(in, uptr(va), 5), -36 /* ENAMETOOLONG */);
	/* a copy running off the end of the mapping fails as a whole */
	KTEST_EXPECT_EQ(t, copy_from_user(in, uptr(va + PAGE_SIZE - 8), 16), -14);
	/* the raw copies stop at the exact faulting byte, in the 8-byte loop too */
	KTEST_EXPECT_EQ(t, raw_copy_user(in, (void *)(va + PAGE_SIZE - 13), 32), 19);
	KTEST_EXPECT_EQ(t, raw_copy_user((void *)(va + PAGE_SIZE - 16), out, 32), 16);
	KTEST_EXPECT_EQ(t, raw_copy_user((void *)(va + PAGE_SIZE - 3), out, 2), 0);
	KTEST_EXPECT_EQ(t, raw_clear_user((void *)(va + PAGE_SIZE - 21), 64), 43);
	KTEST_EXPECT_EQ(t, ((char *)page_address(p))[PAGE_SIZE - 1], 0);
	/* ... while the _upto forms stop exactly at the fault */
	memset(in, 'x', sizeof(in));
	KTEST_EXPECT_EQ(t, copy_from_user_upto(in, uptr(va + PAGE_SIZE - 8), 16), 8);
	KTEST_EXPECT_EQ(t, in[8], 0); /* the uncopied tail is zeroed */
	KTEST_EXPECT_EQ(t, copy_to_user_upto(uptr(va + PAGE_SIZE - 3), out, 16), 3);
	KTEST_EXPECT_EQ(t, ((char *)page_address(p))[PAGE_SIZE - 1], out[2]);
	KTEST_EXPECT_EQ(t, copy_to_user_upto(uptr(va), out, sizeof(out)), sizeof(out));
	KTEST_EXPECT_EQ(t, copy_to_user_upto(uptr(USER_TOP - 4), out, 8), 0);
	KTEST_EXPECT_EQ(t, clear_user(uptr(va), 8), 0);
	KTEST_EXPECT_EQ(t, ((char *)page_address(p))[0], 0);
	KTEST_EXPECT_EQ(t, aspace_unmap(as, va), page_to_phys(p));
	KTEST_EXPECT_EQ(t, copy_from_user(in, uptr(va), 1), -14);
	KTEST_EXPECT_EQ(t, copy_from_user_upto(in, uptr(va), 8), 0);
	aspace_destroy(as);
	free_page(p);
}

/* aspace_next() finds each frame in order across absent tables, PROT_NONE
 * entries included, and stops at `end`. */
KTEST(paging, next_skips_absent_tables)
{
	static const uintptr_t vas[] = {0x400000, 0x401000, 0x7fff000, 0x40000000, 0x7ffffffff000};
	struct aspace *as = aspace_create();
	struct page *p = alloc_page(PAF_ZERO);
	uintptr_t va = 0;
	unsigned n = 0;
	paddr_t pa;

	KTEST_EXPECT(t, as && p);
	if (!as || !p)
		return;
	for (unsigned i = 0; i < ARRAY_SIZE(vas); i++)
		KTEST_EXPECT_EQ(
			t,
			aspace_map(as, vas[i], page_to_phys(p), i == 2 ? 0 : MMU_READ | MMU_USER),
			0);
	for (; (pa = aspace_next(as, &va, USER_TOP)); va += PAGE_SIZE, n++) {
		KTEST_EXPECT(t, n < ARRAY_SIZE(vas));
		if (n >= ARRAY_SIZE(vas))
			break;
		KTEST_EXPECT_EQ(t, va, vas[n]);
		KTEST_EXPECT_EQ(t, pa, page_to_phys(p));
	}
	KTEST_EXPECT_EQ(t, n, ARRAY_SIZE(vas));
	va = 0x402000;
	KTEST_EXPECT_EQ(t, aspace_next(as, &va, 0x7fff000), 0);
	va = 0x401000;
	KTEST_EXPECT_EQ(t, aspace_next(as, &va, 0x402000), page_to_phys(p));
	KTEST_EXPECT_EQ(t, va, 0x401000);
	for (unsigned i = 0; i < ARRAY_SIZE(vas); i++)
		aspace_unmap(as, vas[i]);
	aspace_destroy(as);
	free_page(p);
}

/* ---- time ---- */

KTEST(timer, tsc_is_calibrated_and_monotonic)
{
	uint64_t prev = time_ns();

	KTEST_EXPECT(t, tsc_hz() > 100000000ull && tsc_hz() < 100000000000ull);
	for (int i = 0; i < 1000; i++) {
		uint64_t now = time_ns();

		KTEST_EXPECT(t, now >= prev);
		prev = now;
	}
}

KTEST(timer, udelay_waits_at_least_as_asked)
{
	uint64_t t0 = time_ns();

	udelay(2000);
	KTEST_EXPECT(t, time_ns() - t0 >= 2000000ull);
}

KTEST(timer, timer_interrupts_arrive)
{
	uint64_t before, end;

	preempt_disable(); /* stay on this CPU: the count is per CPU */
	before = this_cpu()->irq_count;
	/* 5 ticks take 20 ms; the bound is 2 s because a loaded host may
	 * not run this virtual CPU for most of a shorter one */
	end = time_ns() + 2000000000ull;
	KTEST_EXPECT(t, irq_enabled());
	while (time_ns() < end && this_cpu()->irq_count - before < 5)
		cpu_relax();
	KTEST_EXPECT(t, this_cpu()->irq_count - before >= 5);
	preempt_enable();
}

/* ---- symbols ---- */

KTEST(ksyms, lookup_finds_function_and_offset)
{
	uintptr_t off = 99;
	const char *name = ksym_lookup((uintptr_t)ksym_lookup, &off);

	KTEST_EXPECT(t, name && !strcmp(name, "ksym_lookup"));
	KTEST_EXPECT_EQ(t, off, 0);
	name = ksym_lookup((uintptr_t)ksym_lookup + 3, &off);
	KTEST_EXPECT(t, name && !strcmp(name, "ksym_lookup"));
	KTEST_EXPECT_EQ(t, off, 3);
	KTEST_EXPECT(t, ksym_lookup(0x1000, &off) == NULL);
}

/* A one-shot timer stopped behind the kernel's back (initial count 0) is
 * armed again before the CPU idles, so a sleeper's timer still fires. */
KTEST(x64, stopped_timer_is_rearmed_before_idle)
{
	irqflags_t f;
	uint32_t stopped, after;

	if (lapic_deadline_mode) {
		ktest_skip(t, "the timer runs in TSC-deadline mode");
		return;
	}
	f = irq_save();
	timer_arm(0); /* what the fuzz run's hang report showed: initial count 0 */
	stopped = lapic_timer_initial();
	timer_check_armed();
	after = lapic_timer_initial();
	timer_arm(1000000); /* the tick comes back in 1 ms in any case */
	irq_restore(f);
	KTEST_EXPECT_EQ(t, stopped, 0u);
	KTEST_EXPECT(t, after != 0);
}

/* Under QEMU's TCG (the CPU's brand string says so) the emulator is
 * recognised, so dma_mb() adds the I/O access that orders the stores for
 * QEMU's device threads (dma.c). */
KTEST(x64, tcg_is_recognised_for_dma_barriers)
{
	if (strncmp(cpu_features.model, "QEMU TCG CPU", 12)) {
		ktest_skip(t, "not QEMU's TCG CPU model");
		return;
	}
	KTEST_EXPECT(t, cpu_features.tcg);
	dma_mb(); /* and it returns */
}
