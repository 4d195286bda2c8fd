/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Handler tables (sighand.c), for signal.c; the rest is in kernel/signal.h. */
#pragma once

#include <kernel/signal.h>

#define SIG_DFL_K 0
#define SIG_IGN_K 1

struct process;

/* A table of p's own: all SIG_DFL, or a copy of `parent`'s.  0 or -ENOMEM. */
int sighand_init(struct process *p, const struct process *parent);
/* p lets go of its table (the last user frees it). */
void sighand_release(struct process *p);
/* The action of `sig` for a delivery (no lock held): a one-shot handler
 * resets to SIG_DFL as it is taken. */
struct k_sigaction sighand_take_action(struct process *p, int sig);
