/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the ELF64 parser.  Two kinds of input: images built here
 * field by field (a typical PIE layout, then one broken rule per case, each
 * parsed from a heap copy of exactly `len` bytes so ASan sees any read past
 * the end), and real files: programs compiled at test time with musl-gcc
 * and gcc (static, static-pie, dynamic PIE, dynamic non-PIE) plus the
 * host's own binaries, each checked against what binutils' readelf reports
 * about the same file.  A random-mutation run checks the parser's output
 * invariants on damaged headers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <klib/errno.h>
#include <linux/limits.h>
#include <linux/mman.h>
#include <platform/page.h>
#include "elf.h"
#include <hosttest/rng.h>

#define IMG_SIZE  0x12000
#define MAX_PH	  1200
#define INTERP	  "/lib64/ld-linux-x86-64.so.2"
#define INTERP_AT 0x318u

static unsigned char img[IMG_SIZE];
static Elf64_Ehdr eh;
static Elf64_Phdr ph[MAX_PH];
static unsigned nph;

/* ---- building images ---- */

static void start(uint16_t type, uint64_t entry)
{
	memset(img, 0, sizeof(img));
	memset(ph, 0, sizeof(ph));
	nph = 0;
	eh = (Elf64_Ehdr){
		.e_ident = {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB,
			    EV_CURRENT},
		.e_type = type,
		.e_machine = EM_X86_64,
		.e_version = EV_CURRENT,
		.e_entry = entry,
		.e_phoff = sizeof(Elf64_Ehdr),
		.e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr),
	};
}

static Elf64_Phdr *add(uint32_t type, uint32_t flags, uint64_t off, uint64_t vaddr, uint64_t filesz,
		       uint64_t memsz, uint64_t align)
{
	assert_true(nph < MAX_PH);
	ph[nph] = (Elf64_Phdr){
		.p_type = type,
		.p_flags = flags,
		.p_offset = off,
		.p_vaddr = vaddr,
		.p_paddr = vaddr,
		.p_filesz = filesz,
		.p_memsz = memsz,
		.p_align = align,
	};
	return &ph[nph++];
}

/* Write the headers into img; e_phnum is nph. */
static void emit(void)
{
	eh.e_phnum = (uint16_t)nph;
	memcpy(img, &eh, sizeof(eh));
	if (eh.e_phoff < IMG_SIZE)
		memcpy(img + eh.e_phoff, ph,
		       MIN((size_t)nph * sizeof(Elf64_Phdr), IMG_SIZE - (size_t)eh.e_phoff));
}

/* The layout gcc gives a dynamic PIE on x86_64 (see readelf -l). */
static void typical(void)
{
	start(ET_DYN, 0x1040);
	add(PT_PHDR, PF_R, 0x40, 0x40, 0x2d8, 0x2d8, 8);
	add(PT_INTERP, PF_R, INTERP_AT, INTERP_AT, sizeof(INTERP), sizeof(INTERP), 1);
	add(PT_LOAD, PF_R, 0, 0, 0x5e0, 0x5e0, 0x1000);
	add(PT_LOAD, PF_R | PF_X, 0x1000, 0x1000, 0x13d, 0x13d, 0x1000);
	add(PT_LOAD, PF_R, 0x2000, 0x2000, 0xdc, 0xdc, 0x1000);
	add(PT_LOAD, PF_R | PF_W, 0x2e00, 0x3e00, 0x210, 0x218, 0x1000);
	add(PT_DYNAMIC, PF_R | PF_W, 0x2e10, 0x3e10, 0x1b0, 0x1b0, 8);
	add(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	memcpy(img + INTERP_AT, INTERP, sizeof(INTERP));
}

/* An ET_EXEC with one PT_LOAD (the smallest valid file). */
static void minimal(void)
{
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x2000, 0x2000, 0x1000);
}

/* Parse the first len bytes of img from an exact-size heap copy. */
static int parse_len(size_t len, struct elf_info *info)
{
	unsigned char *copy = malloc(len ? len : 1);
	int r;

	assert_non_null(copy);
	memcpy(copy, img, len);
	r = elf_parse(copy, len, EM_X86_64, info);
	free(copy);
	return r;
}

static int parse(struct elf_info *info)
{
	emit();
	return parse_len(IMG_SIZE, info);
}

static int parse_rc(void)
{
	struct elf_info info;

	return parse(&info);
}

/* ---- images built here ---- */

