# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# base64 round trip
seq 1 100 > f
base64 f | head -2
base64 f | base64 -d | cmp - f && echo roundtrip ok
