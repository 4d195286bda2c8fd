/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* AT_SYSINFO_EHDR points at a page-aligned 64-bit x86-64 ELF shared object with a PT_DYNAMIC. */
/* abi: glibc */
#include <elf.h>
#include <sys/auxv.h>
#include "abi.h"

int main(void)
{
	unsigned long at = getauxval(AT_SYSINFO_EHDR);
	const Elf64_Ehdr *eh = (const void *)at;
	const Elf64_Phdr *ph;
	int loads = 0, dynamic = 0, exec_load = 0;

	CHECK(at != 0);
	if (!at)
		return 1;
	FACT("page aligned", at % 4096 == 0);
	FACT("ELF magic", !memcmp(eh->e_ident, ELFMAG, SELFMAG));
	FACT("ELFCLASS64", eh->e_ident[EI_CLASS] == ELFCLASS64);
	FACT("little endian", eh->e_ident[EI_DATA] == ELFDATA2LSB);
	FACT("ET_DYN", eh->e_type == ET_DYN);
	FACT("EM_X86_64", eh->e_machine == EM_X86_64);
	ph = (const void *)(at + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		loads += ph[i].p_type == PT_LOAD;
		dynamic += ph[i].p_type == PT_DYNAMIC;
		if (ph[i].p_type == PT_LOAD && (ph[i].p_flags & PF_X))
			exec_load++;
	}
	FACT("one executable PT_LOAD", loads == 1 && exec_load == 1);
	FACT("has PT_DYNAMIC", dynamic == 1);
	return 0;
}
