# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Test targets; tools/test.sh is the whole `make test`.
.PHONY: test hosttest ktest
test: | $(DEPS_STAMP)
	@tools/test.sh

hosttest: | $(DEPS_STAMP)
	@tools/hosttest.sh

# Boot once and run the in-kernel self-tests (SUITE=name for one suite),
# with the PCI devices the pci suite drives (platform/core/pci/pci_ktest.c);
# MACHINE=q35 runs them over ECAM.
# q35 adds a PCIe root port with a (PCIe, modern-only) virtio device below.
PCI_TEST_DEVICES := -device virtio-rng-pci -device edu \
	-device pci-bridge,id=ktbr,chassis_nr=1 -device virtio-rng-pci,bus=ktbr,addr=3
PCI_TEST_DEVICES_Q35 := -device pcie-root-port,id=ktrp,chassis=2,slot=0 \
	-device virtio-rng-pci,bus=ktrp
# Two 4 MiB virtio-blk disks for the virtio suite (exts/virtio_blk/
# virtio_blk_ktest.c), each sector holding its own number 64 times: vda
# with QEMU's defaults (indirect descriptors, event index), vdb without
# either (descriptor chains, the NO_NOTIFY flag).  Rewritten every run.
KTEST_DISKS := build/test/ktest-vd0.img build/test/ktest-vd1.img
VIRTIO_TEST_DEVICES := \
	-drive if=none,file=build/test/ktest-vd0.img,format=raw,id=ktvd0,discard=unmap \
	-device virtio-blk-pci,drive=ktvd0 \
	-drive if=none,file=build/test/ktest-vd1.img,format=raw,id=ktvd1 \
	-device virtio-blk-pci,drive=ktvd1,indirect_desc=off,event_idx=off
# Five virtio-net NICs for the virtio_net, netdev and inet suites (exts/virtio_net/
# virtio_net_ktest.c, kernel/net/netdev_ktest.c), each on a user network
# of its own with restrict=on (nothing leaves this machine): eth0 with
# QEMU's defaults, eth1 without indirect descriptors, event index, merged
# buffers or MSI-X (INTx), eth2 and eth3 failed by the containment tests,
# eth4 by the stack's (kernel/net/inet_if_ktest.c; eth0 is its DHCP interface).
NET_TEST_DEVICES := $(foreach i,0 1 2 3 4,-netdev user,id=ktn$(i),restrict=on,ipv6=off) \
	-device virtio-net-pci,netdev=ktn0,mac=52:54:00:12:34:56 \
	-device virtio-net-pci,netdev=ktn1,mac=52:54:00:12:34:57,indirect_desc=off,event_idx=off,mrg_rxbuf=off,vectors=0 \
	-device virtio-net-pci,netdev=ktn2,mac=52:54:00:12:34:58 \
	-device virtio-net-pci,netdev=ktn3,mac=52:54:00:12:34:59 \
	-device virtio-net-pci,netdev=ktn4,mac=52:54:00:12:34:5a
export PCI_TEST_DEVICES PCI_TEST_DEVICES_Q35 VIRTIO_TEST_DEVICES NET_TEST_DEVICES
.PHONY: ktest-disks
ktest-disks:
	@mkdir -p build/test
	@for f in $(KTEST_DISKS); do python3 -c 'import struct,sys; \
		sys.stdout.buffer.write(b"".join(struct.pack("<Q", s) * 64 for s in range(8192)))' > $$f; done
ktest: $(KERNEL) ktest-disks
	@TIMEOUT=240 QEMU_EXTRA="$(PCI_TEST_DEVICES) $(VIRTIO_TEST_DEVICES) $(NET_TEST_DEVICES) $(if $(filter q35,$(MACHINE)),$(PCI_TEST_DEVICES_Q35)) $(QEMU_EXTRA)" \
		tools/run-qemu.sh $(KERNEL) "ktest$(if $(SUITE),=$(SUITE)) loglevel=4"

# The PCI bus: the pci KTAP suite on pc and q35, then Debian's lspci in
# Kevlar against Linux in the same QEMU (tests/integration/lspci.sh).
.PHONY: pci-test
pci-test: $(KERNEL)
	@$(MAKE) --no-print-directory ktest SUITE=pci
	@$(MAKE) --no-print-directory ktest SUITE=pci MACHINE=q35
	@bash tests/integration/lspci.sh $(KERNEL)

