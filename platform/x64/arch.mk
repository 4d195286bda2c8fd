# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# x86_64 code model: higher-half kernel (-mcmodel=kernel), no red zone
# (interrupts push onto the kernel stack), no SIMD in kernel code (the FPU
# state belongs to threads and is switched eagerly by platform/x64/context.c).
ARCH_CFLAGS  := -m64 -mcmodel=kernel -mno-red-zone -mno-mmx -mno-sse -mno-sse2 \
	-mno-avx -mno-80387 -mno-3dnow
ARCH_ASFLAGS := -m64
QEMU         := qemu-system-x86_64

include platform/x64/vdso/vdso.mk
