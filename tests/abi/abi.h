/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * abi.h: shared helpers for the differential ABI tests (tests/abi/README.md).
 *
 * Every test prints deterministic lines that are compared byte for byte
 * between Linux and Kevlar, so nothing printed may depend on the host: no
 * pids, addresses, times or inode numbers, only results and relative facts.
 *
 *   SHOW(expr)       run a syscall-like expression, print "expr = N" or
 *                    "expr = -1 ENAME"; yields the value
 *   SHOW_OK(expr)    the same, but a success prints "expr = ok" (for pids,
 *                    addresses and other host-specific values)
 *   SHOW_ERR(expr)   for calls returning an error number (pthread_*):
 *                    print "expr = 0" or "expr = ENAME"
 *   QUIET_ERR(expr)  the same, silent on success (pthread_create)
 *   CHECK(cond)      print "ok: cond" or "FAIL: cond"; a FAIL line is a
 *                    wrong belief about Linux and fails the native run
 *   FACT(label, c)   print "label: yes|no" (no expectation attached)
 *   abi_wait_child() wait for a child and print how it ended
 *   abi_probe()      touch memory and print the fault it raised, if any
 *
 * The constructor makes stdout unbuffered (output order then matches the
 * order of the write()s, across fork too) and changes into $ABI_TMP (default
 * /tmp), the scratch directory: tests create files there by relative name
 * and remove them before exiting.
 */
#ifndef ABI_H
#define ABI_H

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * An unmapped user address, and one in the kernel half (both give EFAULT).
 * They go through a volatile so that the compiler cannot see the value and
 * warn about it.
 */
static inline void *abi_opaque_ptr(long v)
{
	void *volatile p = (void *)v;

	return p;
}
#define ABI_BADPTR  abi_opaque_ptr(16)
#define ABI_KERNPTR abi_opaque_ptr(-4096L)

#define ABI_NAME(x) [x] = #x

