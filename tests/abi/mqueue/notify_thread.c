/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mq_notify with SIGEV_THREAD through the libc: the function runs in a thread with sigev_value, once. */
/* abi: glibc */
#define MQ_BASE "abi_mq_notify_thread"
#include <pthread.h>
#include <semaphore.h>
#include "mq.h"

static sem_t done;
static const char *seen;
static int same_thread = -1;
static pthread_t main_thread;

static void fn(union sigval v)
{
	seen = v.sival_ptr;
	same_thread = pthread_equal(pthread_self(), main_thread);
	sem_post(&done);
}

int main(void)
{
	struct sigevent ev = {.sigev_notify = SIGEV_THREAD,
			      .sigev_notify_function = fn,
			      .sigev_value.sival_ptr = "the value"};
	struct sigevent none = {.sigev_notify = SIGEV_NONE};
	char buf[8192];
	mqd_t q;

	alarm(10);
	main_thread = pthread_self();
	sem_init(&done, 0, 0);
	q = mq_open(QS, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
	SHOW(mq_notify(q, &ev));
	SHOW(mq_notify(q, &none)); /* taken */
	SHOW(mq_send(q, "a", 1, 0));
	SHOW(sem_wait(&done));
	printf("function saw \"%s\", in the main thread: %s\n", seen, same_thread ? "yes" : "no");
	/* the registration is gone: another one may be made */
	SHOW(mq_notify(q, &none));
	SHOW(mq_notify(q, NULL));
	SHOW(mq_receive(q, buf, sizeof(buf), NULL));
	/* a second round */
	ev.sigev_value.sival_ptr = "round two";
	SHOW(mq_notify(q, &ev));
	SHOW(mq_send(q, "b", 1, 0));
	SHOW(sem_wait(&done));
	printf("function saw \"%s\"\n", seen);
	SHOW(mq_close(q));
	SHOW(mq_unlink(QS));
	return 0;
}
