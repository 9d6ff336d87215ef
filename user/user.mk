# user/user.mk: rvmm's user space, included by the top-level Makefile.
#
#   make user-progs    every program, linked with picolibc, into build/user/bin/
#   make initramfs     build/initramfs.cpio: /bin/* and /init (a copy of bin/init),
#                      less the tests in USER_TESTS_PENDING
#   make linux-tests   the portable tests built against glibc, into build/linux/
#   make linux-initramfs  build/linux-initramfs.cpio: the initramfs, and /bin/linuxrc,
#                      for booting Debian's Linux kernel (test/linux_kernel.py)
#
# EXTRA_PROGS=dir adds every dir/NAME.c as /bin/NAME.
#
# Programs follow the Linux riscv64 system-call ABI, so both builds run
# under Linux user-mode emulation (qemu-riscv64-static PROG) as well as on
# rvmm.  They are static, at 0x10000 (user/user.ld), linked with -q (keep
# the relocations) and --no-relax, so that a no-MMU loader can relocate the
# very same files.

U_B        := $(B)/user
U_CFLAGS   := $(ARCH) $(WARN) -O2 -g -std=gnu11 --specs=picolibc.specs \
              -Iuser/include -fno-common -fno-stack-protector -fno-pie \
              -ffunction-sections -fdata-sections -MMD -MP
U_LDFLAGS  := $(ARCH) --specs=picolibc.specs -nostartfiles -static -no-pie \
              -T user/user.ld -Wl,-q -Wl,--no-relax -Wl,--gc-sections \
              -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096

# the C library's system side (user/lib), linked as objects rather than an
# archive so that its sbrk, stdin/stdout/stderr and getauxval are the ones
# used, not picolibc's bare-metal stand-ins
U_LIB_C    := $(wildcard user/lib/*.c)
U_LIB_S    := $(wildcard user/lib/*.S)
U_LIB_OBJ  := $(patsubst user/lib/%.c,$(U_B)/lib/%.o,$(U_LIB_C)) \
              $(patsubst user/lib/%.S,$(U_B)/lib/%.o,$(U_LIB_S))

U_BIN_SRC   := $(wildcard user/bin/*.c)
U_TEST_SRC  := $(wildcard user/tests/test_*.c)
# programs the tests execve: in /bin beside them, but not tests themselves
# (runtests and run_tests.py run only test_*)
U_HELPER_SRC := $(wildcard user/tests/helper_*.c)
U_EXTRA_SRC := $(if $(EXTRA_PROGS),$(wildcard $(EXTRA_PROGS)/*.c))
U_NAMES     := $(notdir $(basename $(U_BIN_SRC) $(U_TEST_SRC) $(U_HELPER_SRC) $(U_EXTRA_SRC)))
U_DUPS      := $(strip $(foreach n,$(sort $(U_NAMES)),\
                 $(if $(filter-out 1,$(words $(filter $(n),$(U_NAMES)))),$(n))))
$(if $(U_DUPS),$(error EXTRA_PROGS: these names are already programs: $(U_DUPS)))

U_BIN_OBJ   := $(patsubst user/bin/%.c,$(U_B)/obj/%.o,$(U_BIN_SRC))
U_TEST_OBJ  := $(patsubst user/tests/%.c,$(U_B)/obj/%.o,$(U_TEST_SRC) $(U_HELPER_SRC))
U_EXTRA_OBJ := $(patsubst $(EXTRA_PROGS)/%.c,$(U_B)/obj/%.o,$(U_EXTRA_SRC))

USER_PROGS  := $(addprefix $(U_B)/bin/,$(U_NAMES))
USER_TESTS  := $(addprefix $(U_B)/bin/,$(notdir $(basename $(U_TEST_SRC))))
INITRAMFS   := $(B)/initramfs.cpio

# Tests of what the kernel does not do yet.  They are built for rvmm and for
# Linux, and `make test` runs both builds under qemu-user, but they stay out
# of the initramfs, so runtests on rvmm does not run them (they would fail).
# A test written ahead of its kernel work goes here, and leaves once the
# kernel passes it; `make qemu USER_TESTS_PENDING=` boots with them all.
# (test_mmap, test_cow and test_lazy left when mmap, copy-on-write fork and
# demand paging arrived; test_robust_* when the kernel stopped failing them.)
USER_TESTS_PENDING :=
# Programs only for booting a real Linux kernel, kept out of rvmm's root.
U_LINUX_ONLY := linuxrc
U_ROOT_NAMES := $(filter-out $(USER_TESTS_PENDING) $(U_LINUX_ONLY),$(U_NAMES))
U_ROOT_PROGS := $(addprefix $(U_B)/bin/,$(U_ROOT_NAMES))

LINUX_CC    := riscv64-linux-gnu-gcc
LINUX_TESTS := $(patsubst user/tests/%.c,$(B)/linux/%,$(U_TEST_SRC))
LINUX_HELPERS := $(patsubst user/tests/%.c,$(B)/linux/%,$(U_HELPER_SRC))

LINUX_INITRAMFS := $(B)/linux-initramfs.cpio

.PHONY: user-progs initramfs linux-tests linux-initramfs
user-progs: $(USER_PROGS)
initramfs: $(INITRAMFS)
linux-initramfs: $(LINUX_INITRAMFS)
linux-tests: $(LINUX_TESTS) $(LINUX_HELPERS)

define U_COMPILE
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	$(Q)$(CC) $(U_CFLAGS) -c $< -o $@
endef

$(patsubst user/lib/%.c,$(U_B)/lib/%.o,$(U_LIB_C)): $(U_B)/lib/%.o: user/lib/%.c | deps
	$(U_COMPILE)
$(patsubst user/lib/%.S,$(U_B)/lib/%.o,$(U_LIB_S)): $(U_B)/lib/%.o: user/lib/%.S | deps
	$(U_COMPILE)
$(U_BIN_OBJ): $(U_B)/obj/%.o: user/bin/%.c | deps
	$(U_COMPILE)
$(U_TEST_OBJ): $(U_B)/obj/%.o: user/tests/%.c | deps
	$(U_COMPILE)
$(U_EXTRA_OBJ): $(U_B)/obj/%.o: $(EXTRA_PROGS)/%.c | deps
	$(U_COMPILE)

$(USER_PROGS): $(U_B)/bin/%: $(U_B)/obj/%.o $(U_LIB_OBJ) user/user.ld
	@mkdir -p $(dir $@)
	@echo "  ULD     $@"
	$(Q)$(CC) $(U_LDFLAGS) $< $(U_LIB_OBJ) -o $@

# The archive must change when the set of programs in it does (EXTRA_PROGS
# added or dropped, a test leaving USER_TESTS_PENDING), not only when a
# program is rebuilt: this file holds the list.
$(U_B)/initramfs.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(U_ROOT_NAMES)' | cmp -s - $@ || echo '$(U_ROOT_NAMES)' > $@
.PHONY: FORCE
FORCE:

# Staged in a directory, owned by root, and archived in name order in cpio's
# newc format.  --strip-unneeded drops the debug information and every
# symbol no relocation refers to (a third of the size); the relocations a
# no-MMU loader needs all stay.
$(INITRAMFS): $(U_ROOT_PROGS) $(U_B)/initramfs.list user/user.mk
	@echo "  CPIO    $@"
	$(Q)rm -rf $(U_B)/root && mkdir -p $(U_B)/root/bin $(U_B)/root/tmp
	$(Q)for p in $(U_ROOT_PROGS); do \
	    $(CROSS)objcopy --strip-unneeded $$p $(U_B)/root/bin/$${p##*/} || exit 1; done
	$(Q)cp $(U_B)/root/bin/init $(U_B)/root/init	# a copy: the initramfs unpacker keeps no symbolic links
	$(Q)ln -s swapon $(U_B)/root/bin/swapoff	# util-linux's swapoff: the same program
	$(Q)cd $(U_B)/root && find . -mindepth 1 | LC_ALL=C sort | \
	    cpio -o -H newc --quiet -R 0:0 --reproducible > $(abspath $@)