static const char *const abi_errno_names[] = {
	ABI_NAME(EPERM),
	ABI_NAME(ENOENT),
	ABI_NAME(ESRCH),
	ABI_NAME(EINTR),
	ABI_NAME(EIO),
	ABI_NAME(ENXIO),
	ABI_NAME(E2BIG),
	ABI_NAME(ENOEXEC),
	ABI_NAME(EBADF),
	ABI_NAME(ECHILD),
	ABI_NAME(EAGAIN),
	ABI_NAME(ENOMEM),
	ABI_NAME(EACCES),
	ABI_NAME(EFAULT),
	ABI_NAME(ENOTBLK),
	ABI_NAME(EBUSY),
	ABI_NAME(EEXIST),
	ABI_NAME(EXDEV),
	ABI_NAME(ENODEV),
	ABI_NAME(ENOTDIR),
	ABI_NAME(EISDIR),
	ABI_NAME(EINVAL),
	ABI_NAME(ENFILE),
	ABI_NAME(EMFILE),
	ABI_NAME(ENOTTY),
	ABI_NAME(ETXTBSY),
	ABI_NAME(EFBIG),
	ABI_NAME(ENOSPC),
	ABI_NAME(ESPIPE),
	ABI_NAME(EROFS),
	ABI_NAME(EMLINK),
	ABI_NAME(EPIPE),
	ABI_NAME(EDOM),
	ABI_NAME(ERANGE),
	ABI_NAME(EDEADLK),
	ABI_NAME(ENAMETOOLONG),
	ABI_NAME(ENOLCK),
	ABI_NAME(ENOSYS),
	ABI_NAME(ENOTEMPTY),
	ABI_NAME(ELOOP),
	ABI_NAME(ENOMSG),
	ABI_NAME(EIDRM),
	ABI_NAME(ECHRNG),
	ABI_NAME(EL2NSYNC),
	ABI_NAME(EL3HLT),
	ABI_NAME(EL3RST),
	ABI_NAME(ELNRNG),
	ABI_NAME(EUNATCH),
	ABI_NAME(ENOCSI),
	ABI_NAME(EL2HLT),
	ABI_NAME(EBADE),
	ABI_NAME(EBADR),
	ABI_NAME(EXFULL),
	ABI_NAME(ENOANO),
	ABI_NAME(EBADRQC),
	ABI_NAME(EBADSLT),
	ABI_NAME(EBFONT),
	ABI_NAME(ENOSTR),
	ABI_NAME(ENODATA),
	ABI_NAME(ETIME),
	ABI_NAME(ENOSR),
	ABI_NAME(ENONET),
	ABI_NAME(ENOPKG),
	ABI_NAME(EREMOTE),
	ABI_NAME(ENOLINK),
	ABI_NAME(EADV),
	ABI_NAME(ESRMNT),
	ABI_NAME(ECOMM),
	ABI_NAME(EPROTO),
	ABI_NAME(EMULTIHOP),
	ABI_NAME(EDOTDOT),
	ABI_NAME(EBADMSG),
	ABI_NAME(EOVERFLOW),
	ABI_NAME(ENOTUNIQ),
	ABI_NAME(EBADFD),
	ABI_NAME(EREMCHG),
	ABI_NAME(ELIBACC),
	ABI_NAME(ELIBBAD),
	ABI_NAME(ELIBSCN),
	ABI_NAME(ELIBMAX),
	ABI_NAME(ELIBEXEC),
	ABI_NAME(EILSEQ),
	ABI_NAME(ERESTART),
	ABI_NAME(ESTRPIPE),
	ABI_NAME(EUSERS),
	ABI_NAME(ENOTSOCK),
	ABI_NAME(EDESTADDRREQ),
	ABI_NAME(EMSGSIZE),
	ABI_NAME(EPROTOTYPE),
	ABI_NAME(ENOPROTOOPT),
	ABI_NAME(EPROTONOSUPPORT),
	ABI_NAME(ESOCKTNOSUPPORT),
	ABI_NAME(EOPNOTSUPP),
	ABI_NAME(EPFNOSUPPORT),
	ABI_NAME(EAFNOSUPPORT),
	ABI_NAME(EADDRINUSE),
	ABI_NAME(EADDRNOTAVAIL),
	ABI_NAME(ENETDOWN),
	ABI_NAME(ENETUNREACH),
	ABI_NAME(ENETRESET),
	ABI_NAME(ECONNABORTED),
	ABI_NAME(ECONNRESET),
	ABI_NAME(ENOBUFS),
	ABI_NAME(EISCONN),
	ABI_NAME(ENOTCONN),
	ABI_NAME(ESHUTDOWN),
	ABI_NAME(ETOOMANYREFS),
	ABI_NAME(ETIMEDOUT),
	ABI_NAME(ECONNREFUSED),
	ABI_NAME(EHOSTDOWN),
	ABI_NAME(EHOSTUNREACH),
	ABI_NAME(EALREADY),
	ABI_NAME(EINPROGRESS),
	ABI_NAME(ESTALE),
	ABI_NAME(EUCLEAN),
	ABI_NAME(ENOTNAM),
	ABI_NAME(ENAVAIL),
	ABI_NAME(EISNAM),
	ABI_NAME(EREMOTEIO),
	ABI_NAME(EDQUOT),
	ABI_NAME(ENOMEDIUM),
	ABI_NAME(EMEDIUMTYPE),
	ABI_NAME(ECANCELED),
	ABI_NAME(ENOKEY),
	ABI_NAME(EKEYEXPIRED),
	ABI_NAME(EKEYREVOKED),
	ABI_NAME(EKEYREJECTED),
	ABI_NAME(EOWNERDEAD),
	ABI_NAME(ENOTRECOVERABLE),
	ABI_NAME(ERFKILL),
	ABI_NAME(EHWPOISON),
};

static const char *const abi_signal_names[] = {
	ABI_NAME(SIGHUP),  ABI_NAME(SIGINT),	ABI_NAME(SIGQUIT), ABI_NAME(SIGILL),
	ABI_NAME(SIGTRAP), ABI_NAME(SIGABRT),	ABI_NAME(SIGBUS),  ABI_NAME(SIGFPE),
	ABI_NAME(SIGKILL), ABI_NAME(SIGUSR1),	ABI_NAME(SIGSEGV), ABI_NAME(SIGUSR2),
	ABI_NAME(SIGPIPE), ABI_NAME(SIGALRM),	ABI_NAME(SIGTERM), ABI_NAME(SIGSTKFLT),
	ABI_NAME(SIGCHLD), ABI_NAME(SIGCONT),	ABI_NAME(SIGSTOP), ABI_NAME(SIGTSTP),
	ABI_NAME(SIGTTIN), ABI_NAME(SIGTTOU),	ABI_NAME(SIGURG),  ABI_NAME(SIGXCPU),
	ABI_NAME(SIGXFSZ), ABI_NAME(SIGVTALRM), ABI_NAME(SIGPROF), ABI_NAME(SIGWINCH),
	ABI_NAME(SIGIO),   ABI_NAME(SIGPWR),	ABI_NAME(SIGSYS),
};

