# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# checksums of a file and of stdin
printf 'abc' > f
md5sum f; sha1sum f; sha256sum < f
sha256sum f > sums; sha256sum -c sums
b2sum f | cut -c1-32