# For Linux: rvmm's very initramfs, then a second archive with the
# Linux-only programs (Linux unpacks every archive of a concatenated
# initrd, as it does an early-microcode archive), so rvmm's own root does
# not change by a byte.
$(LINUX_INITRAMFS): $(INITRAMFS) $(addprefix $(U_B)/bin/,$(U_LINUX_ONLY))
	@echo "  CPIO    $@"
	$(Q)rm -rf $(U_B)/linux-root && mkdir -p $(U_B)/linux-root/bin
	$(Q)for p in $(U_LINUX_ONLY); do \
	    $(CROSS)objcopy --strip-unneeded $(U_B)/bin/$$p $(U_B)/linux-root/bin/$$p || exit 1; done
	$(Q)cd $(U_B)/linux-root && find . -mindepth 1 | LC_ALL=C sort | \
	    cpio -o -H newc --quiet -R 0:0 --reproducible > $(abspath $(U_B))/linux-only.cpio
	$(Q)cat $(INITRAMFS) $(U_B)/linux-only.cpio > $@

# The same test sources against glibc: Linux's own answers, under qemu-user.
$(LINUX_TESTS) $(LINUX_HELPERS): $(B)/linux/%: user/tests/%.c $(wildcard user/tests/*.h) | deps
	@mkdir -p $(dir $@)
	@echo "  LINUXCC $@"
	$(Q)$(LINUX_CC) -static -O2 -g -std=gnu11 $(WARN) $< -o $@

# cppcheck covers user/ too, with its own include path
CPPCHECK := $(CPPCHECK) && cppcheck --quiet --error-exitcode=1 \
	    --enable=warning,performance,portability --inline-suppr -Iuser/include \
	    --suppress=missingIncludeSystem user

-include $(U_BIN_OBJ:.o=.d) $(U_TEST_OBJ:.o=.d) $(U_EXTRA_OBJ:.o=.d) $(U_LIB_OBJ:.o=.d)
