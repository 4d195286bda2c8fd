/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The small C project's shared declarations. */
#pragma once
struct node {
	int value;
	struct node *next;
};
struct node *push(struct node *head, int value);
int sum(const struct node *head);
double root(double x);
