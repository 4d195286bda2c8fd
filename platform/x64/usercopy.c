/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Checked wrappers around the raw user-access routines of usercopy.S.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/usercopy.h>
#include <arch/mmu.h>
#include "x64.h"

long raw_strncpy_user(char *dst, const char *src, size_t n);
int raw_cmpxchg_user_u32(uint32_t *p, uint32_t old, uint32_t new, uint32_t *cur);

bool access_ok(const void __user *p, size_t n)
{
	uintptr_t a = (__force uintptr_t)p;

	return a <= USER_TOP && n <= USER_TOP - a;
}

static bool range_ok(const void __user *p, size_t n)
{
#if CONFIG_ACCESS_OK
	return access_ok(p, n);
#else
	(void)p;
	(void)n;
	return true;
#endif
}

int copy_from_user(void *dst, const void __user *src, size_t n)
{
	/* never leave stale kernel data behind, whichever check refused it */
	if (!range_ok(src, n) || raw_copy_user(dst, (const void __force *)src, n)) {
		memset(dst, 0, n);
		return -EFAULT;
	}
	return 0;
}

int copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!range_ok(dst, n))
		return -EFAULT;
	return raw_copy_user((void __force *)dst, src, n) ? -EFAULT : 0;
}

size_t copy_to_user_upto(void __user *dst, const void *src, size_t n)
{
	if (!range_ok(dst, n))
		return 0;
	/* raw_copy_user stops exactly at the faulting byte and returns what is left */
	return n - raw_copy_user((void __force *)dst, src, n);
}

size_t copy_from_user_upto(void *dst, const void __user *src, size_t n)
{
	size_t left = range_ok(src, n) ? raw_copy_user(dst, (const void __force *)src, n) : n;

	if (left)
		memset((char *)dst + (n - left), 0, left);
	return n - left;
}

int cmpxchg_user_u32(uint32_t __user *p, uint32_t old, uint32_t new, uint32_t *cur)
{
	if (((__force uintptr_t)p & 3) || !range_ok(p, sizeof(*p)))
		return -EFAULT;
	return raw_cmpxchg_user_u32((uint32_t __force *)p, old, new, cur) ? -EFAULT : 0;
}

int clear_user(void __user *dst, size_t n)
{
	if (!range_ok(dst, n))
		return -EFAULT;
	return raw_clear_user((void __force *)dst, n) ? -EFAULT : 0;
}

int fpu_save_user(void __user *dst)
{
	if (!range_ok(dst, cpu_features.xsave_size))
		return -EFAULT;
	return raw_fpu_save_user((void __force *)dst, cpu_features.xsave, cpu_features.xcr0)
		       ? -EFAULT
		       : 0;
}

int fpu_restore_user(const void __user *src)
{
	uint8_t head[32];
	uint64_t hdr[8] = {0};
	int err;

	if (!range_ok(src, cpu_features.xsave_size))
		return -EFAULT;
	if (copy_from_user(head, src, sizeof(head)) ||
	    (cpu_features.xsave &&
	     copy_from_user(hdr, (const uint8_t __user *)src + 512, sizeof(hdr))))
		return -EFAULT;
	err = fpu_state_check(head, hdr);
	if (err)
		return err;
	/* a state changed since the check makes XRSTOR fault, not the kernel */
	return raw_fpu_restore_user((const void __force *)src, cpu_features.xsave,
				    cpu_features.xcr0)
		       ? -EFAULT
		       : 0;
}

long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	uintptr_t a = (__force uintptr_t)src;
	long len;

	if (!n)
		return -ENAMETOOLONG;
	if (a >= USER_TOP)
		return -EFAULT;
	/* the string may end before the user-space limit: clamp, don't reject */
	len = raw_strncpy_user(dst, (const char __force *)src, MIN(n, USER_TOP - a));
	if (len < 0)
		return -EFAULT;
	if ((size_t)len == n) {
		dst[n - 1] = '\0';
		return -ENAMETOOLONG;
	}
	if ((size_t)len == USER_TOP - a) /* ran into the top of user space */
		return -EFAULT;
	return len;
}

/* Boot: without SMAP, STAC/CLAC would fault; overwrite them with NOPs
 * (a 3-byte NOP, 0f 1f 00).  Runs before the text becomes read-only. */
void smap_patch(void)
{
	extern const uintptr_t __smap_sites_start[], __smap_sites_end[];

	if (cpu_features.smap)
		return;
	for (const uintptr_t *s = __smap_sites_start; s < __smap_sites_end; s++) {
		uint8_t *insn = (uint8_t *)*s;

		insn[0] = 0x0f;
		insn[1] = 0x1f;
		insn[2] = 0x00;
	}
}
