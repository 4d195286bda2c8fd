/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* libm, to check the link against a second library. */
#include <math.h>
#include "proj.h"
double root(double x)
{
	return sqrt(x);
}
