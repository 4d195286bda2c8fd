/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Describes ktest_user.S for the self-tests. */
#include <platform/ktest.h>

extern const char ktest_user_code[], ktest_user_code_end[], ktest_user_fault[], ktest_user_mem[],
	ktest_user_fork[], ktest_user_pipe[], ktest_user_spin[];

void ktest_user_image(struct ktest_user_image *img)
{
	img->code = ktest_user_code;
	img->len = (size_t)(ktest_user_code_end - ktest_user_code);
	img->main_entry = 0;
	img->fault_entry = (size_t)(ktest_user_fault - ktest_user_code);
	img->mem_entry = (size_t)(ktest_user_mem - ktest_user_code);
	img->fork_entry = (size_t)(ktest_user_fork - ktest_user_code);
	img->pipe_entry = (size_t)(ktest_user_pipe - ktest_user_code);
	img->spin_entry = (size_t)(ktest_user_spin - ktest_user_code);
}
