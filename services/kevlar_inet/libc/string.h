/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* lwIP's <string.h> (only lwIP's sources see libc/): klib's. */
#pragma once

#include <klib/string.h>
