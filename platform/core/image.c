/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Link-time sets of the kernel image (see platform/image.h). */
#include <platform/image.h>

extern const void *const __vfs_services_start[], *const __vfs_services_end[];

const void *const *image_vfs_services(size_t *count)
{
	*count = (size_t)(__vfs_services_end - __vfs_services_start);
	return __vfs_services_start;
}
