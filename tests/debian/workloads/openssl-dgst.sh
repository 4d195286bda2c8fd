# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# openssl dgst and rand output sizes
printf 'abc' > f
openssl dgst -sha256 f; openssl dgst -md5 -r f
openssl rand -hex 16 | tr -d '\n' | wc -c
echo -n abc | openssl sha1