static const char *const abi_si_generic[] = {
	ABI_NAME(SI_USER),
};
static const char *const abi_si_segv[] = {
	ABI_NAME(SEGV_MAPERR),
	ABI_NAME(SEGV_ACCERR),
	ABI_NAME(SEGV_BNDERR),
	ABI_NAME(SEGV_PKUERR),
};
static const char *const abi_si_bus[] = {
	ABI_NAME(BUS_ADRALN),	 ABI_NAME(BUS_ADRERR),	  ABI_NAME(BUS_OBJERR),
	ABI_NAME(BUS_MCEERR_AR), ABI_NAME(BUS_MCEERR_AO),
};
static const char *const abi_si_chld[] = {
	ABI_NAME(CLD_EXITED),  ABI_NAME(CLD_KILLED),  ABI_NAME(CLD_DUMPED),
	ABI_NAME(CLD_TRAPPED), ABI_NAME(CLD_STOPPED), ABI_NAME(CLD_CONTINUED),
};
static const char *const abi_si_ill[] = {
	ABI_NAME(ILL_ILLOPC), ABI_NAME(ILL_ILLOPN), ABI_NAME(ILL_ILLADR), ABI_NAME(ILL_ILLTRP),
	ABI_NAME(ILL_PRVOPC), ABI_NAME(ILL_PRVREG), ABI_NAME(ILL_COPROC), ABI_NAME(ILL_BADSTK),
};
static const char *const abi_si_fpe[] = {
	ABI_NAME(FPE_INTDIV), ABI_NAME(FPE_INTOVF), ABI_NAME(FPE_FLTDIV), ABI_NAME(FPE_FLTOVF),
	ABI_NAME(FPE_FLTUND), ABI_NAME(FPE_FLTRES), ABI_NAME(FPE_FLTINV), ABI_NAME(FPE_FLTSUB),
};

#define ABI_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static inline const char *abi_lookup(const char *const *tab, size_t n, long i)
{
	if (i >= 0 && (size_t)i < n && tab[i])
		return tab[i];
	return NULL;
}

/* "ENOENT"; an errno without a name prints as "E?<n>" (never silently). */
static inline const char *abi_errname(int e)
{
	static char buf[24];
	const char *s = abi_lookup(abi_errno_names, ABI_COUNT(abi_errno_names), e);

	if (s)
		return s;
	snprintf(buf, sizeof(buf), "E?%d", e);
	return buf;
}

/* "SIGSEGV"; real-time signals print by kernel number ("SIG34"), since the
 * libcs disagree on SIGRTMIN. */
static inline const char *abi_signame(int sig)
{
	static char buf[24];
	const char *s = abi_lookup(abi_signal_names, ABI_COUNT(abi_signal_names), sig);

	if (s)
		return s;
	snprintf(buf, sizeof(buf), "SIG%d", sig);
	return buf;
}

/* The name of si_code for signal sig ("SEGV_MAPERR", "SI_TKILL", ...). */
static inline const char *abi_sicode(int sig, int code)
{
	static char buf[24];
	const char *s = NULL;

	switch (code) {
	case SI_KERNEL:
		return "SI_KERNEL";
	case SI_QUEUE:
		return "SI_QUEUE";
	case SI_TIMER:
		return "SI_TIMER";
	case SI_MESGQ:
		return "SI_MESGQ";
	case SI_ASYNCIO:
		return "SI_ASYNCIO";
	case SI_SIGIO:
		return "SI_SIGIO";
	case SI_TKILL:
		return "SI_TKILL";
	}
	if (code > 0) {
		if (sig == SIGSEGV)
			s = abi_lookup(abi_si_segv, ABI_COUNT(abi_si_segv), code);
		else if (sig == SIGBUS)
			s = abi_lookup(abi_si_bus, ABI_COUNT(abi_si_bus), code);
		else if (sig == SIGCHLD)
			s = abi_lookup(abi_si_chld, ABI_COUNT(abi_si_chld), code);
		else if (sig == SIGILL)
			s = abi_lookup(abi_si_ill, ABI_COUNT(abi_si_ill), code);
		else if (sig == SIGFPE)
			s = abi_lookup(abi_si_fpe, ABI_COUNT(abi_si_fpe), code);
	} else {
		s = abi_lookup(abi_si_generic, ABI_COUNT(abi_si_generic), code);
	}
	if (s)
		return s;
	snprintf(buf, sizeof(buf), "si_code=%d", code);
	return buf;
}

static inline long abi_show(const char *what, long r, int hide)
{
	int e = errno;

	if (r == -1)
		printf("%s = -1 %s\n", what, abi_errname(e));
	else if (hide)
		printf("%s = ok\n", what);
	else
		printf("%s = %ld\n", what, r);
	errno = e;
	return r;
}

/* For calls that return an error number instead of setting errno (the
 * pthread_* family): prints "expr = 0" or "expr = EBUSY". */
