/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The vDSO's ELF image (vdso.so, built by vdso.mk) in the kernel's rodata;
 * vvar.c copies it into pages that processes map. */
	.section .rodata
	.balign 4096
	.globl vdso_image, vdso_image_end
vdso_image:
	.incbin VDSO_SO
vdso_image_end:
	.section .note.GNU-stack, "", @progbits
