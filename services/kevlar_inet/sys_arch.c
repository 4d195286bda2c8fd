/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * lwIP's operating-system layer (its sys_arch contract, lwip/sys.h) on
 * Kevlar's service API: mutexes are svc_locks (recorded in the crossing,
 * so a fault releases them), semaphores svc_sems, mailboxes a ring of
 * pointers with a lock and two semaphores (messages, free slots), threads
 * svc_thread_start (each a crossing of the stack's instance), sys_now the
 * monotonic clock in ms, and SYS_ARCH_PROTECT one lock that its holder may
 * take again.  Memory is svc_alloc's, charged to the instance.  Every
 * object belongs to the one instance the mount named (lwIP's state is
 * global, so there is one per boot).
 */
#include <klib/errno.h>
#include <kevlar_vfs/service.h>
#include "lwip/opt.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "inet.h"
#include "sock.h"

#define NS_PER_MS 1000000ull

struct kevlar_mutex {
	struct svc_lock *lock;
	uintptr_t owner; /* svc_thread_self() of the holder, 0: none (atomic) */
};

struct kevlar_mbox {
	struct svc_lock *lock; /* head, n */
	struct svc_sem *msgs;  /* one unit per message in the ring */
	struct svc_sem *slots; /* one unit per free slot */
	unsigned size, head, n;
	void **ring; /* size slots */
};

static struct vfs_sb *inet_sb;	   /* the instance; set once before lwIP starts */
static struct svc_cap inet_cap;	   /* its token */
static struct svc_lock *prot_lock; /* SYS_ARCH_PROTECT */
static uintptr_t prot_owner;	   /* atomic: its holder */
static unsigned prot_depth;	   /* prot_lock */
static uintptr_t tcpip_thread;	   /* atomic: LWIP_MARK_TCPIP_THREAD's */

int kevlar_inet_port_init(struct vfs_sb *sb)
{
	inet_sb = sb;
	inet_cap = sb->cap;
	prot_lock = svc_lock_new(inet_cap, "lwip-protect");
	return prot_lock ? 0 : -ENOMEM;
}

struct svc_cap kevlar_inet_cap(void)
{
	return inet_cap;
}

uintptr_t kevlar_inet_tcpip_thread(void)
{
	return __atomic_load_n(&tcpip_thread, __ATOMIC_ACQUIRE);
}

void kevlar_inet_mark_tcpip_thread(void)
{
	__atomic_store_n(&tcpip_thread, svc_thread_self(), __ATOMIC_RELEASE);
}

/* lwIP's core-lock assertion: once the tcpip thread runs, the raw API is
 * called by it or by the core lock's holder.  (Before, lwip_init sets up
 * the loopback interface alone.) */
void kevlar_inet_assert_core_locked(void)
{
	uintptr_t me = svc_thread_self();

	if (!kevlar_inet_tcpip_thread() || me == kevlar_inet_tcpip_thread())
		return;
	if (!lock_tcpip_core || __atomic_load_n(&lock_tcpip_core->owner, __ATOMIC_RELAXED) != me)
		svc_panic("lwip: raw API called without the core lock");
}

/* ---- memory ---- */

void *kevlar_inet_malloc(size_t size)
{
	return svc_alloc_raw(inet_cap, size); /* mem_malloc's memory is not zeroed */
}

void *kevlar_inet_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return svc_alloc(inet_cap, n * size); /* zeroed */
}

void kevlar_inet_free(void *p)
{
	svc_free(inet_cap, p);
}

/* ---- time, init, protection ---- */

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(svc_clock_ns() / NS_PER_MS);
}

sys_prot_t sys_arch_protect(void)
{
	uintptr_t me = svc_thread_self();

	if (__atomic_load_n(&prot_owner, __ATOMIC_RELAXED) == me) {
		prot_depth++;
		return 1;
	}
	svc_lock(inet_cap, prot_lock);
	__atomic_store_n(&prot_owner, me, __ATOMIC_RELAXED);
	prot_depth = 1;
	return 0;
}

void sys_arch_unprotect(sys_prot_t lev)
{
	if (--prot_depth)
		return;
	__atomic_store_n(&prot_owner, 0, __ATOMIC_RELAXED);
	svc_unlock(inet_cap, prot_lock);
}

/* ---- mutexes ---- */

err_t sys_mutex_new(sys_mutex_t *m)
{
	struct kevlar_mutex *km = svc_alloc(inet_cap, sizeof(*km));

	if (!km)
		return ERR_MEM;
	km->lock = svc_lock_new(inet_cap, "lwip");
	if (!km->lock) {
		svc_free(inet_cap, km);
		return ERR_MEM;
	}
	*m = km;
	return ERR_OK;
}

void sys_mutex_lock(sys_mutex_t *m)
{
	svc_lock(inet_cap, (*m)->lock);
	__atomic_store_n(&(*m)->owner, svc_thread_self(), __ATOMIC_RELAXED);
}

