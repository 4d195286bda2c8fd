/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal interfaces of kernel/fs. */
#pragma once

#include <kevlar_vfs/service.h>

/* The registered filesystem type called `name` (mount -t), or NULL. */
const struct fs_type *vfs_find_fs(const char *name);
/* The i-th registered filesystem type (registration order), or NULL past the last. */
const struct fs_type *vfs_fs_type(unsigned i);
