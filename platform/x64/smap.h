/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * STAC/CLAC for assembly, each recorded in .smap_sites so that smap_patch()
 * can turn them into NOPs on CPUs without SMAP.  Private to platform/x64.
 */
#pragma once

// clang-format off
#define STAC 771: .byte 0x0f, 0x01, 0xcb; .pushsection .smap_sites, "a"; .quad 771b; .popsection
#define CLAC 772: .byte 0x0f, 0x01, 0xca; .pushsection .smap_sites, "a"; .quad 772b; .popsection
// clang-format on