# Fork bombs on MEM=128M (a C bomb with and without `ulimit -u`, a shell
# bomb), FORKBOMB_BOOTS boots of each kind (tests/integration/forkbomb.sh;
# `make test` runs 2).
.PHONY: forkbomb-test
forkbomb-test: $(KERNEL)
	@FORKBOMB_BOOTS=$(or $(FORKBOMB_BOOTS),20) bash tests/integration/forkbomb.sh $(KERNEL)

# Integration scripts run alone: NAME-test runs tests/integration/NAME.sh
# on the kernel (a script's own environment knobs pass through).  One
# line a script:
INTEGRATION_TESTS += blk       # the block layer with BusyBox: losetup -P over MBR and GPT
                               # images, /proc/partitions, partition nodes
INTEGRATION_TESTS += ext4      # ext2/3/4 over the loop device: mke2fs -d images of a host
                               # tree mounted with BusyBox and listed against it
INTEGRATION_TESTS += rootdisk  # booting from a disk (root=, switch_root, pivot_root, fstab
                               # and mount -a, one instance per block device)
INTEGRATION_TESTS += ext4rw    # writing ext2/3/4 with BusyBox over the loop device, the
                               # images checked by e2fsck -fn and debugfs on the host
INTEGRATION_TESTS += ext4names # the ext2/3/4 namespace written with BusyBox (tar x, mkdir
                               # -p, cp -a, mv, ln, rm -r), then e2fsck -fn and debugfs rdump
INTEGRATION_TESTS += direct    # O_DIRECT on ext4 files and a raw virtio disk, sendfile from
                               # ext4 and tmpfs, then e2fsck -fn and debugfs on the host
INTEGRATION_TESTS += net       # NET=1: run-qemu.sh's refusals, the guest-forward relay,
                               # /proc/net/dev and /sys/class/net, host forwards reaching eth0
INTEGRATION_TESTS += netcfg    # NET=1: BusyBox ifconfig/route/ip and Debian's iproute2 ip
                               # configure eth0, TCP to slirp, /proc/net, SLAAC, /etc/hosts
INTEGRATION_TESTS += icmp      # BusyBox ping/ping6 on the loopback (raw ICMP), NET=1 ping of
                               # slirp's 10.0.2.2, net.ipv4.ping_group_range
INTEGRATION_TESTS += packet    # NET=1 without ip=: BusyBox udhcpc's lease over AF_PACKET
INTEGRATION_TESTS += bindtodevice # NET=1 ip=dhcp: SO_BINDTODEVICE to eth0 or lo (a client
                               # reaches slirp or not, a listener takes lo's connection or not)
INTEGRATION_TESTS += diskstats # /proc/diskstats and /sys/block/*/stat: O_DIRECT reads and
                               # writes on virtio disks counted exactly
INTEGRATION_TESTS += net-servers # Debian's nginx, redis, iperf3, dropbear and BusyBox httpd/wget
                               # in Kevlar against host clients; two guests on a socket netdev
                               # (not in make test's tiers while its stall is open: STATUS)
.PHONY: $(INTEGRATION_TESTS:%=%-test)
$(INTEGRATION_TESTS:%=%-test): %-test: $(KERNEL)
	@bash tests/integration/$*.sh $(KERNEL)

# virtio-blk: disk images made on the host attached with DISK= and checked
# from BusyBox (tests/integration/virtio.sh), then the virtio KTAP suite
# with a disk attached.
.PHONY: virtio-test
virtio-test: $(KERNEL)
	@bash tests/integration/virtio.sh $(KERNEL)
	@$(MAKE) --no-print-directory ktest SUITE=virtio

# The containment matrix (issue 12): service x operation x fault kind,
# injected through /proc/sys/kevlar/inject, in balanced and fortress, and
# concurrent use under injection at SMP=4 (tests/contain/run.py).
.PHONY: contain-test
contain-test: | $(DEPS_STAMP)
	@$(MAKE) --no-print-directory PROFILE=balanced kernel
	@$(MAKE) --no-print-directory PROFILE=fortress kernel
	@$(MAKE) --no-print-directory PROFILE=performance kernel
	@mkdir -p build/test; CONTAIN_DIRECT=build/$(ARCH)-performance/kevlar.elf \
		python3 tests/contain/run.py build/$(ARCH)-balanced/kevlar.elf \
		build/$(ARCH)-fortress/kevlar.elf > build/test/contain.tap; \
		rc=$$?; python3 tools/tap.py contain build/test/contain.tap; exit $$rc
