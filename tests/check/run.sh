#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Self-test of the `make check` checkers (tools/check/): each must pass on a
# clean mini tree and fail, naming the right file and line, on a planted
# violation.  fixtures/clean/ is a tiny tree with every ring; each other
# fixtures/<case>/ holds only the files that case adds to (or replaces in)
# the clean tree.  Trees are assembled and built under build/test/check/.
# Output is TAP; exit status is non-zero if any case failed.
# usage: tests/check/run.sh [CASE...]     (default: all)
# shellcheck disable=SC2016  # the backquotes in expected patterns are literal
# shellcheck disable=SC2086  # $FIXCFLAGS and $BUILD_EXTRA are word lists
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
repo=$PWD
fix=tests/check/fixtures
work=$repo/build/test/check
PYTHON=${PYTHON:-python3}
mkdir -p "$work"

# The fixture trees' kernel flags: gcc-flavoured like mk/flags.mk, so the
# checkers' flag filtering (for clang-tidy, clang and sparse) is exercised.
FIXCFLAGS="-std=gnu11 -ffreestanding -fno-pic -O2 -m64 -mcmodel=kernel -mno-red-zone \
-Wall -Wextra -Werror -Wmissing-prototypes -nostdinc -isystem $(gcc -print-file-name=include) \
-isystem uapi -Igen -Ilibs/klib/include -Ilibs/kevlar_vfs/include -Iplatform/include \
-Iplatform/x64/include -Ikernel/include -Iexts/vlib/include \
-Iservices/kevlar_inet/include -Ibuild/lwip/src/src/include -include generated/config.h"

n=0
failures=0
only=("$@")

# tree CASE: build/test/check/CASE = the clean tree plus fixtures/CASE on top.
tree() {
	local dst=$work/$1
	rm -rf "$dst" "$dst.work" "$dst.build"
	cp -r "$fix/clean" "$dst"
	# a fetched third-party header (lwIP's), where mk/lwip.mk unpacks lwIP
	mkdir -p "$dst/build/lwip/src/src/include"
	cp -r "$fix/thirdparty/." "$dst/build/lwip/src/src/include/"
	if [ -d "$fix/$1" ] && [ "$1" != clean ]; then cp -r "$fix/$1/." "$dst/"; fi
	echo "$dst"
}

# build_rings ROOT: compile every ring's .c files and `ld -r` one object per
# ring, as the Makefile does, into ROOT.build/.  $BUILD_EXTRA adds flags.
build_rings() {
	local root=$1 out=$1.build r src o objs
	mkdir -p "$out/obj"
	: >"$out/empty.c"
	(cd "$root" && gcc $FIXCFLAGS -c "$out/empty.c" -o "$out/empty.o") || return 1
	for r in platform kernel libs services exts; do
		objs=()
		while read -r src; do
			[ -n "$src" ] || continue
			o=$out/obj/$src.o
			mkdir -p "$(dirname "$o")"
			(cd "$root" && gcc $FIXCFLAGS ${BUILD_EXTRA:-} -c "$src" -o "$o") || return 1
			objs+=("$o")
		done < <(cd "$root" && find "$r" -name '*.c' ! -name '*_test.c' 2>/dev/null | sort)
		ld -r -o "$out/ring-$r.o" "$out/empty.o" "${objs[@]}" || return 1
	done
}

# run_checker CHECKER ROOT: run one checker on a tree; its status is ours.
run_checker() {
	local root=$2
	case $1 in
	includes) "$PYTHON" tools/check/includes.py --root "$root" ;;
	forbidden) "$PYTHON" tools/check/forbidden.py --root "$root" --cflags "$FIXCFLAGS" \
		--workdir "$root.work" ;;
	crossings) "$PYTHON" tools/check/crossings.py --root "$root" --cflags "$FIXCFLAGS" \
		--workdir "$root.work" ;;
	sparse) "$PYTHON" tools/check/sparse.py --root "$root" --cflags "$FIXCFLAGS" ;;
	exports)
		build_rings "$root" || { echo "fixture build failed"; return 125; }
		"$PYTHON" tools/check/exports.py --root "$root" --build "$root.build" \
			--cflags "$FIXCFLAGS" --workdir "$root.work" \
			--ldscript "$root/platform/x64/linker.ld" ;;
	format) tools/check/format.sh --root "$root" ;;
	esac
}

