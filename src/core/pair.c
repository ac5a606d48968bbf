/* pair.c: work of independent pieces on two threads, this one and one
 * more: the pictures made smaller after the layout, and their compression
 * for the PDF. Each piece is taken once, by whichever thread is free; the
 * callers make their results the same whichever that was. */
#include "core.h"

#include <pthread.h>
#include <stdatomic.h>

typedef struct {
	size_t n;
	void (*job)(void *arg, size_t i, int worker);
	void *arg;
	atomic_size_t next;
} folio_pair_queue;

static void folio_pair_run(folio_pair_queue *q, int worker)
{
	for (size_t i; (i = atomic_fetch_add(&q->next, 1)) < q->n;)
		q->job(q->arg, i, worker);
}

static void *folio_pair_other(void *arg)
{
	folio_pair_run(arg, 1);
	return NULL;
}

void folio_two_threads(size_t n, void (*job)(void *arg, size_t i, int worker), void *arg)
{
	folio_pair_queue q = {n, job, arg, 0};
	pthread_t other;
	/* without a second thread (one piece, or none to be had) this one
	 * does them all */
	bool two = n > 1 && pthread_create(&other, NULL, folio_pair_other, &q) == 0;
	folio_pair_run(&q, 0);
	if (two)
		pthread_join(other, NULL);
}
