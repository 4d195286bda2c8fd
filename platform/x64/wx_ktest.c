/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of W^X over every alias of the kernel image (suite "wx"):
 * text, rodata and data reached through their link address and through
 * the direct map, probed with a fault-catching write and call (probe.S),
 * and a walk of all kernel page tables.  Text is executable only at its
 * link address; no alias of text or rodata is writable; nothing else in
 * the kernel half is executable.  Run in every profile.
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <arch/physmap.h>
#include "x64.h"

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_start[], __bss_end[];

/* `mov $PROBE_TARGET_VALUE, %eax; ret`, for calls into non-text memory */
#define RET_CODE                                        \
	{                                               \
		0xb8, PROBE_TARGET_VALUE, 0, 0, 0, 0xc3 \
	}
static const uint8_t rodata_code[] = RET_CODE;
static uint8_t data_code[] = RET_CODE;
static uint8_t bss_byte;

/* The direct map's alias of a kernel image address. */
static void *direct(const void *image_va)
{
	return phys_to_virt(virt_to_phys(image_va));
}

/* The byte before a linker-script end symbol. */
static void *last_byte(const char *end)
{
	return (void *)((uintptr_t)end - 1);
}

KTEST(wx, probes_work)
{
	KTEST_EXPECT_EQ(t, probe_call(probe_target), PROBE_TARGET_VALUE);
	KTEST_EXPECT_EQ(t, probe_write(&bss_byte), 0);
	KTEST_EXPECT_EQ(t, probe_write((void *)0x1000), -EFAULT);
}

KTEST(wx, text_is_read_only_through_both_aliases)
{
	void *last = last_byte(__text_end);

	KTEST_EXPECT_EQ(t, probe_write(__text_start), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(last), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write((void *)probe_target), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(direct(__text_start)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(direct(last)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(direct(probe_target)), -EFAULT);
}

KTEST(wx, text_runs_only_at_its_link_address)
{
	KTEST_EXPECT_EQ(t, probe_call(direct(probe_target)), -EFAULT);
}

KTEST(wx, rodata_is_read_only_and_not_executable)
{
	void *last = last_byte(__rodata_end);

	KTEST_EXPECT_EQ(t, probe_write(__rodata_start), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(last), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write((void *)rodata_code), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(direct(__rodata_start)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(direct(last)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_write(direct(rodata_code)), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_call(rodata_code), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_call(direct(rodata_code)), -EFAULT);
}

KTEST(wx, data_and_bss_are_writable_and_not_executable)
{
	KTEST_EXPECT_EQ(t, probe_write(data_code), 0);
	KTEST_EXPECT_EQ(t, probe_write(direct(data_code)), 0);
	KTEST_EXPECT_EQ(t, probe_write(direct(&bss_byte)), 0);
	KTEST_EXPECT_EQ(t, probe_write(last_byte(__bss_end)), 0);
	KTEST_EXPECT_EQ(t, probe_call(data_code), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_call(direct(data_code)), -EFAULT);
}

KTEST(wx, heap_and_pages_are_not_executable)
{
	static const uint8_t code[] = RET_CODE;
	uint8_t *heap = kmalloc(sizeof(code));
	struct page *p = alloc_page(0);

	KTEST_EXPECT(t, heap && p);
	if (!heap || !p)
		goto out;
	for (size_t i = 0; i < sizeof(code); i++)
		heap[i] = ((uint8_t *)page_address(p))[i] = code[i];
	KTEST_EXPECT_EQ(t, probe_call(heap), -EFAULT);
	KTEST_EXPECT_EQ(t, probe_call(page_address(p)), -EFAULT);
out:
	kfree(heap);
	if (p)
		free_page(p);
}

KTEST(wx, no_kernel_mapping_breaks_wx)
{
	KTEST_EXPECT_EQ(t, paging_audit_wx(), 0);
}
