/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the vDSO's kernel side: the image's pages hold the ELF
 * shared object, the data page's clock is time_ns() to the nanosecond
 * (the vDSO's arithmetic, done here), and publishing the realtime offset
 * moves the seqcount by two.
 */
#include <klib/string.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <platform/time.h>
#include <platform/vdso.h>
#include "../x64.h"
#include "vdso_data.h"

KTEST(vdso, image_pages_hold_the_elf)
{
	const unsigned char *p;

	KTEST_EXPECT_EQ(t, vdso_pages(VDSO_PART_DATA), VDSO_DATA_PAGES);
	KTEST_EXPECT(t, vdso_pages(VDSO_PART_TEXT) >= 1);
	p = page_address(vdso_page(VDSO_PART_TEXT, 0));
	KTEST_EXPECT(t, p[0] == 0x7f && p[1] == 'E' && p[2] == 'L' && p[3] == 'F');
	KTEST_EXPECT(t, vdso_page(VDSO_PART_TEXT, vdso_pages(VDSO_PART_TEXT)) == NULL);
	KTEST_EXPECT(t, vdso_page(VDSO_PART_DATA, VDSO_DATA_PAGES) == NULL);
}

KTEST(vdso, data_page_reads_time_ns)
{
	const struct vdso_data *d = page_address(vdso_page(VDSO_PART_DATA, 0));
	uint64_t before = time_ns();
	uint64_t ns = (uint64_t)(((unsigned __int128)(rdtsc() - d->tsc_boot) * d->ns_mult) >> 32);
	uint64_t after = time_ns();

	KTEST_EXPECT(t, d->flags & VDSO_CLOCK_TSC);
	KTEST_EXPECT(t, before <= ns && ns <= after);
}

KTEST(vdso, realtime_publish_moves_seqcount)
{
	struct vdso_data *d = page_address(vdso_page(VDSO_PART_DATA, 0));
	int64_t old = d->realtime_offset_ns;
	uint32_t seq = d->seq;

	KTEST_EXPECT_EQ(t, seq & 1, 0);
	vdso_set_realtime_offset(old + 12345);
	KTEST_EXPECT_EQ(t, d->seq, seq + 2);
	KTEST_EXPECT_EQ(t, d->realtime_offset_ns, old + 12345);
	vdso_set_realtime_offset(old);
	KTEST_EXPECT_EQ(t, d->realtime_offset_ns, old);
}