static void typical_pie_fields(void **state)
{
	struct elf_info info;

	typical();
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.type, ET_DYN);
	assert_int_equal(info.entry, 0x1040);
	assert_int_equal(info.phnum, 8);
	assert_int_equal(info.phentsize, sizeof(Elf64_Phdr));
	assert_int_equal(info.phoff, 64);
	assert_int_equal(info.phdr_vaddr, 0x40);
	assert_int_equal(info.interp_off, INTERP_AT);
	assert_int_equal(info.interp_len, sizeof(INTERP));
	assert_int_equal(elf_check_interp((const char *)img + info.interp_off, info.interp_len), 0);
	assert_false(info.stack_exec);
	assert_int_equal(info.nseg, 4);
	assert_int_equal(info.seg[0].vaddr, 0);
	assert_int_equal(info.seg[0].prot, PROT_READ);
	assert_int_equal(info.seg[1].vaddr, 0x1000);
	assert_int_equal(info.seg[1].filesz, 0x13d);
	assert_int_equal(info.seg[1].prot, PROT_READ | PROT_EXEC);
	assert_int_equal(info.seg[2].prot, PROT_READ);
	assert_int_equal(info.seg[3].vaddr, 0x3e00);
	assert_int_equal(info.seg[3].offset, 0x2e00);
	assert_int_equal(info.seg[3].filesz, 0x210);
	assert_int_equal(info.seg[3].memsz, 0x218);
	assert_int_equal(info.seg[3].prot, PROT_READ | PROT_WRITE);
	assert_int_equal(info.min_vaddr, 0);
	assert_int_equal(info.max_vaddr, 0x5000);
	assert_int_equal(info.align, PAGE_SIZE);

	minimal();
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.type, ET_EXEC);
	assert_int_equal(info.nseg, 1);
	assert_int_equal(info.interp_len, 0);
	assert_int_equal(info.phdr_vaddr, 0x400040);
	assert_int_equal(info.min_vaddr, 0x400000);
	assert_int_equal(info.max_vaddr, 0x402000);
	assert_int_equal(info.seg[0].prot, PROT_READ | PROT_EXEC);
}

static void bad_ident(void **state)
{
	static const struct {
		unsigned at;
		unsigned char val;
	} bad[] = {
		{0, 0x7e},
		{1, 'e'},
		{2, 'l'},
		{3, 'G'},
		{EI_CLASS, ELFCLASS32},
		{EI_CLASS, ELFCLASSNONE},
		{EI_CLASS, 3},
		{EI_DATA, ELFDATA2MSB},
		{EI_DATA, ELFDATANONE},
		{EI_VERSION, 0},
		{EI_VERSION, 2},
	};

	typical();
	assert_int_equal(parse_rc(), 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		typical();
		eh.e_ident[bad[i].at] = bad[i].val;
		assert_int_equal(parse_rc(), -ENOEXEC);
	}
	/* e_ident padding and OS ABI are not looked at, as on Linux. */
	typical();
	eh.e_ident[EI_OSABI] = ELFOSABI_LINUX;
	eh.e_ident[EI_PAD + 3] = 0xff;
	assert_int_equal(parse_rc(), 0);
	typical();
	eh.e_version = 0;
	assert_int_equal(parse_rc(), -ENOEXEC);
}

static void bad_type_and_machine(void **state)
{
	static const uint16_t bad_types[] = {ET_NONE, ET_REL, ET_CORE, 5, 0xfe00, 0xffff};
	struct elf_info info;
	unsigned char copy[IMG_SIZE];

	for (size_t i = 0; i < ARRAY_SIZE(bad_types); i++) {
		typical();
		eh.e_type = bad_types[i];
		assert_int_equal(parse_rc(), -ENOEXEC);
	}
	typical();
	eh.e_type = ET_EXEC;
	assert_int_equal(parse_rc(), 0);

	typical();
	eh.e_machine = EM_AARCH64;
	assert_int_equal(parse_rc(), -ENOEXEC);
	memcpy(copy, img, sizeof(copy));
	assert_int_equal(elf_parse(copy, sizeof(copy), EM_AARCH64, &info), 0);
	assert_int_equal(elf_parse(copy, sizeof(copy), EM_386, &info), -ENOEXEC);
}

static void bad_phdr_table(void **state)
{
	static const uint16_t bad_entsize[] = {0, 32, 55, 57, 64, 0xffff};
	uint64_t phoff;
	size_t phsize;

	for (size_t i = 0; i < ARRAY_SIZE(bad_entsize); i++) {
		typical();
		eh.e_phentsize = bad_entsize[i];
		assert_int_equal(parse_rc(), -ENOEXEC);
	}
	minimal();
	nph = 0; /* e_phnum 0 */
	assert_int_equal(parse_rc(), -ENOEXEC);
	assert_int_equal(elf_check_header(img, IMG_SIZE, EM_X86_64, &phoff, &phsize), -ENOEXEC);

	/* 1170 entries is 65520 bytes, the most Linux reads; 1171 is too many. */
	for (unsigned n = 1169; n <= 1171; n++) {
		minimal();
		while (nph < n)
			add(PT_NULL, 0, 0, 0, 0, 0, 0);
		assert_int_equal(parse_rc(), n * sizeof(Elf64_Phdr) <= 65536 ? 0 : -ENOEXEC);
	}

	/* A table the file cannot hold: e_phoff near the top of the range. */
	typical();
	eh.e_phoff = UINT64_MAX - 8;
	assert_int_equal(parse_rc(), -ENOEXEC);
	assert_int_equal(elf_check_header(img, IMG_SIZE, EM_X86_64, &phoff, &phsize), -ENOEXEC);
	typical();
	eh.e_phoff = UINT64_MAX - 8 * sizeof(Elf64_Phdr) + 1;
	assert_int_equal(parse_rc(), -ENOEXEC);
	assert_int_equal(elf_check_header(img, IMG_SIZE, EM_X86_64, &phoff, &phsize), -ENOEXEC);
	typical();
	eh.e_phoff = UINT64_MAX - 8 * sizeof(Elf64_Phdr);
	assert_int_equal(parse_rc(), -ENOEXEC); /* beyond the file, */
	assert_int_equal(elf_check_header(img, IMG_SIZE, EM_X86_64, &phoff, &phsize), 0);
	assert_int_equal(phoff + phsize, UINT64_MAX); /* but it has an end */
	typical();
	eh.e_phoff = IMG_SIZE - 8;
	assert_int_equal(parse_rc(), -ENOEXEC);
}

