/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The kernel's side of the vDSO: at boot, the embedded image (image.S) is
 * copied into pages of its own and the data page is filled with the
 * clock's parameters (the TSC at boot and the ns multiplier time_ns()
 * uses, so both sides read the same clock), the realtime offset and how
 * user mode can learn its CPU.  Each CPU's IA32_TSC_AUX holds its number
 * for RDPID/RDTSCP.
 *
 * The vDSO's clocks are trusted exactly when the kernel's are: time_ns()
 * is the TSC on every CPU whatever CPUID says about invariance (QEMU's
 * TCG CPUs do not claim it, yet their TSCs are one clock), so user mode
 * reading the same counter with the same scale gives the same answers as
 * the system call.  `tsc=unstable` on the command line sends the clocks
 * to the system call instead (Linux's switch of the same name takes the
 * TSC from its vDSO too).
 */
#include <klib/cmdline.h>
#include <klib/string.h>
#include <platform/boot.h>
#include <platform/log.h>
#include <platform/page.h>
#include <platform/panic.h>
#include <platform/vdso.h>
#include "../x64.h"
#include <platform/time.h>
#include "vdso_data.h"

#define MSR_TSC_AUX	 0xc0000103
#define VDSO_TEXT_MAX	 4	    /* pages; vdso_init panics if the image outgrows it */
#define COARSE_RES_NS	 4000000    /* the tick, SCHED_SLICE_NS (Debian's HZ=250) */
#define CPUID_RDTSCP_EDX (1u << 27) /* CPUID 0x80000001:EDX */
#define CPUID_RDPID_ECX	 (1u << 22) /* CPUID 7.0:ECX */

extern const char vdso_image[], vdso_image_end[];

static struct page *data_page;
static struct page *text_pages[VDSO_TEXT_MAX];
static size_t text_npages;
static bool tsc_aux_ok; /* RDPID or RDTSCP exists: each CPU sets IA32_TSC_AUX */

static struct vdso_data *vvar(void)
{
	return page_address(data_page);
}

size_t vdso_pages(enum vdso_part part)
{
	if (!data_page)
		return 0;
	return part == VDSO_PART_DATA ? VDSO_DATA_PAGES : text_npages;
}

struct page *vdso_page(enum vdso_part part, size_t i)
{
	if (part == VDSO_PART_DATA)
		return i < VDSO_DATA_PAGES ? data_page : NULL;
	return i < text_npages ? text_pages[i] : NULL;
}

/* Writers are serialized by the caller (kernel/syscalls/time.c's lock);
 * the release stores order the odd count before the value and the value
 * before the even count (x86 keeps stores in order; the compiler must). */
void vdso_set_realtime_offset(int64_t ns)
{
	struct vdso_data *d;
	uint32_t seq;

	if (!data_page)
		return;
	d = vvar();
	seq = __atomic_load_n(&d->seq, __ATOMIC_RELAXED);
	__atomic_store_n(&d->seq, seq + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&d->realtime_offset_ns, ns, __ATOMIC_RELEASE);
	__atomic_store_n(&d->seq, seq + 2, __ATOMIC_RELEASE);
}

/* How user mode reads its CPU number: RDPID where the CPU has it (no TSC
 * read), else RDTSCP, else 0 (the system call).  One flag at most. */
static uint32_t getcpu_flag(void)
{
	uint32_t r[4];

	if (cpu_features.max_leaf >= 7) {
		cpuid(7, 0, r);
		if (r[2] & CPUID_RDPID_ECX)
			return VDSO_CPU_BY_RDPID;
	}
	cpuid(0x80000000, 0, r);
	if (r[0] >= 0x80000001) {
		cpuid(0x80000001, 0, r);
		if (r[3] & CPUID_RDTSCP_EDX)
			return VDSO_CPU_BY_RDTSCP;
	}
	return 0;
}

void vdso_init(void)
{
	size_t len = (size_t)(vdso_image_end - vdso_image);
	struct vdso_data *d;
	char opt[16];

	text_npages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
	if (text_npages > VDSO_TEXT_MAX)
		panic("vdso: the image (%zu bytes) outgrew VDSO_TEXT_MAX", len);
	data_page = alloc_page(PAF_ZERO);
	if (!data_page)
		panic("vdso: no memory for the data page");
	for (size_t i = 0; i < text_npages; i++) {
		size_t n = len - i * PAGE_SIZE < PAGE_SIZE ? len - i * PAGE_SIZE : PAGE_SIZE;

		text_pages[i] = alloc_page(PAF_ZERO);
		if (!text_pages[i])
			panic("vdso: no memory for the image");
		memcpy(page_address(text_pages[i]), vdso_image + i * PAGE_SIZE, n);
	}
	d = vvar();
	time_tsc_params(&d->tsc_boot, &d->ns_mult);
	d->coarse_res_ns = COARSE_RES_NS;
	d->realtime_offset_ns = wall_clock_boot_seconds() * 1000000000ll;
	d->flags = getcpu_flag();
	tsc_aux_ok = d->flags != 0;
	if (!(cmdline_get(boot_cmdline(), "tsc", opt, sizeof(opt)) > 0 && !strcmp(opt, "unstable")))
		d->flags |= VDSO_CLOCK_TSC;
	pr_info("vdso: %zu-page image, clocks %s, getcpu by %s\n", text_npages,
		(d->flags & VDSO_CLOCK_TSC) ? "from the TSC" : "by system call",
		(d->flags & VDSO_CPU_BY_RDPID)	  ? "RDPID"
		: (d->flags & VDSO_CPU_BY_RDTSCP) ? "RDTSCP"
						  : "system call");
}

void vdso_init_cpu(unsigned cpu)
{
	if (tsc_aux_ok)
		wrmsr(MSR_TSC_AUX, cpu & VDSO_CPU_MASK);
}
