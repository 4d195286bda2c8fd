/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * lwIP's operating-system types for Kevlar (lwIP's "arch/sys_arch.h",
 * included by lwip/sys.h only): each is a handle to a service-API object
 * of the stack's instance, NULL when invalid.  sys_arch.c implements them.
 */
#pragma once

struct kevlar_mutex;
struct svc_sem;
struct kevlar_mbox;

typedef struct kevlar_mutex *sys_mutex_t;
typedef struct svc_sem *sys_sem_t;
typedef struct kevlar_mbox *sys_mbox_t;
typedef int sys_thread_t;
typedef int sys_prot_t;

#define sys_mutex_valid(m)	 (*(m) != NULL)
#define sys_mutex_set_invalid(m) (*(m) = NULL)
#define sys_sem_valid(s)	 (*(s) != NULL)
#define sys_sem_set_invalid(s)	 (*(s) = NULL)
#define sys_mbox_valid(mb)	 (*(mb) != NULL)
#define sys_mbox_set_invalid(mb) (*(mb) = NULL)