/* Every length short of the header or of the program header table fails;
 * the table's last byte is enough, and nothing reads past `len`. */
static void truncated(void **state)
{
	struct elf_info info;
	size_t end;

	typical();
	emit();
	end = sizeof(Elf64_Ehdr) + nph * sizeof(Elf64_Phdr);
	for (size_t len = 0; len < end; len++)
		assert_int_equal(parse_len(len, &info), -ENOEXEC);
	assert_int_equal(parse_len(end, &info), 0);
	assert_int_equal(info.nseg, 4);

	/* The table placed after the data, as patchelf can leave it. */
	typical();
	eh.e_phoff = 0x3000;
	emit();
	end = 0x3000 + nph * sizeof(Elf64_Phdr);
	assert_int_equal(parse_len(0x1000, &info), -ENOEXEC);
	assert_int_equal(parse_len(end - 1, &info), -ENOEXEC);
	assert_int_equal(parse_len(end, &info), 0);
}

/* The two-step API: the header gives the table's place, the table parses
 * from its own buffer (exact size, so ASan sees any overread). */
static void split_table(void **state)
{
	struct elf_info a, b;
	uint64_t phoff;
	size_t phsize;
	unsigned char *hdr, *table;

	typical();
	eh.e_phoff = 0x3100; /* past every PT_LOAD's file range */
	emit();
	hdr = malloc(PAGE_SIZE);
	assert_non_null(hdr);
	memcpy(hdr, img, PAGE_SIZE);
	assert_int_equal(elf_parse(hdr, PAGE_SIZE, EM_X86_64, &a), -ENOEXEC);
	assert_int_equal(elf_check_header(hdr, PAGE_SIZE, EM_X86_64, &phoff, &phsize), 0);
	assert_int_equal(phoff, 0x3100);
	assert_int_equal(phsize, nph * sizeof(Elf64_Phdr));
	table = malloc(phsize);
	assert_non_null(table);
	memcpy(table, img + phoff, phsize);
	assert_int_equal(elf_parse_phdrs(hdr, PAGE_SIZE, table, phsize, EM_X86_64, &a), 0);
	assert_int_equal(elf_parse_phdrs(hdr, PAGE_SIZE, table, phsize - 1, EM_X86_64, &b),
			 -EINVAL);
	assert_int_equal(elf_parse_phdrs(hdr, PAGE_SIZE, table, phsize + 56, EM_X86_64, &b),
			 -EINVAL);
	assert_int_equal(elf_parse_phdrs(hdr, PAGE_SIZE, table, phsize, EM_AARCH64, &b), -ENOEXEC);
	assert_int_equal(elf_check_header(hdr, 63, EM_X86_64, &phoff, &phsize), -ENOEXEC);
	free(table);
	free(hdr);
	assert_int_equal(parse_len(IMG_SIZE, &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(a.nseg, 4);
	/* The table is not inside a PT_LOAD's file range now: PT_PHDR decides. */
	assert_int_equal(a.phdr_vaddr, 0x40);
}

static void null_args(void **state)
{
	struct elf_info info;
	uint64_t phoff;
	size_t phsize;

	typical();
	emit();
	assert_int_equal(elf_parse(NULL, IMG_SIZE, EM_X86_64, &info), -EINVAL);
	assert_int_equal(elf_parse(img, IMG_SIZE, EM_X86_64, NULL), -EINVAL);
	assert_int_equal(elf_check_header(NULL, IMG_SIZE, EM_X86_64, &phoff, &phsize), -EINVAL);
	assert_int_equal(elf_check_header(img, IMG_SIZE, EM_X86_64, NULL, &phsize), -EINVAL);
	assert_int_equal(elf_check_header(img, IMG_SIZE, EM_X86_64, &phoff, NULL), -EINVAL);
	assert_int_equal(elf_parse_phdrs(NULL, IMG_SIZE, img + 64, 8 * 56, EM_X86_64, &info),
			 -EINVAL);
	assert_int_equal(elf_parse_phdrs(img, IMG_SIZE, NULL, 8 * 56, EM_X86_64, &info), -EINVAL);
	assert_int_equal(elf_parse_phdrs(img, IMG_SIZE, img + 64, 8 * 56, EM_X86_64, NULL),
			 -EINVAL);
	assert_int_equal(elf_parse_phdrs(img, IMG_SIZE, img + 64, 8 * 56, EM_X86_64, &info), 0);
	assert_int_equal(elf_check_interp(NULL, 5), -EINVAL);
}

static void load_count(void **state)
{
	struct elf_info info;

	/* No PT_LOAD, or only empty ones. */
	start(ET_EXEC, 0x401000);
	add(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	assert_int_equal(parse_rc(), -ENOEXEC);
	add(PT_LOAD, PF_R, 0, 0x400000, 0, 0, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);

	/* Empty PT_LOADs are skipped, even out of order. */
	add(PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x1000, 0x1000, 0x1000);
	add(PT_LOAD, PF_R, 0, 0x10, 0, 0, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.nseg, 1);
	assert_int_equal(info.seg[0].prot, PROT_READ | PROT_EXEC);

	/* ELF_MAX_SEGMENTS fit, one more does not. */
	for (unsigned n = ELF_MAX_SEGMENTS; n <= ELF_MAX_SEGMENTS + 1; n++) {
		start(ET_EXEC, 0x401000);
		for (unsigned i = 0; i < n; i++)
			add(PT_LOAD, PF_R, i * 0x1000, 0x400000 + i * 0x1000, 0x1000, 0x1000,
			    0x1000);
		memset(&info, 0, sizeof(info));
		assert_int_equal(parse(&info), n <= ELF_MAX_SEGMENTS ? 0 : -ENOEXEC);
		if (n == ELF_MAX_SEGMENTS) {
			assert_int_equal(info.nseg, n);
			assert_int_equal(info.seg[n - 1].vaddr, 0x400000 + (n - 1) * 0x1000);
			assert_int_equal(info.max_vaddr, 0x400000 + n * 0x1000);
		}
	}
}

static void load_order(void **state)
{
	struct elf_info info;

	/* Adjacent byte ranges are fine. */
	minimal();
	add(PT_LOAD, PF_R | PF_W, 0x2000, 0x402000, 0x100, 0x100, 0x1000);
	assert_int_equal(parse_rc(), 0);
	/* One byte of overlap is not. */
	minimal();
	add(PT_LOAD, PF_R | PF_W, 0x1fff, 0x401fff, 0x100, 0x100, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* Overlap through the zero-filled tail (memsz), not just filesz. */
	minimal();
	ph[0].p_memsz = 0x3000;
	add(PT_LOAD, PF_R | PF_W, 0x2000, 0x402000, 0x100, 0x100, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* Containment, identity and descending order. */
	minimal();
	add(PT_LOAD, PF_R, 0x1000, 0x401000, 0x10, 0x10, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	minimal();
	add(PT_LOAD, PF_R, 0, 0x400000, 0x2000, 0x2000, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	minimal();
	add(PT_LOAD, PF_R, 0, 0x200000, 0x1000, 0x1000, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);

	/* Two segments sharing a page (byte ranges apart), as old linkers
	 * and `ld -n` make: accepted, the loader merges the page. */
	start(ET_EXEC, 0x400100);
	add(PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x7f0, 0x7f0, 0x1000);
	add(PT_LOAD, PF_R | PF_W, 0x7f0, 0x4007f0, 0x20, 0x100, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.nseg, 2);
	assert_int_equal(info.min_vaddr, 0x400000);
	assert_int_equal(info.max_vaddr, 0x401000);

	/* The span is page aligned even when the segments are not. */
	start(ET_EXEC, 0x400200);
	add(PT_LOAD, PF_R | PF_X, 0x123, 0x400123, 0x200, 0x200, 0x1000);
	add(PT_LOAD, PF_R | PF_W, 0x1323, 0x401323, 0x20, 0x1000, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.seg[0].vaddr, 0x400123);
	assert_int_equal(info.min_vaddr, 0x400000);
	assert_int_equal(info.max_vaddr, 0x403000);
}

static void filesz_and_congruence(void **state)
{
	struct elf_info info;

	typical();
	ph[5].p_filesz = ph[5].p_memsz + 1;
	assert_int_equal(parse_rc(), -ENOEXEC);
	typical();
	ph[5].p_filesz = ph[5].p_memsz;
	assert_int_equal(parse_rc(), 0);

	/* p_offset and p_vaddr must agree modulo the page size... */
	for (uint64_t delta = 1; delta < PAGE_SIZE; delta <<= 1) {
		typical();
		ph[5].p_offset += delta;
		assert_int_equal(parse_rc(), -ENOEXEC);
	}
	/* ...but not modulo p_align (only mmap's rule counts). */
	typical();
	ph[5].p_align = 0x200000;
	assert_int_equal(parse_rc(), 0);
	/* A pure bss segment (filesz 0) maps no file: its offset is free. */
	typical();
	add(PT_LOAD, PF_R | PF_W, 0x1234567, 0x5000, 0, 0x3000, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.nseg, 5);
	assert_int_equal(info.seg[4].filesz, 0);
	assert_int_equal(info.seg[4].memsz, 0x3000);
	assert_int_equal(info.max_vaddr, 0x8000);
}

static void overflow(void **state)
{
	struct elf_info info;
	const uint64_t top = UINT64_MAX - PAGE_SIZE + 1; /* the last page */

	/* vaddr + memsz wraps. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0, top, 0x10, PAGE_SIZE + 1, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* Ends exactly at 2^64: the page-aligned end does not fit either. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0, top, 0x10, PAGE_SIZE, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* The highest segment that still works. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0, top - PAGE_SIZE, 0x10, PAGE_SIZE, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.max_vaddr, top);
	/* One byte into the last page rounds up past the top. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0, top - PAGE_SIZE, 0x10, PAGE_SIZE + 1, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* A memsz so large that the sum wraps to a small value. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0, 0x400000, 0x10, UINT64_MAX - 0x1000, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* offset + filesz wraps (with congruent offset and vaddr). */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, top, 0x400000, PAGE_SIZE, PAGE_SIZE, 0x1000);
	assert_int_equal(parse_rc(), -ENOEXEC);
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, top, 0x400000, PAGE_SIZE - 1, PAGE_SIZE, 0x1000);
	assert_int_equal(parse_rc(), 0);
}

static void interp(void **state)
{
	struct elf_info info;
	char path[PATH_MAX + 1];

	/* Lengths (with the NUL) 2..PATH_MAX are accepted. */
	static const struct {
		uint64_t len;
		int rc;
	} cases[] = {{0, -ENOEXEC},
		     {1, -ENOEXEC},
		     {2, 0},
		     {PATH_MAX, 0},
		     {PATH_MAX + 1, -ENOEXEC},
		     {UINT64_MAX, -ENOEXEC}};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		typical();
		ph[1].p_filesz = ph[1].p_memsz = cases[i].len;
		assert_int_equal(parse(&info), cases[i].rc);
		if (cases[i].rc == 0)
			assert_int_equal(info.interp_len, cases[i].len);
	}
	/* offset + filesz wraps. */
	typical();
	ph[1].p_offset = UINT64_MAX - 4;
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* A second PT_INTERP, identical or not. */
	typical();
	add(PT_INTERP, PF_R, INTERP_AT, INTERP_AT, sizeof(INTERP), sizeof(INTERP), 1);
	assert_int_equal(parse_rc(), -ENOEXEC);
	/* Static: no PT_INTERP at all. */
	typical();
	ph[1].p_type = PT_NOTE;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.interp_off, 0);
	assert_int_equal(info.interp_len, 0);

	/* elf_check_interp: the last byte must be the NUL. */
	assert_int_equal(elf_check_interp(INTERP, sizeof(INTERP)), 0);
	assert_int_equal(elf_check_interp(INTERP, sizeof(INTERP) - 1), -ENOEXEC);
	assert_int_equal(elf_check_interp("/", 2), 0);
	assert_int_equal(elf_check_interp("", 1), -ENOEXEC);
	assert_int_equal(elf_check_interp("", 0), -ENOEXEC);
	assert_int_equal(elf_check_interp("/a\0b", 5), 0);
	memset(path, 'a', sizeof(path));
	path[PATH_MAX - 1] = '\0';
	assert_int_equal(elf_check_interp(path, PATH_MAX), 0);
	path[PATH_MAX] = '\0';
	assert_int_equal(elf_check_interp(path, PATH_MAX + 1), -ENOEXEC);
}

static void gnu_stack(void **state)
{
	struct elf_info info;

	typical();
	ph[7].p_type = PT_NULL;
	assert_int_equal(parse(&info), 0);
	assert_false(info.stack_exec);
	typical();
	ph[7].p_flags = PF_R | PF_W | PF_X;
	assert_int_equal(parse(&info), 0);
	assert_true(info.stack_exec);
	/* The last PT_GNU_STACK decides, as on Linux. */
	add(PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	assert_int_equal(parse(&info), 0);
	assert_false(info.stack_exec);
	typical();
	add(PT_GNU_STACK, PF_X, 0, 0, 0, 0, 16);
	assert_int_equal(parse(&info), 0);
	assert_true(info.stack_exec);
}

static void phdr_address(void **state)
{
	struct elf_info info;

	/* Derived from the PT_LOAD holding e_phoff, whatever PT_PHDR says. */
	typical();
	ph[0].p_vaddr = 0x9990;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.phdr_vaddr, 0x40);
	/* The PT_LOAD covering it need not be the first. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0x1000, 0x401000, 0x1000, 0x1000, 0x1000);
	add(PT_LOAD, PF_R | PF_X, 0, 0x600000, 0x800, 0x800, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.phdr_vaddr, 0x600040);
	/* Two PT_LOADs map the table's file bytes: the last one decides. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0, 0x400000, 0x1000, 0x1000, 0x1000);
	add(PT_LOAD, PF_R, 0, 0x600000, 0x1000, 0x1000, 0x1000);
	add(PT_LOAD, PF_R, 0x1000, 0x700000, 0x1000, 0x1000, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.phdr_vaddr, 0x600040);
	/* e_phoff at the first byte past a segment's file range: not covered. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0, 0x400000, 0x40, 0x1000, 0x1000);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.phdr_vaddr, 0);
	ph[0].p_filesz = 0x41;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.phdr_vaddr, 0x400040);
	/* Not covered: PT_PHDR's address, else 0. */
	start(ET_EXEC, 0x401000);
	add(PT_LOAD, PF_R, 0x1000, 0x401000, 0x1000, 0x1000, 0x1000);
	add(PT_PHDR, PF_R, 0x40, 0x400040, 0x70, 0x70, 8);
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.phdr_vaddr, 0x400040);
	ph[1].p_type = PT_NOTE;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.phdr_vaddr, 0);
}

static void alignment(void **state)
{
	struct elf_info info;

	typical();
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.align, PAGE_SIZE);
	ph[3].p_align = 0x200000;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.align, 0x200000);
	/* Not a power of two: ignored, as Linux does. */
	ph[3].p_align = 0x300000;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.align, PAGE_SIZE);
	/* Only PT_LOAD counts. */
	typical();
	ph[0].p_align = 0x10000; /* PT_PHDR */
	ph[4].p_align = 0x4000;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.align, 0x4000);
	/* Small alignments round up to a page. */
	typical();
	for (unsigned i = 2; i <= 5; i++)
		ph[i].p_align = 16;
	assert_int_equal(parse(&info), 0);
	assert_int_equal(info.align, PAGE_SIZE);
}