selected() {
	[ ${#only[@]} -eq 0 ] && return 0
	local c
	for c in "${only[@]}"; do [ "$c" = "$1" ] && return 0; done
	return 1
}

result() { # OK DESCRIPTION OUTPUT_FILE
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/# /' "$3" | head -40
		failures=$((failures + 1))
	fi
}

# pass CASE CHECKER DESCRIPTION: the checker must succeed on the tree.
# run_case CASE CHECKER: run CHECKER on CASE's tree; sets $out and $st.
run_case() {
	local root
	root=$(tree "$1")
	out=$work/$1.$2.out
	run_checker "$2" "$root" >"$out" 2>&1
	st=$?
}

pass() {
	selected "$1" || return 0
	local out st
	run_case "$1" "$2"
	result "$([ $st -eq 0 ] && echo 1)" "$2: $3" "$out"
}

# fail CASE CHECKER PATTERN DESCRIPTION: the checker must fail, and its
# output must match PATTERN (grep -E), so it failed for the planted reason.
fail() {
	selected "$1" || return 0
	local out st ok=
	run_case "$1" "$2"
	if [ $st -ne 0 ] && [ $st -ne 125 ] && grep -qE "$3" "$out"; then ok=1; fi
	[ -n "$ok" ] || echo "expected failure matching: $3 (status $st)" >>"$out"
	result "$ok" "$2: $4" "$out"
}

# ---- clean controls: every checker passes on the clean tree ------------------
for c in includes forbidden crossings sparse exports format; do
	pass clean $c "clean tree passes"
done

# ---- include graph -----------------------------------------------------------
fail inc_service_kernel includes \
	'services/kevlar_tmpfs/bad\.c:3: includes kernel/include/kernel/driver\.h' \
	"services/ including a kernel/ header fails"
fail inc_platform_up includes 'platform/core/up\.c:3: .*upward include' \
	"upward include platform -> kernel fails"
fail inc_sideways includes 'services/kevlar_ext2/side\.c:3: .*sideways include' \
	"sideways include service -> service fails"
fail inc_cycle includes \
	'kernel/process/a\.h:5: include cycle: (kernel/process/[ab]\.h -> ){2}kernel/process/a\.h' \
	"include cycle between two headers fails"
fail inc_arch_direct includes 'kernel/arch_direct\.c:3: direct include of <arch/mmu\.h>' \
	"direct <arch/...> include from kernel/ fails"
fail inc_unresolved includes 'kernel/missing\.c:3: cannot resolve <klib/nonexistent\.h>' \
	"unresolvable project include fails"
fail inc_platform_private includes 'kernel/peek\.c:3: .*platform-private' \
	"kernel/ including a platform-private header fails"
fail inc_ext_private includes 'exts/virtio_net/peek\.c:3: .*kernel/process/proc\.h' \
	"exts/ including a kernel-private header fails"
fail inc_ext_lib_private includes 'exts/virtio_net/peek_lib\.c:3: .*sideways include' \
	"a driver including a driver library's private header fails"
fail inc_ext_sideways includes 'exts/vlib/side\.c:3: .*sideways include' \
	"a driver including another driver's own (non-include/) header fails"
fail inc_tp_other_service includes 'services/kevlar_tmpfs/net\.c:3: cannot resolve <lwip/opt\.h>' \
	"lwIP's headers are the TCP/IP service's only: another service fails"
fail inc_tp_kernel includes 'kernel/net\.c:3: cannot resolve "lwipopts\.h"' \
	"lwIP's port headers are the TCP/IP service's only: ring 1 fails"
fail inc_tp_port_arch includes 'services/kevlar_inet/arch\.c:3: direct include of <arch/cc\.h>' \
	"the lwIP port's own code still may not include <arch/...> directly"
fail inc_tp_port_kernel includes 'services/kevlar_inet/up\.c:3: includes kernel/include/kernel/driver\.h' \
	"the lwIP port's own code still may not include kernel/ headers"
fail inc_public_leak includes 'kernel/include/kernel/leak\.h:5: .*kernel-private' \
	"kernel public header including a kernel-private header fails"

# ---- forbidden constructs ----------------------------------------------------
fail fb_asm forbidden 'kernel/asm\.c:7: __asm__: inline assembly' \
	"__asm__ volatile(\"nop\") in kernel/ fails"
fail fb_ifdef forbidden 'kernel/arch\.c:4: arch macro __x86_64__' \
	"#ifdef __x86_64__ in kernel/ fails"
fail fb_volatile forbidden 'services/kevlar_tmpfs/mmio\.c:5: volatile' \
	"volatile in services/ fails"
fail fb_asm_file forbidden 'kernel/entry\.S:1: assembly source outside platform/' \
	"an assembly file in kernel/ fails"
fail fb_force_cast forbidden 'kernel/user\.c:8: .*a __force pointer cast outside platform/' \
	"a __force cast to a pointer in kernel/ fails"
fail fb_cast_literal forbidden 'kernel/cast\.c:9: integer-to-pointer cast' \
	"(int *)0x1000 in kernel/ fails"
fail fb_cast_tidy forbidden 'kernel/cast\.c:10: integer-to-pointer cast .*clang-tidy' \
	"int-to-pointer cast of a variable in kernel/ fails (clang-tidy)"
fail fb_cast_nolint forbidden 'kernel/cast\.c:9: integer-to-pointer cast .*clang-tidy' \
	"// NOLINT does not silence the int-to-pointer check"
fail fb_cast_header forbidden \
	'kernel/include/kernel/bad\.h:9: integer-to-pointer cast .*clang-tidy' \
	"int-to-pointer cast in a kernel/ header counts"
fail fb_errno_other forbidden \
	'libs/klib/include/klib/errno\.h:15: integer-to-pointer cast .*clang-tidy' \
	"the ERR_PTR allowlist covers that function only"

# ---- crossings into ring 2 ----------------------------------------------------
fail gt_direct_call crossings \
	'kernel/fs/bad\.c:9: `ino->ops->read`: a call through a ring-2 ops table outside' \
	"a direct call through a ring-2 ops table in kernel/ fails"
fail gt_table_alias crossings \
	'kernel/process/bad\.c:11: `ops->read`: a call through a ring-2 ops table outside' \
	"a call through a local copy of the table pointer fails"
fail gt_fn_alias crossings \
	'kernel/process/bad\.c:9: `ino->ops->read`: a ring-2 ops slot read for more than a NULL test' \
	"a call through a local copy of the function pointer fails"
fail gt_macro crossings \
	'kernel/process/bad\.c:11: .*a call through a ring-2 ops table outside' \
	"a macro that tests a slot and calls it fails for the call"
fail gt_header crossings \
	'kernel/process/sneak\.h:9: `ino->ops->read`: a call through a ring-2 ops table outside' \
	"a call through a table in a header's static inline fails"
fail gt_service crossings \
	'services/kevlar_tmpfs/bad\.c:9: `ino->ops->read`: a call through a ring-2 ops table outside' \
	"a service calling through an ops table fails"
fail gt_unwrapped crossings \
	'kernel/fs/dispatch\.c:12: `ino->ops->read`: a crossing into ring 2 not written with SVC_CALL' \
	"a dispatch wrapper calling a slot without SVC_CALL fails"
fail gt_ktest crossings \
	'kernel/fs/dispatch_ktest\.c:9: `ino->ops->read`: a call through a ring-2 ops table outside' \
	"a self-test beside the wrappers is held to the rule"

# ---- sparse ------------------------------------------------------------------
fail sp_user_deref sparse 'kernel/user\.c:8:[0-9]+: warning: dereference of noderef expression' \
	"dereferencing a __user pointer in kernel/ fails"
fail sp_user_launder sparse \
	"kernel/user\.c:8:[0-9]+: warning: cast removes address space '__user'" \
	"casting a __user pointer to a kernel pointer in kernel/ fails"
fail sp_iomem_deref sparse 'exts/dummy/mmio\.c:8:[0-9]+: warning: dereference of noderef expression' \
	"dereferencing an __iomem pointer without an accessor fails"
fail sp_lock_context sparse "kernel/lockbug\.c:[0-9]+:[0-9]+: warning: context imbalance in 'leaky'" \
	"returning with a lock held on one path fails (lock context)"
fail sp_not_static sparse "kernel/helper\.c:3:[0-9]+: warning: symbol 'helper' was not declared" \
	"a global not declared in any header fails (should be static)"

# ---- exports -----------------------------------------------------------------
fail ex_ext_private exports \
	'exts/virtio_net/bad\.c:8: .*`proc_internal`, which is defined in kernel/ but not declared' \
	"exts/ calling a kernel-private function fails"
fail ex_service_platform exports \
	'services/kevlar_tmpfs/bad\.c:10: .*`console_write`, .* platform/, which services/ may not call' \
	"services/ calling platform/ fails"
fail ex_undefined exports \
	'kernel/bad\.c:8: kernel/ references `nowhere_fn`, which is not defined by any ring' \
	"a reference no ring defines fails"
fail ex_sideways exports \
	'services/kevlar_ext2/bad\.c:10: services/kevlar_ext2 references `tmpfs_getsize`.*sideways' \
	"a service calling another service fails"
fail ex_ext_lib_private exports \
	'exts/virtio_net/bad_lib\.c:8: exts/virtio_net references `vlib_secret`.*sideways' \
	"a driver calling a driver library's undeclared function fails"

BUILD_EXTRA="-fstack-protector-all -mstack-protector-guard=global" \
	pass ex_hardened exports "stack-protector calls from every ring to platform pass"

# ---- clang-format ------------------------------------------------------------
fail fmt_bad format 'kernel/ugly\.c:[0-9]+:[0-9]+: error: code should be clang-formatted' \
	"a badly formatted file fails"

echo "1..$n"
[ $failures -eq 0 ]
