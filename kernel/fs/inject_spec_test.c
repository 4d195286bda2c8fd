/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the fault injection spec (inject_spec.c): defaults, every
 * field, the kinds, bad specs (EINVAL), lists, blanks and printing back.
 */
/* hosttest-sources: libs/klib/string.c */
/* hosttest-cflags: -Ikernel/include -Ilibs/kevlar_vfs/include -Iplatform/x64/include */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <klib/errno.h>
#include "inject.h"

static int parse(const char *s, struct inject_spec *out)
{
	return inject_parse(s, strlen(s), out);
}

static void defaults(void **state)
{
	struct inject_spec sp;

	assert_int_equal(parse("tmpfs:write", &sp), 0);
	assert_string_equal(sp.service, "tmpfs");
	assert_int_equal(sp.op, SVC_OP_WRITE);
	assert_int_equal(sp.nth, 1);
	assert_int_equal(sp.kind, SVC_FAULT_PANIC);
}

static void every_field(void **state)
{
	struct inject_spec sp;

	assert_int_equal(parse("tmpfs:write:3:pagefault", &sp), 0);
	assert_int_equal(sp.op, SVC_OP_WRITE);
	assert_int_equal(sp.nth, 3);
	assert_int_equal(sp.kind, SVC_FAULT_PAGEFAULT);
	assert_int_equal(parse("initramfs:lookup:7", &sp), 0);
	assert_string_equal(sp.service, "initramfs");
	assert_int_equal(sp.op, SVC_OP_LOOKUP);
	assert_int_equal(sp.nth, 7);
	assert_int_equal(sp.kind, SVC_FAULT_PANIC);
	assert_false(sp.has_dev);
	assert_int_equal(parse("tmpfs@25:read", &sp), 0);
	assert_string_equal(sp.service, "tmpfs");
	assert_true(sp.has_dev);
	assert_int_equal(sp.dev, 25);
	assert_int_equal(parse("tmpfs@0:read", &sp), 0);
	assert_true(sp.has_dev);
	assert_int_equal(sp.dev, 0);
	assert_int_equal(parse("tmpfs:show_options:4294967295:div0", &sp), 0);
	assert_int_equal(sp.nth, 4294967295u);
	assert_int_equal(sp.op, SVC_OP_SHOW_OPTIONS);
}

static void every_kind_and_op(void **state)
{
	static const char *const kinds[] = {"panic", "assert", "pagefault", "gp", "ud", "div0"};
	struct inject_spec sp;
	char buf[INJECT_SPEC_MAX];

	for (int k = 0; k < 6; k++) {
		snprintf(buf, sizeof(buf), "tmpfs:read:1:%s", kinds[k]);
		assert_int_equal(parse(buf, &sp), 0);
		assert_int_equal(sp.kind, SVC_FAULT_PANIC + k);
	}
	for (int op = 0; op < SVC_OP_COUNT; op++) {
		snprintf(buf, sizeof(buf), "tmpfs:%s", svc_op_names[op]);
		assert_int_equal(parse(buf, &sp), 0);
		assert_int_equal(sp.op, op);
	}
}

static void bad_specs(void **state)
{
	static const char *const bad[] = {
		"",
		"tmpfs",
		"tmpfs:",
		":write",
		"tmpfs:frobnicate",
		"tmpfs:Write",
		"tmpfs:write:",
		"tmpfs:write:0",
		"tmpfs:write:-1",
		"tmpfs:write:+1",
		"tmpfs:write:1x",
		"tmpfs:write:4294967296",
		"tmpfs:write:99999999999999999999999",
		"tmpfs:write:1:",
		"tmpfs:write:1:none",
		"tmpfs:write:1:PANIC",
		"tmpfs:write:1:panic:2",
		"tmpfs:write::panic",
		"tmp fs:write",
		"averyveryverylongname:write",
		"tmpfs@:write",
		"tmpfs@x:write",
		"tmpfs@4294967296:write",
		"@3:write",
		"tmpfs@3@4:write",
	};
	struct inject_spec sp;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(bad[i], &sp) != -EINVAL)
			fail_msg("'%s' was taken", bad[i]);
	}
}

static void lists(void **state)
{
	struct inject_spec sp[INJECT_MAX];
	const char *two = " tmpfs:write:2 , initramfs:readdir:1:ud\n";
	char many[INJECT_MAX * 16 + 32] = "";

	assert_int_equal(inject_parse_list(two, strlen(two), sp), 2);
	assert_int_equal(sp[0].op, SVC_OP_WRITE);
	assert_int_equal(sp[0].nth, 2);
	assert_string_equal(sp[1].service, "initramfs");
	assert_int_equal(sp[1].kind, SVC_FAULT_UD);
	assert_int_equal(inject_parse_list("", 0, sp), 0);
	assert_int_equal(inject_parse_list(" \n", 2, sp), 0);
	assert_int_equal(inject_parse_list("tmpfs:write,", 12, sp), -EINVAL);
	assert_int_equal(inject_parse_list("tmpfs:write,,tmpfs:read", 23, sp), -EINVAL);
	assert_int_equal(inject_parse_list("tmpfs:write,bogus", 17, sp), -EINVAL);
	for (int i = 0; i < INJECT_MAX; i++)
		strcat(many, i ? ",tmpfs:read" : "tmpfs:read");
	assert_int_equal(inject_parse_list(many, strlen(many), sp), INJECT_MAX);
	strcat(many, ",tmpfs:read");
	assert_int_equal(inject_parse_list(many, strlen(many), sp), -EINVAL);
}

static void prints_back(void **state)
{
	struct inject_spec sp;
	char buf[INJECT_SPEC_MAX];

	assert_int_equal(parse("tmpfs:write", &sp), 0);
	assert_int_equal(inject_format(&sp, buf, sizeof(buf)), 19);
	assert_string_equal(buf, "tmpfs:write:1:panic");
	assert_int_equal(parse("initramfs:removexattr:4294967295:pagefault", &sp), 0);
	inject_format(&sp, buf, sizeof(buf));
	assert_string_equal(buf, "initramfs:removexattr:4294967295:pagefault");
	assert_int_equal(parse("tmpfs@31:mkdir:2:ud", &sp), 0);
	inject_format(&sp, buf, sizeof(buf));
	assert_string_equal(buf, "tmpfs@31:mkdir:2:ud");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(every_field),
		cmocka_unit_test(every_kind_and_op),
		cmocka_unit_test(bad_specs),
		cmocka_unit_test(lists),
		cmocka_unit_test(prints_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
