/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * x86_64 instruction wrappers: port I/O, MSRs, control registers, CPUID.
 * Private to platform/x64.
 */
#pragma once

#include <klib/types.h>
#include <arch/mmio.h>

#define MSR_EFER	   0xc0000080
#define MSR_STAR	   0xc0000081
#define MSR_LSTAR	   0xc0000082
#define MSR_SFMASK	   0xc0000084
#define MSR_FS_BASE	   0xc0000100
#define MSR_GS_BASE	   0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_APIC_BASE	   0x1b
#define MSR_TSC_DEADLINE   0x6e0

#define EFER_SCE (1u << 0)
#define EFER_NXE (1u << 11)

#define CR0_WP	       (1ul << 16)
#define CR0_TS	       (1ul << 3)
#define CR4_PGE	       (1ul << 7)
#define CR4_OSFXSR     (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_FSGSBASE   (1ul << 16)
#define CR4_OSXSAVE    (1ul << 18)
#define CR4_SMEP       (1ul << 20)
#define CR4_SMAP       (1ul << 21)

#define RFLAGS_IF (1ul << 9)
#define RFLAGS_AC (1ul << 18)

/* Port I/O in the (port, value) order this directory's callers use; the
 * instructions themselves are <arch/mmio.h>'s, shared with the PCI code. */
static inline void outb(uint16_t port, uint8_t v)
{
	ioport_write8(v, port);
}
static inline uint8_t inb(uint16_t port)
{
	return ioport_read8(port);
}
static inline void outw(uint16_t port, uint16_t v)
{
	ioport_write16(v, port);
}
static inline void outl(uint16_t port, uint32_t v)
{
	ioport_write32(v, port);
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}
static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)(v & 0xffffffffu)),
			 "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

#define DEFINE_CR(n)                                                     \
	static inline uint64_t read_cr##n(void)                          \
	{                                                                \
		uint64_t v;                                              \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));        \
		return v;                                                \
	}                                                                \
	static inline void write_cr##n(uint64_t v)                       \
	{                                                                \
		__asm__ volatile("mov %0, %%cr" #n ::"r"(v) : "memory"); \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)

static inline void invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
}

static inline uint64_t read_rflags(void)
{
	uint64_t f;
	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	return f;
}

static inline void halt(void)
{
	__asm__ volatile("hlt");
}

/* CPU features this kernel uses, read once at boot (cpu.c). */
struct cpu_features {
	bool nx, pdpe1gb, smep, smap, xsave, fsgsbase, tsc_deadline, invariant_tsc, x2apic;
	bool rdrand, rdseed;	       /* hardware random number instructions */
	uint32_t xsave_size;	       /* bytes of XSAVE area for the enabled features */
	uint64_t xcr0;		       /* enabled XSAVE feature mask */
	uint32_t leaf1_edx;	       /* CPUID.1:EDX, what Linux reports as AT_HWCAP */
	uint32_t leaf1_eax, leaf1_ecx; /* CPUID.1: signature and more feature bits */
	bool hypervisor;	       /* CPUID.1:ECX[31]: a virtual machine */
	bool tcg;		       /* QEMU's TCG emulator (CPUID 0x40000000 "TCGTCGTCGTCG") */
	uint32_t max_leaf;	       /* CPUID.0:EAX */
	char vendor[13];
	char model[49];
};
extern struct cpu_features cpu_features;
void cpu_features_init(void);
void cpu_enable_features(void);
