/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Sets the kernel image collects at link time (ring 0 owns the image
 * layout): the built-in filesystem services (VFS_SERVICE in
 * libs/kevlar_vfs/include/kevlar_vfs/service.h).
 */
#pragma once

#include <klib/types.h>

/* The VFS_SERVICE entries: an array of `const struct fs_type *`, as
 * untyped pointers (ring 0 does not know the VFS). */
const void *const *image_vfs_services(size_t *count);

/* The DRIVER entries (kernel/driver.h): an array of `const struct driver
 * *`, as untyped pointers. */
const void *const *image_drivers(size_t *count);
