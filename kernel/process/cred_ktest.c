/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Self-tests of per-thread credentials: install on the caller only, the override access(2) uses, kernel threads as root. */
#include <platform/ktest.h>
#include <kernel/cred.h>
#include <kernel/sched.h>

static void read_euid(void *arg)
{
	*(uint32_t *)arg = current_cred()->euid;
}

KTEST(cred, install_changes_only_the_caller)
{
	const struct cred *before = current_thread()->real_cred;
	struct cred *new = cred_prepare();
	struct thread *th;
	uint32_t other = 1;

	KTEST_EXPECT(t, new != NULL);
	if (!new)
		return;
	KTEST_EXPECT_EQ(t, new->refs, 1);
	KTEST_EXPECT_EQ(t, new->cap_eff, before->cap_eff);
	new->euid = 4242;
	cred_get(before); /* to put back */
	cred_install(new);
	KTEST_EXPECT_EQ(t, current_cred()->euid, 4242);
	KTEST_EXPECT(t, current_thread()->real_cred == new);
	KTEST_EXPECT_EQ(t, before->euid, 0); /* the old one is untouched */
	/* a kernel thread it starts is root's, not the caller's */
	th = thread_create("cred", read_euid, &other);
	KTEST_EXPECT(t, th != NULL);
	if (th) {
		thread_join(th);
		thread_put(th);
	}
	KTEST_EXPECT_EQ(t, other, 0);
	cred_install((struct cred *)before); /* its reference taken over */
	KTEST_EXPECT(t, current_cred() == before);
}

KTEST(cred, override_is_the_callers_own)
{
	const struct cred *real = current_thread()->real_cred, *saved;
	struct cred *o = cred_prepare();

	KTEST_EXPECT(t, o != NULL);
	if (!o)
		return;
	o->fsuid = 77;
	saved = cred_override(o);
	KTEST_EXPECT(t, saved == real);
	KTEST_EXPECT_EQ(t, current_cred()->fsuid, 77);
	KTEST_EXPECT_EQ(t, current_thread()->real_cred->fsuid, real->fsuid); /* what others see */
	cred_revert(saved);
	cred_put(o);
	KTEST_EXPECT(t, current_cred() == real);
}
