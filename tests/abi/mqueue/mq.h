/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Shared by the mqueue tests: queue names of their own (the host runs the
 * musl and glibc builds at once, and queue names are system-wide). */
#ifndef MQ_H
#define MQ_H

#include <mqueue.h>
#include "abi.h"

static char mq_names[4][96], mq_paths[4][96];

#define QS	(mq_names[0])	  /* "/<MQ_BASE>_<pid>": the libc's form */
#define QK	(mq_names[0] + 1) /* without the '/': the system call's */
#define QS_N(n) (mq_names[n])	  /* "/<MQ_BASE>_<pid>_<n>", n = 1..3 */
#define QK_N(n) (mq_names[n] + 1)
#define QP_N(n) (mq_paths[n]) /* "m/<MQ_BASE>_<pid>_<n>": in a mount at "m" */

__attribute__((constructor)) static void mq_names_init(void)
{
	for (int i = 0; i < 4; i++) {
		int n = snprintf(mq_names[i], sizeof(mq_names[i]) - 1, "/%s_%d", MQ_BASE,
				 (int)getpid());

		if (i && n > 0)
			mq_names[i][n] = '_', mq_names[i][n + 1] = (char)('0' + i);
		mq_paths[i][0] = 'm';
		memcpy(mq_paths[i] + 1, mq_names[i], sizeof(mq_names[i]) - 1);
	}
}

#endif
