# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# perl signal handlers, alarm and kill
perl -e '$SIG{USR1} = sub { print "usr1\n" }; kill USR1 => $$; print "after\n"'
perl -e '$SIG{ALRM} = sub { print "alarm\n"; exit 3 }; alarm 1; sleep 5; print "no\n"'; echo "status $?"
perl -e 'local $SIG{ALRM} = sub { die "timeout\n" }; eval { alarm 1; select(undef,undef,undef,4); alarm 0 }; print $@'