static inline int abi_show_err(const char *what, int r)
{
	if (r == 0)
		printf("%s = 0\n", what);
	else
		printf("%s = %s\n", what, abi_errname(r));
	return r;
}

/* The same, printing only a failure: for pthread_create, whose new thread
 * may print before the caller could report the success. */
static inline int abi_quiet_err(const char *what, int r)
{
	return r ? abi_show_err(what, r) : 0;
}

#define SHOW(expr)	  abi_show(#expr, (errno = 0, (long)(expr)), 0)
#define SHOW_OK(expr)	  abi_show(#expr, (errno = 0, (long)(expr)), 1)
#define CHECK(cond)	  printf("%s: %s\n", (cond) ? "ok" : "FAIL", #cond)
#define FACT(label, cond) printf("%s: %s\n", label, (cond) ? "yes" : "no")
#define SHOW_ERR(expr)	  abi_show_err(#expr, (expr))
#define QUIET_ERR(expr)	  abi_quiet_err(#expr, (expr))

/*
 * Wait for child pid with waitid() and print "<label>: exit N" or
 * "<label>: killed by SIGX".  CLD_DUMPED is printed as "killed": whether a
 * core is written depends on the host's core_pattern, not on the ABI.
 * Returns the exit status, or 128 + the signal.
 */
static inline int abi_wait_child(const char *label, pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, pid, &si, WEXITED) != 0) {
		printf("%s: waitid = -1 %s\n", label, abi_errname(errno));
		return -1;
	}
	if (si.si_pid != pid)
		printf("%s: FAIL: waitid si_pid is not the child\n", label);
	if (si.si_code == CLD_EXITED) {
		printf("%s: exit %d\n", label, si.si_status);
		return si.si_status;
	}
	if (si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED) {
		printf("%s: killed by %s\n", label, abi_signame(si.si_status));
		return 128 + si.si_status;
	}
	printf("%s: %s status %d\n", label, abi_sicode(SIGCHLD, si.si_code), si.si_status);
	return -1;
}

/* Run fn(arg) in a child (its return value is the exit status), wait for it
 * and print how it ended. */
static inline int abi_run_child(const char *label, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0) {
		printf("%s: fork = -1 %s\n", label, abi_errname(errno));
		return -1;
	}
	return abi_wait_child(label, pid);
}

static sigjmp_buf abi_fault_env;
static volatile int abi_fault_sig, abi_fault_code;
static void *volatile abi_fault_addr;

static inline void abi_fault_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	abi_fault_sig = sig;
	abi_fault_code = si->si_code;
	abi_fault_addr = si->si_addr;
	siglongjmp(abi_fault_env, 1);
}

/*
 * Read (write == 0) or write one byte at p and print "<label>: ok" or
 * "<label>: SIGSEGV SEGV_ACCERR, si_addr ok" (si_addr must equal p).
 * Returns the signal number, or 0.
 */
static inline int abi_probe(const char *label, volatile char *p, int write)
{
	struct sigaction sa, old_segv, old_bus;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = abi_fault_handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, &old_segv);
	sigaction(SIGBUS, &sa, &old_bus);
	abi_fault_sig = 0;
	if (sigsetjmp(abi_fault_env, 1) == 0) {
		if (write)
			*p = 'w';
		else
			(void)*p;
	}
	sigaction(SIGSEGV, &old_segv, NULL);
	sigaction(SIGBUS, &old_bus, NULL);
	if (!abi_fault_sig) {
		printf("%s: ok\n", label);
		return 0;
	}
	printf("%s: %s %s, si_addr %s\n", label, abi_signame(abi_fault_sig),
	       abi_sicode(abi_fault_sig, abi_fault_code),
	       abi_fault_addr == (void *)p ? "ok" : "WRONG");
	return abi_fault_sig;
}

/* Fill fd's remaining contents into buf (NUL-terminated); returns the length. */
static inline ssize_t abi_read_all(int fd, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < size && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	return (ssize_t)n;
}

/* Create file name with the given contents (mode 0644). */
static inline void abi_make_file(const char *name, const char *contents)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		printf("FAIL: create %s: %s\n", name, abi_errname(errno));
		return;
	}
	if (write(fd, contents, strlen(contents)) != (ssize_t)strlen(contents))
		printf("FAIL: write %s\n", name);
	close(fd);
}

#ifndef ABI_NO_INIT
__attribute__((constructor)) static void abi_init(void)
{
	const char *tmp = getenv("ABI_TMP");

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!tmp || !*tmp)
		tmp = "/tmp";
	if (chdir(tmp) != 0)
		printf("FAIL: chdir($ABI_TMP): %s\n", abi_errname(errno));
}
#endif

#endif /* ABI_H */