void sys_mutex_unlock(sys_mutex_t *m)
{
	/* the core lock's holder is done (the end of a received frame, of a
	 * socket call): TCP work a batch of frames put off goes now if no
	 * frame waits (sock_tcp.c) */
	if (m == &lock_tcpip_core)
		inet_tcp_batch_check();
	__atomic_store_n(&(*m)->owner, 0, __ATOMIC_RELAXED);
	svc_unlock(inet_cap, (*m)->lock);
}

void sys_mutex_free(sys_mutex_t *m)
{
	svc_lock_free(inet_cap, (*m)->lock);
	svc_free(inet_cap, *m);
	*m = NULL;
}

/* ---- semaphores ---- */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	*sem = svc_sem_new(inet_cap, count);
	return *sem ? ERR_OK : ERR_MEM;
}

void sys_sem_signal(sys_sem_t *sem)
{
	svc_sem_post(inet_cap, *sem);
}

/* A wait of at most `timeout` ms (0: for ever): the ms it took, or
 * SYS_ARCH_TIMEOUT. */
static u32_t sem_wait_ms(struct svc_sem *s, u32_t timeout)
{
	u32_t start = sys_now();

	if (svc_sem_wait(inet_cap, s, (uint64_t)timeout * NS_PER_MS))
		return SYS_ARCH_TIMEOUT;
	return sys_now() - start;
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	return sem_wait_ms(*sem, timeout);
}

void sys_sem_free(sys_sem_t *sem)
{
	svc_sem_free(inet_cap, *sem);
	*sem = NULL;
}

/* ---- mailboxes ---- */

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	struct kevlar_mbox *mb;

	if (size <= 0)
		size = TCPIP_MBOX_SIZE;
	mb = svc_alloc(inet_cap, sizeof(*mb));
	if (!mb)
		return ERR_MEM;
	mb->size = (unsigned)size;
	mb->ring = svc_alloc(inet_cap, (size_t)size * sizeof(mb->ring[0]));
	mb->lock = svc_lock_new(inet_cap, "lwip-mbox");
	mb->msgs = svc_sem_new(inet_cap, 0);
	mb->slots = svc_sem_new(inet_cap, (unsigned)size);
	if (!mb->ring || !mb->lock || !mb->msgs || !mb->slots) {
		sys_mbox_free(&mb);
		return ERR_MEM;
	}
	*mbox = mb;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	struct kevlar_mbox *mb = *mbox;

	if (mb->n)
		LWIP_PLATFORM_DIAG(("lwip: mailbox freed with %u messages in it", mb->n));
	svc_sem_free(inet_cap, mb->slots);
	svc_sem_free(inet_cap, mb->msgs);
	svc_lock_free(inet_cap, mb->lock);
	svc_free(inet_cap, mb->ring);
	svc_free(inet_cap, mb);
	*mbox = NULL;
}

/* A slot is ours (a `slots` unit taken): fill it. */
static void mbox_put(struct kevlar_mbox *mb, void *msg)
{
	svc_lock(inet_cap, mb->lock);
	mb->ring[(mb->head + mb->n) % mb->size] = msg;
	mb->n++;
	svc_unlock(inet_cap, mb->lock);
	svc_sem_post(inet_cap, mb->msgs);
}

/* A message is ours (a `msgs` unit taken): take it. */
static void *mbox_take(struct kevlar_mbox *mb)
{
	void *msg;

	svc_lock(inet_cap, mb->lock);
	msg = mb->ring[mb->head];
	mb->head = (mb->head + 1) % mb->size;
	mb->n--;
	svc_unlock(inet_cap, mb->lock);
	svc_sem_post(inet_cap, mb->slots);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	while (svc_sem_wait(inet_cap, (*mbox)->slots, 0))
		;
	mbox_put(*mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (!svc_sem_trywait(inet_cap, (*mbox)->slots))
		return ERR_MEM;
	mbox_put(*mbox, msg);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	u32_t waited = sem_wait_ms((*mbox)->msgs, timeout);
	void *m;

	if (waited == SYS_ARCH_TIMEOUT)
		return SYS_ARCH_TIMEOUT;
	m = mbox_take(*mbox);
	if (msg)
		*msg = m;
	return waited;
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (!svc_sem_trywait(inet_cap, (*mbox)->msgs))
		return SYS_MBOX_EMPTY;
	m = mbox_take(*mbox);
	if (msg)
		*msg = m;
	return 0;
}

/* ---- threads ---- */

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn thread, void *arg, int stacksize,
			    int prio)
{
	int err = svc_thread_start(inet_cap, inet_sb, name, thread, arg);

	LWIP_ASSERT("sys_thread_new: cannot start the thread", err == 0);
	return err;
}

/* ---- the C library lwIP needs beyond klib (libc/stdlib.h) ---- */

int atoi(const char *s)
{
	int sign = 1, v = 0;

	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	return sign * v;
}