/* The file need not align anything: parse from an odd address (UBSan
 * traps a misaligned load). */
static void unaligned_buffer(void **state)
{
	struct elf_info a, b;
	unsigned char *buf = malloc(IMG_SIZE + 1);

	assert_non_null(buf);
	typical();
	emit();
	memcpy(buf + 1, img, IMG_SIZE);
	assert_int_equal(elf_parse(buf + 1, IMG_SIZE, EM_X86_64, &a), 0);
	assert_int_equal(parse_len(IMG_SIZE, &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	eh.e_phoff = 0x41; /* odd table offset as well */
	emit();
	memcpy(buf + 1, img, IMG_SIZE);
	assert_int_equal(elf_parse(buf + 1, IMG_SIZE, EM_X86_64, &a), 0);
	assert_int_equal(a.nseg, 4);
	free(buf);
}

/* Random damage to a valid header: never a crash, and whatever is accepted
 * satisfies the contract, checked here from the raw program headers. */
static void mutations(void **state)
{
	size_t hdr_end = sizeof(Elf64_Ehdr) + 8 * sizeof(Elf64_Phdr);
	unsigned accepted = 0;

	rng_seed(0xe1f);
	for (unsigned iter = 0; iter < 20000; iter++) {
		struct elf_info info;
		unsigned flips = 1 + rnd(4);

		typical();
		emit();
		for (unsigned f = 0; f < flips; f++)
			img[rnd((unsigned)hdr_end)] ^= (unsigned char)(1u << rnd(8));
		if (parse_len(hdr_end, &info) != 0)
			continue;
		accepted++;
		assert_true(info.type == ET_EXEC || info.type == ET_DYN);
		assert_true(info.nseg >= 1 && info.nseg <= ELF_MAX_SEGMENTS);
		assert_true(info.min_vaddr <= info.max_vaddr);
		assert_true(info.interp_len == 0 ||
			    (info.interp_len >= 2 && info.interp_len <= PATH_MAX));
		for (unsigned i = 0; i < info.nseg; i++) {
			const struct elf_segment *s = &info.seg[i];

			assert_true(s->memsz > 0 && s->filesz <= s->memsz);
			assert_true(s->vaddr + s->memsz > s->vaddr);
			assert_true(s->filesz == 0 || (s->vaddr - s->offset) % PAGE_SIZE == 0);
			assert_true(info.min_vaddr <= s->vaddr);
			assert_true(s->vaddr + s->memsz <= info.max_vaddr);
			if (i > 0)
				assert_true(info.seg[i - 1].vaddr + info.seg[i - 1].memsz <=
					    s->vaddr);
		}
	}
	/* Most single-bit damage hits fields nobody checks (p_paddr, ...). */
	assert_true(accepted > 1000 && accepted < 20000);
}

/* ---- real files, compared with readelf ---- */

static char tmpdir[] = "build/host/elf_test.XXXXXX";
static bool have_tmpdir;

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

struct readelf_view {
	char type[8];
	uint64_t entry, phoff;
	unsigned phnum, nload;
	struct elf_segment load[64];
	uint64_t load_align[64];
	uint64_t phdr_vaddr; /* PT_PHDR's, 0 if none */
	char interp[PATH_MAX];
	bool gnu_stack_x;
};

static unsigned prot_from_flags(const char *s)
{
	return (strchr(s, 'R') ? PROT_READ : 0) | (strchr(s, 'W') ? PROT_WRITE : 0) |
	       (strchr(s, 'E') ? PROT_EXEC : 0);
}

/* What binutils says about the file's ELF and program headers. */
static void run_readelf(const char *path, struct readelf_view *v)
{
	char cmd[PATH_MAX + 64], line[1024], kind[32], flags[16];
	unsigned long long off, va, pa, fsz, msz;
	const char *s, *a;
	FILE *p;
	int pos;

	memset(v, 0, sizeof(*v));
	snprintf(cmd, sizeof(cmd), "readelf -hlW '%s'", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		if ((s = strstr(line, "Type:"))) {
			assert_int_equal(sscanf(s, "Type: %7s", v->type), 1);
		} else if ((s = strstr(line, "Entry point address:"))) {
			assert_int_equal(sscanf(s, "Entry point address: %llx", &off), 1);
			v->entry = off;
		} else if ((s = strstr(line, "Start of program headers:"))) {
			assert_int_equal(sscanf(s, "Start of program headers: %llu", &off), 1);
			v->phoff = off;
		} else if ((s = strstr(line, "Number of program headers:"))) {
			assert_int_equal(sscanf(s, "Number of program headers: %u", &v->phnum), 1);
		} else if ((s = strstr(line, "[Requesting program interpreter: "))) {
			assert_int_equal(
				sscanf(s, "[Requesting program interpreter: %4095[^]]", v->interp),
				1);
		} else if (sscanf(line, " %31s 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx%n", kind, &off,
				  &va, &pa, &fsz, &msz, &pos) == 6) {
			/* then the flags ("R E") and the alignment ("0x1000") */
			s = line + pos;
			a = strstr(s, "0x");
			assert_non_null(a);
			memset(flags, 0, sizeof(flags));
			memcpy(flags, s, MIN((size_t)(a - s), sizeof(flags) - 1));
			if (!strcmp(kind, "LOAD") && msz) {
				assert_true(v->nload < 64);
				v->load_align[v->nload] = strtoull(a, NULL, 16);
				v->load[v->nload++] = (struct elf_segment){
					.vaddr = va,
					.memsz = msz,
					.offset = off,
					.filesz = fsz,
					.prot = prot_from_flags(flags),
				};
			} else if (!strcmp(kind, "PHDR")) {
				v->phdr_vaddr = va;
			} else if (!strcmp(kind, "GNU_STACK")) {
				v->gnu_stack_x = strchr(flags, 'E') != NULL;
			}
		}
	}
	assert_int_equal(pclose(p), 0);
	assert_true(v->type[0] && v->phnum > 0 && v->nload > 0);
}

/* Parse `path` from its first page and check every field against readelf;
 * also the truncations and the two-step API on the same bytes. */
static void check_file(const char *path, uint16_t want_type, const char *want_interp)
{
	struct readelf_view v;
	struct elf_info info, split;
	size_t len, head, phsize;
	uint64_t phoff;
	unsigned char *file = read_file(path, &len), *table;

	assert_non_null(file);
	run_readelf(path, &v);
	head = MIN(len, (size_t)PAGE_SIZE);
	assert_int_equal(elf_parse(file, head, EM_X86_64, &info), 0);
	assert_int_equal(elf_parse(file, head, EM_AARCH64, &split), -ENOEXEC);

	assert_int_equal(info.type, want_type);
	assert_string_equal(v.type, want_type == ET_EXEC ? "EXEC" : "DYN");
	assert_int_equal(info.entry, v.entry);
	assert_int_equal(info.phoff, v.phoff);
	assert_int_equal(info.phnum, v.phnum);
	assert_int_equal(info.nseg, v.nload);
	for (unsigned i = 0; i < v.nload; i++) {
		assert_int_equal(info.seg[i].vaddr, v.load[i].vaddr);
		assert_int_equal(info.seg[i].memsz, v.load[i].memsz);
		assert_int_equal(info.seg[i].offset, v.load[i].offset);
		assert_int_equal(info.seg[i].filesz, v.load[i].filesz);
		assert_int_equal(info.seg[i].prot, v.load[i].prot);
		assert_true(info.align >= v.load_align[i] ||
			    (v.load_align[i] & (v.load_align[i] - 1)));
	}
	assert_int_equal(info.min_vaddr, v.load[0].vaddr & ~(PAGE_SIZE - 1));
	assert_int_equal(
		info.max_vaddr,
		ALIGN_UP(v.load[v.nload - 1].vaddr + v.load[v.nload - 1].memsz, PAGE_SIZE));
	assert_int_equal(info.stack_exec, v.gnu_stack_x);
	if (v.phdr_vaddr)
		assert_int_equal(info.phdr_vaddr, v.phdr_vaddr);
	if (want_interp) {
		assert_string_equal(v.interp, want_interp);
		assert_int_equal(info.interp_len, strlen(want_interp) + 1);
		assert_true(info.interp_off + info.interp_len <= len);
		assert_int_equal(
			elf_check_interp((const char *)file + info.interp_off, info.interp_len), 0);
		assert_string_equal((const char *)file + info.interp_off, want_interp);
	} else {
		assert_string_equal(v.interp, "");
		assert_int_equal(info.interp_len, 0);
	}

	/* The same through the two-step API, from exact-size buffers. */
	assert_int_equal(elf_check_header(file, sizeof(Elf64_Ehdr), EM_X86_64, &phoff, &phsize), 0);
	table = malloc(phsize);
	assert_non_null(table);
	memcpy(table, file + phoff, phsize);
	assert_int_equal(
		elf_parse_phdrs(file, sizeof(Elf64_Ehdr), table, phsize, EM_X86_64, &split), 0);
	assert_memory_equal(&info, &split, sizeof(info));
	free(table);

	/* Cut short of the ELF header or of the program header table. */
	assert_int_equal(elf_parse(file, sizeof(Elf64_Ehdr) - 1, EM_X86_64, &split), -ENOEXEC);
	assert_int_equal(elf_parse(file, phoff + phsize - 1, EM_X86_64, &split), -ENOEXEC);
	assert_int_equal(elf_parse(file, phoff + phsize, EM_X86_64, &split), 0);
	free(file);
}

static bool have(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Compile a trivial program with `cc flags` into tmpdir/name; false if the
 * compiler is missing (the test then skips). */
static bool compile(const char *cc, const char *flags, const char *name, char *out, size_t n)
{
	char cmd[512];

	if (!have(cc) || !have("readelf"))
		return false;
	if (!have_tmpdir) {
		assert_non_null(mkdtemp(tmpdir));
		have_tmpdir = true;
	}
	snprintf(cmd, sizeof(cmd), "printf 'int main(void){return 0;}\\n' > %s/t.c", tmpdir);
	assert_int_equal(system(cmd), 0);
	snprintf(out, n, "%s/%s", tmpdir, name);
	snprintf(cmd, sizeof(cmd), "%s %s -o %s %s/t.c", cc, flags, out, tmpdir);
	assert_int_equal(system(cmd), 0);
	return true;
}

static void real_static(void **state)
{
	char path[256];

	if (!compile("musl-gcc", "-static", "musl-static", path, sizeof(path)))
		skip();
	check_file(path, ET_EXEC, NULL);
	/* Linux runs it: so does the host, as a sanity check of the oracle. */
	assert_int_equal(system(path), 0);
}

static void real_static_pie(void **state)
{
	char path[256];

	if (!compile("gcc", "-static-pie", "glibc-static-pie", path, sizeof(path)))
		skip();
	check_file(path, ET_DYN, NULL);
	assert_int_equal(system(path), 0);
}

static void real_dynamic(void **state)
{
	char path[256];

	if (!compile("gcc", "-pie -fpie", "glibc-pie", path, sizeof(path)))
		skip();
	check_file(path, ET_DYN, "/lib64/ld-linux-x86-64.so.2");
	if (!compile("gcc", "-no-pie -fno-pie", "glibc-nopie", path, sizeof(path)))
		skip();
	check_file(path, ET_EXEC, "/lib64/ld-linux-x86-64.so.2");
	if (!compile("musl-gcc", "", "musl-dynamic", path, sizeof(path)))
		skip();
	check_file(path, ET_DYN, "/lib/ld-musl-x86_64.so.1");
}

/* The host's own binaries: BusyBox (static), ld.so and libc (ET_DYN
 * without PT_INTERP, loaded as interpreters), a dynamic coreutils. */
static void host_binaries(void **state)
{
	static const struct {
		const char *path;
		uint16_t type;
		const char *interp;
	} files[] = {
		{"/bin/busybox", ET_EXEC, NULL},
		{"/lib64/ld-linux-x86-64.so.2", ET_DYN, NULL},
		{"/lib/x86_64-linux-gnu/libc.so.6", ET_DYN, "/lib64/ld-linux-x86-64.so.2"},
		{"/bin/ls", ET_DYN, "/lib64/ld-linux-x86-64.so.2"},
	};
	unsigned checked = 0;

	if (!have("readelf"))
		skip();
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		if (access(files[i].path, R_OK) != 0)
			continue;
		check_file(files[i].path, files[i].type, files[i].interp);
		checked++;
	}
	if (!checked)
		skip();
}

static int cleanup(void **state)
{
	char cmd[128];

	if (have_tmpdir) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		return system(cmd);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typical_pie_fields),
		cmocka_unit_test(bad_ident),
		cmocka_unit_test(bad_type_and_machine),
		cmocka_unit_test(bad_phdr_table),
		cmocka_unit_test(truncated),
		cmocka_unit_test(split_table),
		cmocka_unit_test(null_args),
		cmocka_unit_test(load_count),
		cmocka_unit_test(load_order),
		cmocka_unit_test(filesz_and_congruence),
		cmocka_unit_test(overflow),
		cmocka_unit_test(interp),
		cmocka_unit_test(gnu_stack),
		cmocka_unit_test(phdr_address),
		cmocka_unit_test(alignment),
		cmocka_unit_test(unaligned_buffer),
		cmocka_unit_test(mutations),
		cmocka_unit_test(real_static),
		cmocka_unit_test(real_static_pie),
		cmocka_unit_test(real_dynamic),
		cmocka_unit_test(host_binaries),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
