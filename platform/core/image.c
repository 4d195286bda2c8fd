/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Link-time sets of the kernel image (see platform/image.h). */
#include <platform/image.h>
#include <platform/recover.h>

extern const void *const __vfs_services_start[], *const __vfs_services_end[];

const void *const *image_vfs_services(size_t *count)
{
	*count = (size_t)(__vfs_services_end - __vfs_services_start);
	return __vfs_services_start;
}

extern const void *const __drivers_start[], *const __drivers_end[];

const void *const *image_drivers(size_t *count)
{
	*count = (size_t)(__drivers_end - __drivers_start);
	return __drivers_start;
}

extern const char __exts_text_start[], __exts_text_end[];

bool image_exts_text(uintptr_t pc)
{
	return pc >= (uintptr_t)__exts_text_start && pc < (uintptr_t)__exts_text_end;
}

extern const char __ring2_text_start[], __ring2_text_end[];

bool image_ring2_text(uintptr_t pc)
{
	return pc >= (uintptr_t)__ring2_text_start && pc < (uintptr_t)__ring2_text_end;
}
