/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A linked list on the heap. */
#include <stdlib.h>
#include "proj.h"
struct node *push(struct node *head, int value)
{
	struct node *n = malloc(sizeof(*n));
	n->value = value;
	n->next = head;
	return n;
}
int sum(const struct node *head)
{
	return head ? head->value + sum(head->next) : 0;
}
