/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * vdso_sym(name, version): the address of a symbol of the vDSO the kernel
 * announced with AT_SYSINFO_EHDR, looked up as musl and glibc do (the
 * dynamic symbol table sized by DT_HASH or DT_GNU_HASH, the version from
 * DT_VERSYM/DT_VERDEF), or NULL.  For the tests of tests/abi/vdso/.
 */
#ifndef VDSO_SYM_H
#define VDSO_SYM_H

#include <elf.h>
#include <string.h>
#include <sys/auxv.h>

static const Elf64_Verdef *vdso_verdef_at(const Elf64_Verdef *d, unsigned idx)
{
	for (; d; d = d->vd_next ? (const void *)((const char *)d + d->vd_next) : NULL)
		if ((d->vd_ndx & 0x7fff) == idx)
			return d;
	return NULL;
}

static void *vdso_sym(const char *name, const char *version)
{
	const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
	const char *base = (const char *)eh, *strtab = NULL;
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	const Elf64_Sym *syms = NULL;
	const Elf64_Half *versym = NULL;
	const Elf64_Verdef *verdef = NULL;
	const Elf64_Word *hash = NULL;
	long bias = 0;

	if (!eh)
		return NULL;
	ph = (const void *)(base + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !bias)
			bias = (long)base + (long)ph[i].p_offset - (long)ph[i].p_vaddr;
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const void *)(base + ph[i].p_offset);
	}
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		const void *p = (const void *)(bias + dyn->d_un.d_ptr);

		if (dyn->d_tag == DT_STRTAB)
			strtab = p;
		else if (dyn->d_tag == DT_SYMTAB)
			syms = p;
		else if (dyn->d_tag == DT_HASH)
			hash = p;
		else if (dyn->d_tag == DT_VERSYM)
			versym = p;
		else if (dyn->d_tag == DT_VERDEF)
			verdef = p;
	}
	if (!strtab || !syms || !hash)
		return NULL;
	for (Elf64_Word i = 0; i < hash[1]; i++) {
		const Elf64_Verdef *d;

		if (!syms[i].st_shndx || strcmp(strtab + syms[i].st_name, name))
			continue;
		d = versym && verdef ? vdso_verdef_at(verdef, versym[i] & 0x7fff) : NULL;
		if (!d ||
		    strcmp(strtab +
				   ((const Elf64_Verdaux *)((const char *)d + d->vd_aux))->vda_name,
			   version))
			continue;
		return (void *)(bias + syms[i].st_value);
	}
	return NULL;
}

#endif
