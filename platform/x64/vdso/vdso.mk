# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# The vDSO: vclock.c built as a small position-independent shared object
# (user code, so none of the kernel's code-model flags), checked to need
# no relocation, then embedded in the kernel by image.S.  vclock.c is not
# a kernel source: the Makefile leaves ARCH_USER_SRCS out of the kernel.
ARCH_USER_SRCS += platform/x64/vdso/vclock.c

VDSO_DIR    := $(BUILD)/vdso
VDSO_SO     := $(VDSO_DIR)/vdso.so
VDSO_CFLAGS := -std=gnu11 -ffreestanding -fPIC -fno-plt -O2 -m64 -fno-stack-protector \
	-fvisibility=hidden -fomit-frame-pointer -fasynchronous-unwind-tables \
	$(KWARN) $(KINCLUDES) -include generated/config.h
VDSO_LDFLAGS := -shared -nostdlib -soname linux-vdso.so.1 --hash-style=both --eh-frame-hdr \
	--no-undefined -z max-page-size=4096 -z noexecstack --build-id=none \
	-T platform/x64/vdso/vdso.lds

$(VDSO_DIR)/vclock.o: platform/x64/vdso/vclock.c platform/x64/vdso/vdso_data.h $(BUILD)/include/generated/config.h \
		$(BUILD)/uapi/.staged | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $< (vDSO)"
	@$(CC) $(VDSO_CFLAGS) -c $< -o $@

$(VDSO_SO): $(VDSO_DIR)/vclock.o platform/x64/vdso/vdso.lds
	@echo "  LD      $@"
	@$(LD) $(VDSO_LDFLAGS) -o $@.tmp $<
	@# the image is mapped as it is: no relocation may need a loader
	@if readelf -r $@.tmp | grep -q 'Relocation section'; then \
		echo "vdso: $@ needs relocations" >&2; readelf -r $@.tmp >&2; exit 1; fi
	@$(OBJCOPY) -S $@.tmp $@ && rm -f $@.tmp

$(BUILD)/obj/platform/x64/vdso/image.S.o: $(VDSO_SO)
$(BUILD)/obj/platform/x64/vdso/image.S.o: KASFLAGS += -DVDSO_SO='"$(VDSO_SO)"'
