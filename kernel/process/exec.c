/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * execve: "#!" scripts, ELF64 executables (static, static-PIE and dynamic
 * with a PT_INTERP loader), the new address space and the initial stack
 * (strings, argv, envp, auxv) the x86-64 psABI describes.
 *
 * Everything that can fail for a reason the caller should hear about
 * (missing file, permissions, malformed headers, the interpreter) is
 * checked before the point of no return, where the process's old memory
 * is dropped.  Segments are read into anonymous private memory: a private
 * file mapping whose contents are copied at exec instead of on first touch.
 *
 * Layout without ASLR, as Linux with randomization off: ET_EXEC at its
 * link address; an ET_DYN main program with an interpreter at
 * ELF_ET_DYN_BASE; the interpreter and a static-PIE (ET_DYN without one)
 * top-down from the mmap base; the stack below STACK_TOP.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/inotify.h>
#include <linux/auxvec.h>
#include <linux/signal.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/stat.h>
#include <platform/boot.h>
#include <platform/context.h>
#include <platform/kmalloc.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <kernel/fsnotify.h>
#include <kernel/cred.h>
#include <kernel/exec.h>
#include <kernel/file.h>
#include <kernel/futex.h>
#include <kernel/path.h>
#include <kernel/perm.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include <kernel/rseq.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include "elf.h"

#define STACK_TOP	 EXEC_STACK_TOP
#define STACK_SIZE	 (8ul << 20) /* RLIMIT_STACK's default */
#define STACK_MAX	 (1ul << 30) /* the largest stack mapping exec makes */
#define STACK_GUARD_GAP	 (1ul << 20) /* kept free below it (Linux's stack_guard_gap) */
#define ELF_ET_DYN_BASE	 0x0000555555554000ul
#define BINPRM_BUF_SIZE	 256 /* how much of a "#!" line Linux reads */
#define MAX_INTERP_DEPTH 4   /* "#!" scripts running "#!" scripts */
#define HEAD_SIZE	 PAGE_SIZE

int exec_strings_add(struct exec_strings *s, const char *str, size_t len, bool at_front)
{
	char *copy;

	if (len + 1 > EXEC_STRLEN_MAX || *s->total + len + 1 > EXEC_ARG_MAX)
		return -E2BIG;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		char **v = kmalloc(cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		if (s->n)
			memcpy(v, s->v, s->n * sizeof(*v));
		kfree(s->v);
		s->v = v;
		s->cap = cap;
	}
	copy = kmalloc(len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, str, len);
	copy[len] = '\0';
	if (at_front) {
		memmove(s->v + 1, s->v, s->n * sizeof(*s->v));
		s->v[0] = copy;
	} else {
		s->v[s->n] = copy;
	}
	s->n++;
	*s->total += len + 1;
	return 0;
}

