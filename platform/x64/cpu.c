/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * CPU identification and the control-register features the kernel turns on:
 * NX, SMEP/SMAP (user memory is only reachable through usercopy), write
 * protect in ring 0, global pages, FSGSBASE, and XSAVE for thread FPU state.
 */
#include <klib/string.h>
#include "cpu.h"

struct cpu_features cpu_features;

void cpu_features_init(void)
{
	struct cpu_features *f = &cpu_features;
	uint32_t r[4];

	cpuid(0, 0, r);
	memcpy(f->vendor, &r[1], 4);
	memcpy(f->vendor + 4, &r[3], 4);
	memcpy(f->vendor + 8, &r[2], 4);
	uint32_t max_leaf = r[0];

	cpuid(1, 0, r);
	f->leaf1_eax = r[0];
	f->leaf1_ecx = r[2];
	f->leaf1_edx = r[3];
	f->max_leaf = max_leaf;
	f->tsc_deadline = r[2] & (1u << 24);
	f->xsave = r[2] & (1u << 26);
	f->x2apic = r[2] & (1u << 21);
	f->rdrand = r[2] & (1u << 30);
	f->hypervisor = r[2] & (1u << 31);
	if (max_leaf >= 7) {
		cpuid(7, 0, r);
		f->smep = r[1] & (1u << 7);
		f->smap = r[1] & (1u << 20);
		f->fsgsbase = r[1] & (1u << 0);
		f->rdseed = r[1] & (1u << 18);
	}
	if (f->hypervisor) {
		char sig[12];

		cpuid(0x40000000, 0, r);
		memcpy(sig, &r[1], 4);
		memcpy(sig + 4, &r[2], 4);
		memcpy(sig + 8, &r[3], 4);
		f->tcg = !memcmp(sig, "TCGTCGTCGTCG", 12);
	}
	cpuid(0x80000000, 0, r);
	uint32_t max_ext = r[0];
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, 0, r);
		f->nx = r[3] & (1u << 20);
		f->pdpe1gb = r[3] & (1u << 26);
	}
	if (max_ext >= 0x80000004) {
		for (uint32_t i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, 0, r);
			memcpy(f->model + 16 * i, r, 16);
		}
	}
	if (max_ext >= 0x80000007) {
		cpuid(0x80000007, 0, r);
		f->invariant_tsc = r[3] & (1u << 8);
	}
}

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ volatile("xsetbv" ::"c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

/* Called on every CPU. */
void cpu_enable_features(void)
{
	struct cpu_features *f = &cpu_features;
	uint64_t cr4 = read_cr4() | CR4_PGE | CR4_OSFXSR | CR4_OSXMMEXCPT;

	if (f->smep)
		cr4 |= CR4_SMEP;
	if (f->smap)
		cr4 |= CR4_SMAP;
	if (f->fsgsbase)
		cr4 |= CR4_FSGSBASE;
	if (f->xsave)
		cr4 |= CR4_OSXSAVE;
	write_cr4(cr4);
	write_cr0((read_cr0() | CR0_WP) & ~CR0_TS & ~(1ul << 2) /* EM */);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE | EFER_SCE);

	if (f->xsave) {
		uint32_t r[4];

		cpuid(0xd, 0, r);
		/* x87 | SSE | AVX if offered; larger states (AVX-512...) later */
		f->xcr0 = ((uint64_t)r[3] << 32 | r[0]) & 0x7;
		xsetbv(0, f->xcr0);
		cpuid(0xd, 0, r);
		f->xsave_size = r[1]; /* size for the features now enabled */
	} else {
		f->xsave_size = 512; /* FXSAVE area */
	}
}
