# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# od and hexdump of binary data
printf '\001\002\377abc' | od -An -tx1
printf 'hello' | od -c
