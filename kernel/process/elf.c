/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * ELF64 header and program-header parsing (see elf.h for the contract).
 *
 * The buffers come straight from a file anyone can write, so nothing in
 * them is trusted: headers are copied out with memcpy (the file need not
 * align them), every offset and size is checked before use, and every sum
 * of two file values is checked for overflow.  One pass over the program
 * headers collects PT_LOAD, PT_INTERP, PT_PHDR and PT_GNU_STACK; a
 * second finds the PT_LOAD holding the program headers, which needs the
 * segments collected first.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/limits.h>
#include <linux/mman.h>
#include <platform/page.h>
#include "elf.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ELF_NATIVE_DATA ELFDATA2LSB
#else
#define ELF_NATIVE_DATA ELFDATA2MSB
#endif

_Static_assert(sizeof(Elf64_Ehdr) == 64, "Elf64_Ehdr layout");
_Static_assert(sizeof(Elf64_Phdr) == 56, "Elf64_Phdr layout");

/* Copy the ELF header out of hdr and check it (no output). */
static int read_ehdr(const void *hdr, size_t len, uint16_t machine, Elf64_Ehdr *eh)
{
	if (len < sizeof(*eh))
		return -ENOEXEC;
	memcpy(eh, hdr, sizeof(*eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELF_NATIVE_DATA ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_machine != machine)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    (size_t)eh->e_phnum * sizeof(Elf64_Phdr) > ELF_MAX_PHDRS_SIZE)
		return -ENOEXEC;
	return 0;
}

int elf_check_header(const void *hdr, size_t len, uint16_t machine, uint64_t *phoff, size_t *phsize)
{
	Elf64_Ehdr eh;
	int err;

	if (!hdr || !phoff || !phsize)
		return -EINVAL;
	err = read_ehdr(hdr, len, machine, &eh);
	if (err)
		return err;
	if (eh.e_phoff > UINT64_MAX - (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr))
		return -ENOEXEC;
	*phoff = eh.e_phoff;
	*phsize = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
	return 0;
}

static unsigned prot_of(uint32_t p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

static int add_load(struct elf_info *out, const Elf64_Phdr *p)
{
	struct elf_segment *s;

	if (p->p_filesz > p->p_memsz)
		return -ENOEXEC;
	if (p->p_offset > UINT64_MAX - p->p_filesz)
		return -ENOEXEC;
	if (p->p_memsz == 0)
		return 0;
	/* The end must survive rounding up to a page, too. */
	if (p->p_vaddr > UINT64_MAX - (PAGE_SIZE - 1) - p->p_memsz)
		return -ENOEXEC;
	if (p->p_filesz && (p->p_vaddr - p->p_offset) % PAGE_SIZE != 0)
		return -ENOEXEC;
	if (out->nseg == ELF_MAX_SEGMENTS)
		return -ENOEXEC;
	if (out->nseg > 0) {
		const struct elf_segment *prev = &out->seg[out->nseg - 1];

		if (p->p_vaddr < prev->vaddr + prev->memsz)
			return -ENOEXEC;
	}
	if (p->p_align > out->align && (p->p_align & (p->p_align - 1)) == 0)
		out->align = p->p_align;
	s = &out->seg[out->nseg++];
	*s = (struct elf_segment){
		.vaddr = p->p_vaddr,
		.memsz = p->p_memsz,
		.offset = p->p_offset,
		.filesz = p->p_filesz,
		.prot = prot_of(p->p_flags),
	};
	return 0;
}

static int set_interp(struct elf_info *out, const Elf64_Phdr *p)
{
	if (out->interp_len)
		return -ENOEXEC;
	if (p->p_filesz < 2 || p->p_filesz > PATH_MAX)
		return -ENOEXEC;
	if (p->p_offset > UINT64_MAX - p->p_filesz)
		return -ENOEXEC;
	out->interp_off = p->p_offset;
	out->interp_len = p->p_filesz;
	return 0;
}

int elf_parse_phdrs(const void *hdr, size_t len, const void *ph, size_t phsize, uint16_t machine,
		    struct elf_info *out)
{
	const unsigned char *table = ph;
	uint64_t pt_phdr = 0;
	Elf64_Ehdr eh;
	Elf64_Phdr p;
	int err;

	if (!hdr || !ph || !out)
		return -EINVAL;
	err = read_ehdr(hdr, len, machine, &eh);
	if (err)
		return err;
	if (phsize != (size_t)eh.e_phnum * sizeof(Elf64_Phdr))
		return -EINVAL;

	*out = (struct elf_info){
		.type = eh.e_type,
		.phnum = eh.e_phnum,
		.phentsize = eh.e_phentsize,
		.entry = eh.e_entry,
		.phoff = eh.e_phoff,
		.align = PAGE_SIZE,
	};
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		memcpy(&p, table + (size_t)i * sizeof(p), sizeof(p));
		switch (p.p_type) {
		case PT_LOAD:
			err = add_load(out, &p);
			break;
		case PT_INTERP:
			err = set_interp(out, &p);
			break;
		case PT_PHDR:
			pt_phdr = p.p_vaddr;
			break;
		case PT_GNU_STACK:
			out->stack_exec = (p.p_flags & PF_X) != 0;
			break;
		default:
			break;
		}
		if (err)
			return err;
	}
	if (out->nseg == 0)
		return -ENOEXEC;

	/* Several PT_LOADs may map the table's file bytes: the last one
	 * decides, as on Linux. */
	out->phdr_vaddr = pt_phdr;
	for (unsigned i = 0; i < out->nseg; i++) {
		const struct elf_segment *s = &out->seg[i];

		if (s->offset <= eh.e_phoff && eh.e_phoff - s->offset < s->filesz)
			out->phdr_vaddr = s->vaddr + (eh.e_phoff - s->offset);
	}
	out->min_vaddr = ALIGN_DOWN(out->seg[0].vaddr, PAGE_SIZE);
	out->max_vaddr =
		ALIGN_UP(out->seg[out->nseg - 1].vaddr + out->seg[out->nseg - 1].memsz, PAGE_SIZE);
	return 0;
}

int elf_parse(const void *hdr, size_t len, uint16_t machine, struct elf_info *out)
{
	uint64_t phoff;
	size_t phsize;
	int err;

	if (!out)
		return -EINVAL;
	err = elf_check_header(hdr, len, machine, &phoff, &phsize);
	if (err)
		return err;
	if (phoff > len || phsize > len - phoff)
		return -ENOEXEC;
	return elf_parse_phdrs(hdr, len, (const unsigned char *)hdr + phoff, phsize, machine, out);
}

int elf_check_interp(const char *path, size_t len)
{
	if (!path)
		return -EINVAL;
	if (len < 2 || len > PATH_MAX || path[len - 1] != '\0')
		return -ENOEXEC;
	return 0;
}
