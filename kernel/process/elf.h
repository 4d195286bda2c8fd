/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * ELF64 parsing for execve(): checks an executable's ELF header and program
 * headers and condenses them into a struct elf_info the loader can act on
 * without looking at the file format again.  The same call checks the
 * program interpreter (ld.so) when execve loads it.  Pure: no allocation,
 * no globals, no I/O, no locks, never sleeps; the caller reads the file.
 *
 * Accepts what Linux's binfmt_elf accepts and refuses with -ENOEXEC what
 * it refuses (or would fail on after the point of no return), except where
 * marked "stricter": malformed files no linker makes, refused here so the
 * loader never has to guess.
 *   - magic, e_machine == `machine`, e_type ET_EXEC or ET_DYN; ELFCLASS64,
 *     native byte order, EV_CURRENT in e_ident[EI_VERSION] and e_version
 *     (stricter: Linux looks only at the magic of e_ident);
 *   - e_phentsize == sizeof(Elf64_Phdr), 1 <= e_phnum, table <= 64 KiB;
 *   - PT_LOAD: 1..ELF_MAX_SEGMENTS of them with p_memsz > 0 (an empty
 *     PT_LOAD maps nothing and is skipped), p_filesz <= p_memsz, no
 *     overflow of p_offset + p_filesz or of page_align_up(p_vaddr +
 *     p_memsz), p_offset congruent to p_vaddr modulo PAGE_SIZE when
 *     p_filesz > 0 (what mmap needs); sorted by p_vaddr and not
 *     overlapping byte-wise (stricter: Linux maps them over each other).
 *     Two neighbours may share a page (their byte ranges do not overlap);
 *     the loader must then give that page the union of both protections
 *     and both contents;
 *   - PT_INTERP: 2 <= p_filesz <= PATH_MAX (counting the NUL), no overflow
 *     of p_offset + p_filesz; at most one (stricter: Linux takes the
 *     first).  The path lies in the file: the loader reads it and checks
 *     it with elf_check_interp();
 *   - PT_GNU_STACK: the last one decides (PF_X: executable stack).  Without
 *     it the stack is not executable (Linux's rule for 64-bit tasks).
 * Not checked here: that the addresses fit the user address space and that
 * e_entry lies in a segment.  The loader checks the first against its
 * task-size limit after relocation; a bad entry faults in user mode, as on
 * Linux.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <linux/elf.h>

/* PT_LOADs one file may have (Linux has no limit; real files have 2-6). */
#define ELF_MAX_SEGMENTS 16
/* Largest program header table accepted, in bytes (Linux's limit too). */
#define ELF_MAX_PHDRS_SIZE 65536u

/* One PT_LOAD, as in the file: unrelocated and not page aligned. */
struct elf_segment {
	uint64_t vaddr;	 /* p_vaddr */
	uint64_t memsz;	 /* p_memsz, > 0 */
	uint64_t offset; /* p_offset */
	uint64_t filesz; /* p_filesz <= memsz; the rest is zero-filled */
	unsigned prot;	 /* PROT_READ | PROT_WRITE | PROT_EXEC, from p_flags */
};

struct elf_info {
	uint16_t type;				  /* ET_EXEC or ET_DYN */
	uint16_t phnum;				  /* e_phnum (AT_PHNUM) */
	uint16_t phentsize;			  /* e_phentsize (AT_PHENT) */
	uint64_t entry;				  /* e_entry, unrelocated */
	uint64_t phoff;				  /* e_phoff */
	uint64_t phdr_vaddr;			  /* unrelocated address of the program headers in
			      * memory (AT_PHDR): from the (last) PT_LOAD whose
			      * file range holds e_phoff (Linux's rule), else
			      * PT_PHDR's p_vaddr, else 0 */
	uint64_t interp_off;			  /* PT_INTERP: file offset of the path ... */
	uint64_t interp_len;			  /* ... and its length with the NUL; 0 if none */
	uint64_t min_vaddr;			  /* page_align_down(first PT_LOAD's p_vaddr) */
	uint64_t max_vaddr;			  /* page_align_up(end of the last PT_LOAD) */
	uint64_t align;				  /* largest power-of-two p_align of the PT_LOADs,
			      * at least PAGE_SIZE (ET_DYN load-bias alignment) */
	bool stack_exec;			  /* PT_GNU_STACK asks for an executable stack */
	unsigned nseg;				  /* entries in seg[] */
	struct elf_segment seg[ELF_MAX_SEGMENTS]; /* PT_LOADs, in file order */
};

/*
 * Check the ELF header in the first `len` bytes of a file and report where
 * its program header table lies: *phoff (file offset) and *phsize (bytes,
 * at most ELF_MAX_PHDRS_SIZE).  Returns 0, -ENOEXEC (not an ELF64 file for
 * `machine`, or a header rule above broken; also when len is too short for
 * the ELF header), or -EINVAL (a NULL pointer).  Use it when the table may
 * lie beyond the bytes already read, then elf_parse_phdrs().
 */
int elf_check_header(const void *hdr, size_t len, uint16_t machine, uint64_t *phoff, size_t *phsize)
	__must_check;

/*
 * Parse an executable from its ELF header (`hdr`, `len` bytes from file
 * offset 0) and its program header table (`ph`, `phsize` bytes read from
 * the offset elf_check_header() gave; it may point into hdr).  Fills *out.
 * Returns 0, -ENOEXEC (any rule above broken) or -EINVAL (a NULL pointer,
 * or phsize not the size of the table).  *out is undefined on error.
 */
int elf_parse_phdrs(const void *hdr, size_t len, const void *ph, size_t phsize, uint16_t machine,
		    struct elf_info *out) __must_check;

/*
 * Both steps when the program header table lies within the first `len`
 * bytes (the caller reads at least the first page, which holds it in every
 * file a linker makes).  Returns 0, -ENOEXEC (including a table beyond
 * `len`) or -EINVAL (a NULL pointer).
 */
int elf_parse(const void *hdr, size_t len, uint16_t machine, struct elf_info *out) __must_check;

/*
 * Check the interpreter path read from [interp_off, interp_off + interp_len):
 * `len` must be the info's interp_len and path[len - 1] must be the NUL
 * (Linux's check; a NUL earlier simply ends the path).  0 or -ENOEXEC.
 */
int elf_check_interp(const char *path, size_t len) __must_check;
