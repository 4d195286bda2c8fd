# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# perl files, directories, fork, pipes and exit codes
perl -e 'mkdir "d" or die; for (1..3) { open my $f, ">", "d/$_" or die; print $f "n$_\n" }
  opendir my $dh, "d"; print join(" ", sort grep !/^\./, readdir $dh), "\n";
  my $pid = fork; if (!$pid) { exit 7 } waitpid $pid, 0; print "child ", $? >> 8, "\n";
  open my $p, "-|", "cat d/2" or die; print <$p>; close $p;
  print "stat size ", (stat "d/1")[7], "\n"; system("rm -r d") == 0 and print "rm ok\n"'
