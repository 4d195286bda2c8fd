# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# a perl script with hashes, sort, regexes, sprintf
cat > s.pl <<'P'
use strict; use warnings;
my %count;
while (my $line = <DATA>) { $count{lc $_}++ for $line =~ /(\w+)/g; }
for my $w (sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count) {
    printf "%-5s %d\n", $w, $count{$w};
}
__DATA__
the cat and the dog
The end
P
perl s.pl
