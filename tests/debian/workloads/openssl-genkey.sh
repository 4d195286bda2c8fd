# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# openssl genpkey, sign and verify
openssl genpkey -algorithm ed25519 -out key.pem 2>/dev/null && echo key made
openssl pkey -in key.pem -pubout -out pub.pem
echo message > m
openssl pkeyutl -sign -inkey key.pem -rawin -in m -out sig
openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in m -sigfile sig