void exec_strings_free(struct exec_strings *s)
{
	for (size_t i = 0; i < s->n; i++)
		kfree(s->v[i]);
	kfree(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* ---- reading the file ---- */

static ssize_t read_kernel(struct inode *ino, uint64_t off, void *buf, size_t len)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	return vfs_read_full(ino, off, &b);
}

int exec_permitted(struct inode *ino)
{
	struct vfs_stat st;
	int err = vfs_stat(ino, &st);

	if (!err && !S_ISREG(st.mode))
		err = -EACCES;
	if (!err)
		err = stat_permission(&st, MAY_EXEC);
	return err;
}

/* Open `path` for execution (exec_permitted).  With `where`, also its path
 * component (for /proc/<pid>/exe). */
static int open_exec(const char *path, struct inode **out, struct path_component **where)
{
	struct path_component *root, *cwd, *pc = NULL;
	struct inode *ino;
	int err;

	process_fs_get(&root, &cwd);
	if (where) {
		err = vfs_resolve(root, cwd, path, RESOLVE_FOLLOW, &pc);
		ino = err ? NULL : pc->inode;
		if (ino)
			inode_get(ino);
	} else {
		err = vfs_lookup_inode(root, cwd, path, RESOLVE_FOLLOW, &ino);
	}
	path_put(root);
	path_put(cwd);
	if (err)
		return err;
	err = exec_permitted(ino);
	if (err) {
		inode_put(ino);
		if (pc)
			path_put(pc);
		return err;
	}
	*out = ino;
	if (where) {
		if (*where)
			path_put(*where);
		*where = pc;
	}
	return 0;
}

/* inotify's view of a program or loader exec opened and read: as Linux,
 * IN_OPEN, IN_ACCESS and IN_CLOSE_NOWRITE (Linux's close comes when the
 * image lets go of the file; here at once). */
static void notify_exec(struct path_component *pc)
{
	if (!pc || !fsnotify_active())
		return;
	fsnotify_path(pc, IN_OPEN);
	fsnotify_path(pc, IN_ACCESS);
	fsnotify_path(pc, IN_CLOSE_NOWRITE);
}

/* The same for a file already found (execveat): new references. */
static int open_exec_at(struct path_component *pc, struct inode **out,
			struct path_component **where)
{
	int err = exec_permitted(pc->inode);

	if (err)
		return err;
	inode_get(pc->inode);
	*out = pc->inode;
	*where = path_get(pc);
	return 0;
}

/* One program image (the executable or its interpreter), parsed. */
struct image {
	struct inode *ino;
	struct elf_info ei;
	uintptr_t bias; /* load address minus link address */
};

static int parse_elf(struct inode *ino, const uint8_t *head, size_t n, struct elf_info *ei)
{
	uint64_t phoff;
	size_t phsize;
	void *ph;
	int err = elf_check_header(head, n, elf_machine(), &phoff, &phsize);

	if (err)
		return err;
	if (phoff + phsize <= n)
		return elf_parse_phdrs(head, n, head + phoff, phsize, elf_machine(), ei);
	ph = kmalloc(phsize);
	if (!ph)
		return -ENOMEM;
	err = read_kernel(ino, phoff, ph, phsize) == (ssize_t)phsize ? 0 : -ENOEXEC;
	if (!err)
		err = elf_parse_phdrs(head, n, ph, phsize, elf_machine(), ei);
	kfree(ph);
	return err;
}

/* The "#!" line in head[0..n): interpreter and optional argument, as
 * pointers into head (NUL-terminated in place).  -ENOEXEC if there is no
 * interpreter name, or it does not end within the bytes Linux reads. */
static int parse_shebang(char *head, size_t n, char **interp, char **arg)
{
	char *p, *end, *nl = memchr(head, '\n', n);

	end = nl ? nl : head + n;
	*end = '\0';
	for (p = head + 2; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		return -ENOEXEC;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (!nl && !*p && n == BINPRM_BUF_SIZE)
		return -ENOEXEC; /* the interpreter's name was cut off */
	*arg = NULL;
	if (*p) {
		char *t;

		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		for (t = p + strlen(p); t > p && (t[-1] == ' ' || t[-1] == '\t'); t--)
			;
		*t = '\0';
		if (*p)
			*arg = p;
	}
	return 0;
}

/* ---- building the new address space (after the point of no return) ---- */

static int map_anon(struct vm *vm, uintptr_t start, size_t len, unsigned prot)
{
	long r = vm_mmap(vm, start, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);

	return r < 0 ? (int)r : 0;
}

/* Map one PT_LOAD as Linux's binfmt_elf does: its pages of file bytes as a
 * private file mapping (demand-paged); when .bss follows, the page where
 * the file bytes end as anonymous memory holding them with zeros after,
 * and the rest of the segment anonymous. */
static int map_segment(struct vm *vm, const struct image *im, const struct elf_segment *s)
{
	uintptr_t start = ALIGN_DOWN(im->bias + s->vaddr, PAGE_SIZE);
	uintptr_t file_end = im->bias + s->vaddr + s->filesz;
	/* without .bss the last page may show the file's following bytes, as
	 * a file page does on Linux: map it from the file too */
	uintptr_t full_end = !s->filesz		     ? start
			     : s->memsz == s->filesz ? ALIGN_UP(file_end, PAGE_SIZE)
						     : ALIGN_DOWN(file_end, PAGE_SIZE);
	uintptr_t end = ALIGN_UP(im->bias + s->vaddr + s->memsz, PAGE_SIZE);
	uint64_t file_start = s->offset - (s->vaddr & (PAGE_SIZE - 1));
	int err = 0;

	if (full_end > start) {
		long r;

		inode_get(im->ino);
		r = vm_mmap_file(vm, start, full_end - start, s->prot, MAP_PRIVATE | MAP_FIXED,
				 im->ino, file_start, false);
		if (r < 0) {
			inode_put(im->ino);
			return (int)r;
		}
	}
	if (end > full_end) {
		err = map_anon(vm, full_end, end - full_end, PROT_READ | PROT_WRITE);
		if (!err && s->filesz && file_end > full_end) {
			/* the last, partial page of file bytes: from the page's
			 * start, as a file page would show them */
			struct iobuf b = {
				.user = true, .ubuf = uptr(full_end), .len = file_end - full_end};

			if (vfs_read_full(im->ino, file_start + (full_end - start), &b) !=
			    (ssize_t)b.len)
				err = -EIO;
		}
		if (!err && s->prot != (PROT_READ | PROT_WRITE))
			err = vm_mprotect(vm, full_end, end - full_end, s->prot);
	}
	return err;
}

/* Map the PT_LOADs of `im` at its bias; a page two segments share gets
 * both protections. */
static int load_segments(struct vm *vm, const struct image *im)
{
	const struct elf_info *ei = &im->ei;
	uintptr_t prev_end = 0;
	unsigned prev_prot = 0;
	int err;

	for (unsigned i = 0; i < ei->nseg; i++) {
		const struct elf_segment *s = &ei->seg[i];
		uintptr_t start = ALIGN_DOWN(im->bias + s->vaddr, PAGE_SIZE);
		uintptr_t end = ALIGN_UP(im->bias + s->vaddr + s->memsz, PAGE_SIZE);

		err = map_segment(vm, im, s);
		if (!err && i && start < prev_end)
			err = vm_mprotect(vm, start, PAGE_SIZE, s->prot | prev_prot);
		if (err)
			return err;
		prev_end = end;
		prev_prot = s->prot;
	}
	return 0;
}

/* Choose the bias of an ET_DYN image placed top-down from the mmap base:
 * reserve its whole span (aligned to its largest p_align) and drop the
 * reservation; load_segments() maps the pieces inside it. */
static int place_top_down(struct vm *vm, struct image *im)
{
	size_t span = im->ei.max_vaddr - im->ei.min_vaddr;
	size_t align = im->ei.align;
	long at = vm_mmap(vm, 0, span + align - PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS);

	if (at < 0)
		return (int)at;
	vm_munmap(vm, (uintptr_t)at, span + align - PAGE_SIZE);
	im->bias = ALIGN_UP((uintptr_t)at, align) - im->ei.min_vaddr;
	return 0;
}

struct stack_builder {
	uintptr_t sp;
	bool fault;
};

/* Push bytes onto the new stack; returns their user address. */
static uintptr_t push_bytes(struct stack_builder *sb, const void *p, size_t n)
{
	sb->sp -= n;
	if (copy_to_user(uptr(sb->sp), p, n))
		sb->fault = true;
	return sb->sp;
}

static void push_word(struct stack_builder *sb, uint64_t v)
{
	push_bytes(sb, &v, sizeof(v));
}

/* The main stack's mapping: RLIMIT_STACK's soft limit (which the fault
 * path enforces), at least the 8 MiB default and at most STACK_MAX. */
static size_t stack_size(void)
{
	uint64_t lim = rlimit_cur(RLIMIT_STACK);

	return lim <= STACK_SIZE  ? STACK_SIZE
	       : lim >= STACK_MAX ? STACK_MAX
				  : ALIGN_UP(lim, PAGE_SIZE);
}

/* The initial stack: [argc][argv...][0][envp...][0][auxv...][AT_NULL] with
 * the strings, AT_RANDOM's bytes and the platform name above. */
static int build_stack(struct vm *vm, const char *execfn, const struct exec_strings *argv,
		       const struct exec_strings *envp, const struct image *exe,
		       const struct image *interp, uintptr_t vdso, bool secure,
		       struct arch_regs *regs)
{
	const struct cred *c = current_cred();
	struct stack_builder sb = {.sp = STACK_TOP};
	uintptr_t *uargv, *uenvp, execfn_at, random_at, platform_at;
	uint64_t auxv[2 * 24];
	uint8_t rnd[16];
	size_t na = 0, words;
	size_t size = stack_size();
	int err = map_anon(vm, STACK_TOP - size, size, PROT_READ | PROT_WRITE);

	if (err)
		return err;
	uargv = kmalloc((argv->n + envp->n + 1) * sizeof(uintptr_t));
	if (!uargv)
		return -ENOMEM;
	uenvp = uargv + argv->n;
	push_word(&sb, 0); /* Linux leaves the top word zero */
	execfn_at = push_bytes(&sb, execfn, strlen(execfn) + 1);
	for (size_t i = envp->n; i-- > 0;)
		uenvp[i] = push_bytes(&sb, envp->v[i], strlen(envp->v[i]) + 1);
	for (size_t i = argv->n; i-- > 0;)
		uargv[i] = push_bytes(&sb, argv->v[i], strlen(argv->v[i]) + 1);
	sb.sp = ALIGN_DOWN(sb.sp, 16);
	platform_at = push_bytes(&sb, machine_name(), strlen(machine_name()) + 1);
	random_bytes(rnd, sizeof(rnd));
	sb.sp = ALIGN_DOWN(sb.sp, 16);
	random_at = push_bytes(&sb, rnd, sizeof(rnd));

#define AUX(k, v)                           \
	do {                                \
		auxv[na++] = (k);           \
		auxv[na++] = (uint64_t)(v); \
	} while (0)
	if (vdso)
		AUX(AT_SYSINFO_EHDR, vdso);
	AUX(AT_HWCAP, cpu_hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, exe->bias + exe->ei.phdr_vaddr);
	AUX(AT_PHENT, exe->ei.phentsize);
	AUX(AT_PHNUM, exe->ei.phnum);
	AUX(AT_BASE, interp ? interp->bias : 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, exe->bias + exe->ei.entry);
	AUX(AT_UID, c->uid);
	AUX(AT_EUID, c->euid);
	AUX(AT_GID, c->gid);
	AUX(AT_EGID, c->egid);
	AUX(AT_SECURE, secure);
	AUX(AT_RANDOM, random_at);
	AUX(AT_EXECFN, execfn_at);
	AUX(AT_PLATFORM, platform_at);
	AUX(AT_NULL, 0);
#undef AUX

	/* keep sp 16-byte aligned at argc after everything below is pushed */
	words = na + (envp->n + 1) + (argv->n + 1) + 1;
	sb.sp = ALIGN_DOWN(sb.sp - words * 8, 16) + words * 8;
	push_bytes(&sb, auxv, na * sizeof(auxv[0]));
	push_word(&sb, 0);
	for (size_t i = envp->n; i-- > 0;)
		push_word(&sb, uenvp[i]);
	push_word(&sb, 0);
	for (size_t i = argv->n; i-- > 0;)
		push_word(&sb, uargv[i]);
	push_word(&sb, argv->n);
	kfree(uargv);
	if (sb.fault)
		return -EFAULT;

	regs_init_user(regs, interp ? interp->bias + interp->ei.entry : exe->bias + exe->ei.entry,
		       sb.sp);
	return 0;
}

/* Replace the process's memory with `exe` (and `interp`) and set up the
 * stack and registers.  The point of no return is the vm switch. */
static int load_program(const char *execfn, const struct exec_strings *argv,
			const struct exec_strings *envp, struct image *exe, struct image *interp,
			const struct vfs_stat *st, struct arch_regs *regs)
{
	struct thread *t = current_thread();
	struct process *p = current_process();
	struct vm *vm = vm_create(), *old;
	uintptr_t brk;
	long vdso;
	irqflags_t f;
	int secure;
	int err;

	if (!vm)
		return -ENOMEM;
	/* the point of no return */
	futex_exec_release(t); /* Linux walks the robust list in the old memory */
	vm_get(vm);
	f = process_lock_tree(); /* /proc takes references to p->vm under it */
	old = p->vm;
	p->vm = vm;
	process_note_maxrss(p, old);
	process_unlock_tree(f);
	t->vm = vm;
	vm_activate(vm);
	vm_put(old); /* the process's reference */
	vm_put(old); /* the thread's */
	process_vfork_release(p);

	if (exe->ei.type == ET_DYN) {
		if (interp)
			exe->bias = ALIGN_UP(ELF_ET_DYN_BASE, exe->ei.align) - exe->ei.min_vaddr;
		else if ((err = place_top_down(vm, exe)))
			return err;
	}
	err = load_segments(vm, exe);
	if (!err && interp) {
		if (interp->ei.type == ET_DYN)
			err = place_top_down(vm, interp);
		if (!err)
			err = load_segments(vm, interp);
	}
	if (err)
		return err;
	/* below the stack and its guard gap, as Linux places it */
	vdso = vm_map_vdso(vm, STACK_TOP - stack_size() - STACK_GUARD_GAP);
	if (vdso < 0)
		return (int)vdso;
	brk = exe->ei.type == ET_DYN && !interp
		      ? ELF_ET_DYN_BASE
		      : ALIGN_UP(exe->bias + exe->ei.max_vaddr, PAGE_SIZE);
	vm->brk_start = vm->brk = brk;
	context_set_user_tls(0);
	/* the new credentials: set-user-ID and set-group-ID, capabilities */
	secure = cred_exec(st, exe->ino->sb && (exe->ino->sb->flags & MS_NOSUID));
	if (secure < 0)
		return secure;
	return build_stack(vm, execfn, argv, envp, exe, interp, (uintptr_t)vdso, secure, regs);
}

static size_t strings_len(const struct exec_strings *s)
{
	size_t len = 0;

	for (size_t i = 0; i < s->n; i++)
		len += strlen(s->v[i]) + 1;
	return len;
}

static char *strings_copy(char *to, const struct exec_strings *s)
{
	for (size_t i = 0; i < s->n; i++) {
		size_t n = strlen(s->v[i]) + 1;

		memcpy(to, s->v[i], n);
		to += n;
	}
	return to;
}

/* argv and envp as /proc/<pid>/cmdline and environ show them (NULL if out
 * of memory: then both read empty, which Linux shows for processes without
 * memory). */
static struct proc_cmdline *cmdline_of(const struct exec_strings *argv,
				       const struct exec_strings *envp)
{
	struct proc_cmdline *c;
	size_t len = strings_len(argv), env_len = strings_len(envp);

	c = kmalloc(__builtin_offsetof(struct proc_cmdline, data) + len + env_len);
	if (!c)
		return NULL;
	c->refs = 1;
	c->len = len;
	c->env_len = env_len;
	strings_copy(strings_copy(c->data, argv), envp);
	return c;
}

static void set_comm(struct process *p, const char *path)
{
	const char *base = strrchr(path, '/');

	process_set_comm(p, current_thread(), base ? base + 1 : path);
}

long exec_replace(const char *path, struct exec_strings *argv, struct exec_strings *envp,
		  struct arch_regs *regs)
{
	return exec_replace_at(NULL, path, 0, argv, envp, regs);
}

long exec_replace_at(struct path_component *at, const char *path, unsigned flags,
		     struct exec_strings *argv, struct exec_strings *envp, struct arch_regs *regs)
{
	struct image exe = {.ino = NULL}, interp = {.ino = NULL};
	struct path_component *exe_pc = NULL, *interp_pc = NULL;
	struct vfs_stat st;
	const char *file = path;
	char *script = NULL, *head = kmalloc(HEAD_SIZE);
	bool has_interp = false;
	ssize_t n;
	int err, depth = 0;

	if (!head)
		return -ENOMEM;
	for (;;) {
		char *ipath, *iarg;

		if (at && !depth)
			err = open_exec_at(at, &exe.ino, &exe_pc);
		else
			err = open_exec(file, &exe.ino, &exe_pc);
		if (err)
			goto out;
		n = read_kernel(exe.ino, 0, head, HEAD_SIZE);
		if (n < 0) {
			err = (int)n;
			goto out;
		}
		if (n < 2 || head[0] != '#' || head[1] != '!')
			break;
		/* a script: run its interpreter with the script's path */
		inode_put(exe.ino);
		exe.ino = NULL;
		if (++depth > MAX_INTERP_DEPTH) {
			err = -ELOOP;
			goto out;
		}
		err = parse_shebang(head, MIN((size_t)n, BINPRM_BUF_SIZE), &ipath, &iarg);
		/* the interpreter could not open /dev/fd/N once N is closed */
		if (!err && (flags & EXEC_PATH_INACCESSIBLE))
			err = -ENOENT;
		if (err)
			goto out;
		/* argv[0] gives way to interp [arg] path */
		if (argv->n) {
			kfree(argv->v[0]);
			memmove(argv->v, argv->v + 1, --argv->n * sizeof(*argv->v));
		}
		err = exec_strings_add(argv, file, strlen(file), true);
		if (!err && iarg)
			err = exec_strings_add(argv, iarg, strlen(iarg), true);
		if (!err)
			err = exec_strings_add(argv, ipath, strlen(ipath), true);
		if (err)
			goto out;
		kfree(script);
		script = kmalloc(strlen(ipath) + 1);
		if (!script) {
			err = -ENOMEM;
			goto out;
		}
		strlcpy(script, ipath, strlen(ipath) + 1);
		file = script;
	}
	err = parse_elf(exe.ino, (const uint8_t *)head, (size_t)n, &exe.ei);
	if (!err && exe.ei.interp_len) {
		char *ip = kmalloc(exe.ei.interp_len);

		err = ip ? 0 : -ENOMEM;
		if (!err && read_kernel(exe.ino, exe.ei.interp_off, ip, exe.ei.interp_len) !=
				    (ssize_t)exe.ei.interp_len)
			err = -ENOEXEC;
		if (!err)
			err = elf_check_interp(ip, exe.ei.interp_len);
		if (!err)
			err = open_exec(ip, &interp.ino, &interp_pc);
		kfree(ip);
		if (!err) {
			has_interp = true;
			n = read_kernel(interp.ino, 0, head, HEAD_SIZE);
			err = n < 0 ? (int)n
				    : parse_elf(interp.ino, (const uint8_t *)head, (size_t)n,
						&interp.ei);
			if (!err && interp.ei.interp_len)
				err = -ELIBBAD; /* an interpreter needing an interpreter */
		}
	}
	if (!err)
		err = vfs_stat(exe.ino, &st); /* its set-user-ID bits, owner and group */
	if (err)
		goto out;

	/* the other threads die first (the caller becomes the leader) */
	err = process_exec_single();
	if (!err) /* a handler table shared with another process: a copy */
		err = signal_unshare_handlers(current_process());
	if (err)
		goto out;
	current_thread()->clear_child_tid = 0; /* an address in the old image */
	/* past here the old program is gone: failures kill the process */
	err = load_program(path, argv, envp, &exe, has_interp ? &interp : NULL, &st, regs);
	if (err) {
		inode_put(exe.ino);
		if (interp.ino)
			inode_put(interp.ino);
		path_put(exe_pc);
		if (interp_pc)
			path_put(interp_pc);
		kfree(head);
		kfree(script);
		process_exit(SIGSEGV); /* killed, as Linux's force_fatal_sig */
	}
	vm_name_file(current_process()->vm, exe.ino, exe_pc);
	if (interp_pc)
		vm_name_file(current_process()->vm, interp.ino, interp_pc);
	notify_exec(exe_pc);
	notify_exec(interp_pc);
	process_attrs_exec(&current_process()->attrs);
	rseq_exec(current_thread());
	process_set_exec_info(current_process(), cmdline_of(argv, envp), exe_pc);
	exe_pc = NULL;
	set_comm(current_process(), (flags & EXEC_COMM_FROM_FILE) ? at->name : path);
	signal_exec(current_process());
	ptimers_exec(current_process());
	/* out of memory: keep sharing (close-on-exec then closes for both) */
	(void)process_unshare_files(); /* a table shared under CLONE_FILES becomes its own */
	fdtable_close_on_exec(current_thread()->files);
out:
	if (exe_pc)
		path_put(exe_pc);
	if (interp_pc)
		path_put(interp_pc);
	if (exe.ino)
		inode_put(exe.ino);
	if (interp.ino)
		inode_put(interp.ino);
	kfree(head);
	kfree(script);
	return err;
}
