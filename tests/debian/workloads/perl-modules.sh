# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# perl core modules: POSIX, File::Temp, Data::Dumper, Digest::MD5
perl -MPOSIX -le 'print floor(2.7), " ", strftime("%Y", gmtime(0))'
perl -MDigest::MD5=md5_hex -le 'print md5_hex("abc")'
perl -MData::Dumper -e '$Data::Dumper::Sortkeys = 1; print Dumper({a => 1, b => [2, 3]})'
perl -MFile::Temp=tempfile -e '($fh, $n) = tempfile(DIR => "."); print $fh "x"; close $fh; print -s $n, "\n"; unlink $n'
perl -MList::Util=sum,max -le 'print sum(1..100), " ", max(3, 9, 2)'
