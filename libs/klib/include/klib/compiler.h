/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Compiler helpers shared by every ring: attributes, sparse annotations and
 * small type-generic macros.  No code, no dependencies beyond the compiler.
 */
#pragma once

#ifdef __CHECKER__
#define __user	       __attribute__((noderef, address_space(__user)))
#define __iomem	       __attribute__((noderef, address_space(__iomem)))
#define __force	       __attribute__((force))
#define __bitwise      __attribute__((bitwise))
#define __acquires(x)  __attribute__((context(x, 0, 1)))
#define __releases(x)  __attribute__((context(x, 1, 0)))
#define __must_hold(x) __attribute__((context(x, 1, 1)))
#define __acquire(x)   __context__(x, 1)
#define __release(x)   __context__(x, -1)
#define __cond_acquire(x, c)  \
	((c) ? ({             \
		__acquire(x); \
		1;            \
	})                    \
	     : 0)
#else
#define __user
#define __iomem
#define __force
#define __bitwise
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define __acquire(x)	     ((void)0)
#define __release(x)	     ((void)0)
#define __cond_acquire(x, c) (c)
#endif

/* glibc's <sys/cdefs.h> also defines __always_inline (host tests see both);
 * it #undefs first too, so either header may come first. */
#undef __always_inline

#define __must_check	__attribute__((warn_unused_result))
#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(n)	__attribute__((aligned(n)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __unused	__attribute__((unused))
#define __noinline	__attribute__((noinline))
#define __always_inline inline __attribute__((always_inline))
#define __printf(a, b)	__attribute__((format(printf, a, b)))

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)			(sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define ALIGN_UP(x, a)	 (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define MIN(a, b)	 ((a) < (b) ? (a) : (b))
#define MAX(a, b)	 ((a) > (b) ? (a) : (b))

/* Single-copy-atomic accesses and a compiler barrier, without `volatile`
 * or asm (both are reserved to platform/). */
#define READ_ONCE(x)	 __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define barrier()	 __atomic_signal_fence(__ATOMIC_SEQ_CST)
