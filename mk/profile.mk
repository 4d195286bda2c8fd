# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Safety profiles (docs/architecture.md, "Safety profiles").  Each switch
# becomes a CONFIG_ macro in generated/config.h, always defined to 0 or 1 so
# code tests it with `#if`, and a typo is a -Wundef error.
#
#                       fortress balanced performance ludicrous
#   RING2_CONTAIN          1        1         0          0
#   DISPATCH_CHECKED       1        0         0          0
#   DISPATCH_DIRECT        0        0         1          1
#   CAP_RUNTIME            1        0         0          0
#   CAP_STATIC             1        1         0          0
#   ACCESS_OK              1        1         1          0
#   COPY_FRAMES            1        0         0          0
#   HARDENING              1        0         0          0   (UBSan trap, stack protector)
#   ASSERTS                1        1         0          0   (asserts, lock ranks, bounds)
p_fortress    := 1 1 0 1 1 1 1 1 1
p_balanced    := 1 0 0 0 1 1 0 0 1
p_performance := 0 0 1 0 0 1 0 0 0
p_ludicrous   := 0 0 1 0 0 0 0 0 0
p_names       := RING2_CONTAIN DISPATCH_CHECKED DISPATCH_DIRECT CAP_RUNTIME \
                 CAP_STATIC ACCESS_OK COPY_FRAMES HARDENING ASSERTS
p_vals        := $(p_$(PROFILE))
cfg           = $(word $(1),$(p_vals))
CONFIG_HARDENING := $(call cfg,8)

# NAME=VALUE pairs written to generated/config.h as #defines.
CONFIG_VALUES := PROFILE_$(shell echo $(PROFILE) | tr a-z A-Z)=1 \
	$(foreach i,1 2 3 4 5 6 7 8 9,$(word $(i),$(p_names))=$(call cfg,$(i))) \
	ARCH_$(shell echo $(ARCH) | tr a-z A-Z)=1 MAX_CPUS=8
