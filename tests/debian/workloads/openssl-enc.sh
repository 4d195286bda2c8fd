# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# openssl enc round trip with a password
seq 1 1000 > plain
openssl enc -aes-256-cbc -pbkdf2 -salt -pass pass:secret -in plain -out enc
openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:secret -in enc -out back
cmp plain back && echo roundtrip ok
# a wrong password: with a random salt its key gives valid padding 1 time
# in about 256 (status 0), so this check uses a fixed salt
openssl enc -aes-256-cbc -pbkdf2 -S 0102030405060708 -pass pass:secret -in plain -out fixed
openssl enc -d -aes-256-cbc -pbkdf2 -S 0102030405060708 -pass pass:wrong -in fixed -out bad 2>/dev/null; echo "wrong pass status $?"
echo hello | openssl base64 | openssl base64 -d
