/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The vDSO: a small ELF shared object of user code built with the kernel
 * (clock_gettime, gettimeofday, time, clock_getres, getcpu without a
 * system call) and the read-only data page it reads, which the platform
 * keeps current.  exec maps both into every process, the data pages
 * ([vvar]) immediately below the image ([vdso]), and announces the image
 * with AT_SYSINFO_EHDR.  The frames belong to the platform, which holds a
 * reference to each for ever: mappings take and drop their own.
 */
#pragma once

#include <klib/types.h>

struct page;

/* The two parts, in the order they are mapped; 0 means neither (a VMA's
 * `special`). */
enum vdso_part {
	VDSO_PART_DATA = 1, /* [vvar]: read-only */
	VDSO_PART_TEXT = 2, /* [vdso]: read and execute */
};

/* How many pages `part` has (0 if the platform has no vDSO). */
size_t vdso_pages(enum vdso_part part);
/* The frame of page `i` of `part`, or NULL past its end. */
struct page *vdso_page(enum vdso_part part, size_t i);
/* Publish CLOCK_REALTIME's distance from time_ns() (the wall clock was
 * set or stepped).  Callers serialize; readers see the old or the new
 * value, never a torn one.  Does not sleep. */
void vdso_set_realtime_offset(int64_t ns);
