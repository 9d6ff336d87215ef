# rvmm: a RISC-V teaching kernel about memory management, done the Linux way.
#
#   make qemu        build and boot in QEMU (Ctrl-A X leaves)
#   make test        host unit tests, in-kernel self-tests, user tests
#   make linux-test  the user tests on Debian's Linux kernel, in the same QEMU
#   make grade       the grader: test/rubric.toml's checks, points per lab
#                    (LAB=name one lab, BUILD=mmu or nommu one kernel: docs/grading.md)
#   make bench       deterministic instruction counts (QEMU -icount)
#   make fuzz        the system-call fuzzer, longer than make test runs it
#   make qemu-gdb    boot stopped, for gdb; then make gdb (docs/debugging.md)
#
# Variables: MEM (QEMU -m, default 128M), CPUS (default 1), BOOTARGS
# (appended to the kernel command line), MMU (sv39, sv48 or sv57: the
# largest paging mode the kernel may choose; default sv48), NOMMU=1 (the
# no-MMU kernel, in build/nommu/: docs/nommu.md), SLAB (the slab
# allocator: slub, or slob, in build/slob/: docs/slab.md), SWAP (make qemu
# SWAP=64M attaches build/swap-64M.img, made by the host's mkswap, as the
# virtio-blk disk /dev/vda: docs/block.md).

MEM      ?= 128M
CPUS     ?= 1
BOOTARGS ?=
MMU      ?= sv48
NOMMU    ?=
SLAB     ?= slub
SWAP     ?=

CROSS    := riscv64-unknown-elf-
CC       := $(CROSS)gcc
OBJDUMP  := $(CROSS)objdump
QEMU     := qemu-system-riscv64
OPENSBI  := /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
PYTHON   := python3

# Both kernels share build/ for the user programs and the initramfs (the
# very same binaries run on both); each kernel has its own object directory.
B        := build
ifeq ($(NOMMU),1)
KB       := $(B)/nommu
else
KB       := $(B)
endif
ifneq ($(SLAB),slub)
KB       := $(KB)/$(SLAB)
endif
# Quiet by default; `make V=1` shows every command.
ifeq ($(V),1)
Q :=
else
Q := @
endif
# picolibc's rv64imac/lp64 multilib; -misa-spec=2.2 keeps CSR instructions
# in the base ISA so that "_zicsr" (which selects the wrong multilib) is not needed.
ARCH     := -misa-spec=2.2 -march=rv64imac -mabi=lp64 -mcmodel=medany
WARN     := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes
CFLAGS   := $(ARCH) $(WARN) -O2 -g -std=gnu11 --specs=picolibc.specs \
            -ffreestanding -fno-common -fno-omit-frame-pointer \
            -fno-stack-protector -fno-pie -ffunction-sections \
            -Iinclude -MMD -MP
LDFLAGS  := $(ARCH) --specs=picolibc.specs -nostartfiles -static -no-pie \
            -T kernel/riscv/kernel.ld -Wl,--gc-sections -Wl,--no-warn-rwx-segments

# The two kernels differ by whole files, as Linux's mm/Makefile (mmu-y):
# MMU_ONLY is built only with an MMU, NOMMU_ONLY only without one (where
# mm/nommu.c takes the place of mm/memory.c, mm/mmap.c and friends).
# Everything else (VMA bookkeeping, system calls, page cache, file
# systems, /proc, the allocators) is shared.
MMU_ONLY   := mm/memory.c mm/mmap.c mm/mprotect.c mm/madvise.c mm/msync.c mm/pgtable.c mm/vmalloc.c \
              mm/mlock.c mm/mincore.c mm/mremap.c mm/rmap.c mm/swapfile.c mm/swap_state.c \
              mm/page_io.c mm/shmem.c \
              kernel/riscv/mmu.c kernel/riscv/context.c kernel/riscv/fault.c \
              kernel/riscv/selftest_paging.c kernel/binfmt_elf_mmu.c kernel/fs/ramfs_file_mmu.c
NOMMU_ONLY := mm/nommu.c kernel/riscv/nommu.c kernel/binfmt_elf_nommu.c \
              kernel/binfmt_elf_reloc.c kernel/fs/proc/nommu.c kernel/fs/ramfs_file_nommu.c
# The slab allocator is mm/$(SLAB).c with its mm/$(SLAB)_*.c, and its
# struct kmem_cache in mm/$(SLAB)_def.h (mm/slab.h); the other allocators'
# files are left out.
SLAB_NAMES := $(patsubst mm/%_def.h,%,$(wildcard mm/*_def.h))
$(if $(filter $(SLAB),$(SLAB_NAMES)),,$(error SLAB must be one of: $(SLAB_NAMES)))
SLAB_OTHER := $(foreach n,$(filter-out $(SLAB),$(SLAB_NAMES)),mm/$(n).c $(wildcard mm/$(n)_*.c))
CFLAGS   += -DCONFIG_$(shell echo $(SLAB) | tr a-z A-Z) -DSLAB_DEF_H='"$(SLAB)_def.h"'
KSRC_ALL := $(filter-out $(SLAB_OTHER),$(wildcard kernel/*.c kernel/*.S kernel/*/*.c \
              kernel/*/*.S kernel/fs/proc/*.c mm/*.c lib/*.c))
ifeq ($(NOMMU),1)
KSRC     := $(filter-out $(MMU_ONLY),$(KSRC_ALL))
# Linked and run at the physical load address: no page tables to move it.
LDFLAGS  += -Wl,--defsym=KERNEL_LINK=0x80200000
else
KSRC     := $(filter-out $(NOMMU_ONLY),$(KSRC_ALL))
CFLAGS   += -DCONFIG_MMU
endif
KOBJ     := $(patsubst %,$(KB)/%.o,$(basename $(KSRC)))
KERNEL   := $(KB)/kernel.elf

# MMU= limits the paging mode through the command line, as Linux's
# no4lvl/no5lvl.  QEMU 7.2's CPU can do Sv57 but its device tree always
# says riscv,sv48 (which the kernel honours, as Linux does), so for sv57
# the machine gets its own device tree saying riscv,sv57.
MMUARGS_sv39 := no4lvl
MMUARGS_sv48 := no5lvl
MMUARGS_sv57 :=
ifeq ($(filter sv39 sv48 sv57,$(MMU)),)
$(error MMU must be sv39, sv48 or sv57)
endif
DTB_sv57  := $(B)/virt-$(MEM)-$(CPUS)-sv57.dtb
QEMUDTB   := $(if $(filter sv57,$(MMU)),-dtb $(DTB_sv57))
# SWAP=SIZE: a disk of that size with a swap header, on the modern
# virtio-mmio interface (QEMU 7.2 offers the legacy one unless told).
SWAPIMG   := $(if $(SWAP),$(B)/swap-$(SWAP).img)
ifneq ($(SWAP),)
QEMUDISK  := -global virtio-mmio.force-legacy=false \
             -drive file=$(SWAPIMG),if=none,format=raw,id=swap -device virtio-blk-device,drive=swap
endif
QEMUOPTS  = -machine virt -cpu rv64 -m $(MEM) -smp $(CPUS) -nographic \
            -bios $(OPENSBI) -kernel $(KERNEL) $(QEMUDTB) -initrd $(INITRAMFS) $(QEMUDISK) \
            -append "$(strip $(MMUARGS_$(MMU)) $(BOOTARGS))"

.DEFAULT_GOAL := all

# The static checker over the kernel; user/user.mk adds user/ with its own
# include path, so this must come before it.
CPPCHECK := cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	    --inline-suppr -Iinclude --suppress=missingIncludeSystem kernel mm lib

# User programs and the initramfs (user/user.mk defines INITRAMFS, used below).
include user/user.mk

.PHONY: all qemu qemu-gdb gdb test grade bench deps clean host-tests cppcheck
all: $(KERNEL) $(INITRAMFS)

# Packages are checked (and installed when missing) before anything is built.
deps:
	@sh scripts/install-deps.sh

$(KB)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(KB)/%.o: %.S | deps
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(KERNEL): $(KOBJ) kernel/riscv/kernel.ld
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) $(KOBJ) -o $@ -lc -lgcc
	$(Q)$(OBJDUMP) -d $@ > $(KB)/kernel.asm

qemu: $(KERNEL) $(INITRAMFS) $(if $(filter sv57,$(MMU)),$(DTB_sv57)) $(SWAPIMG)
	$(QEMU) $(QEMUOPTS)

# A swap disk, made once: what is on it later is the kernel's business.
# mkswap's words are shown only when it fails: its warnings about holes
# are about swap files on the host's file system, not about a disk image.
$(B)/swap-%.img: | deps
	@mkdir -p $(B)
	@echo "  MKSWAP  $@"
	$(Q)truncate -s $* $@.tmp && chmod 600 $@.tmp
	$(Q)out=$$(PATH="$$PATH:/sbin:/usr/sbin" mkswap $@.tmp 2>&1) || { echo "$$out" >&2; exit 1; }
	$(Q)mv $@.tmp $@

$(B)/virt-%-sv57.dtb: | deps
	@mkdir -p $(B)
	$(Q)$(PYTHON) test/qemu.py sv57-dtb --mem $(MEM) --cpus $(CPUS) --out $@

# make qemu-gdb waits for a debugger before the first instruction; make gdb,
# in another terminal, is that debugger, with the rvmm- commands of
# scripts/gdb/ loaded (docs/debugging.md).  GDBPORT moves both.
GDBPORT ?= 1234
qemu-gdb: $(KERNEL) $(INITRAMFS) $(if $(filter sv57,$(MMU)),$(DTB_sv57)) $(SWAPIMG)
	@echo "in another terminal: make gdb$(if $(NOMMU), NOMMU=$(NOMMU))$(if $(filter-out slub,$(SLAB)), SLAB=$(SLAB))$(if $(filter-out 1234,$(GDBPORT)), GDBPORT=$(GDBPORT))"
	$(QEMU) $(QEMUOPTS) -S -gdb tcp::$(GDBPORT)

gdb: $(KERNEL) | deps
	gdb-multiarch -q $(KERNEL) -ex 'source scripts/gdb/rvmm.py' -ex 'target remote :$(GDBPORT)'

# ---- host unit tests: the allocators built natively with ASan and UBSan ----
HOSTCC     := gcc
HOSTCFLAGS := -O1 -g -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
              -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer -Itest/host -Iinclude -DHOST_TEST -DCONFIG_MMU
HOST_MM    := mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/slab_common.c mm/vmstat.c mm/util.c \
              mm/swap.c $(wildcard mm/policy_*.c) \
              lib/seq_buf.c lib/cmdline.c lib/rbtree.c lib/elf_reloc.c lib/string_helpers.c
# the host tests link SLUB; unit_slab is built once more against SLOB, and
# runs the allocator contract tests there (docs/slab.md)
HOST_SLAB  := mm/slub.c mm/slub_debug.c
HOST_SLABF := -DCONFIG_SLUB
HOST_TESTS := $(patsubst test/host/%.c,$(B)/host/%,$(wildcard test/host/unit_*.c)) \
              $(B)/host/unit_slab_slob

$(B)/host/%: test/host/%.c test/host/glue.c $(HOST_MM) $(HOST_SLAB) $(wildcard include/*.h mm/*.h test/host/*.h test/host/asm/*.h)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(HOST_SLABF) $< test/host/glue.c $(HOST_MM) $(HOST_SLAB) $(HOST_EXTRA) -o $@
$(B)/host/unit_slab_slob: test/host/unit_slab.c test/host/glue.c $(HOST_MM) mm/slob.c $(wildcard include/*.h mm/*.h test/host/*.h test/host/asm/*.h)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -DCONFIG_SLOB -DSLAB_DEF_H='"slob_def.h"' $< test/host/glue.c \
		$(HOST_MM) mm/slob.c -o $@

host-tests: $(HOST_TESTS)

# unit_elf_reloc moves these programs, linked at 0x10000, to each base and
# compares them with the same objects linked there by a copy of user.ld.
RELOC_PROGS := sh init fuzz test_mmap
RELOC_BASES := 0x40000000 0x80212000
RELOC_LINKS := $(foreach b,$(RELOC_BASES),$(addprefix $(B)/host/reloc/$(b)/,$(RELOC_PROGS)))
$(B)/host/reloc/user-%.ld: user/user.ld
	@mkdir -p $(dir $@)
	$(Q)sed 's/^\t\. = 0x10000;$$/\t. = $*;/' $< > $@ && ! cmp -s $< $@
define RELOC_LINK
$(B)/host/reloc/$(1)/%: $(U_B)/obj/%.o $(U_LIB_OBJ) $(B)/host/reloc/user-$(1).ld
	@mkdir -p $$(dir $$@)
	@echo "  ULD     $$@"
	$$(Q)$$(CC) $$(subst user/user.ld,$(B)/host/reloc/user-$(1).ld,$$(U_LDFLAGS)) $$< $$(U_LIB_OBJ) -o $$@
endef
$(foreach b,$(RELOC_BASES),$(eval $(call RELOC_LINK,$(b))))
# and as the initramfs holds them (user.mk): is every symbol a relocation needs kept?
$(B)/host/reloc/stripped/%: $(U_B)/bin/%
	@mkdir -p $(dir $@)
	$(Q)$(CROSS)objcopy --strip-unneeded $< $@
$(B)/host/unit_elf_reloc: $(RELOC_LINKS) $(addprefix $(U_B)/bin/,$(RELOC_PROGS)) \
			  $(RELOC_BASES:%=$(B)/host/reloc/user-%.ld) $(B)/host/reloc/stripped/sh
$(B)/host/unit_elf_reloc: HOSTCFLAGS += -DRELOC_DIR='"$(B)"' -DRELOC_PROGS='"$(RELOC_PROGS)"' \
			       -DRELOC_BASES='"$(RELOC_BASES)"'
# the kernel's reader of the relocations too (HOST_EXTRA: sources one test alone links)
$(B)/host/unit_elf_reloc: HOST_EXTRA := kernel/binfmt_elf_reloc.c
$(B)/host/unit_elf_reloc: kernel/binfmt_elf_reloc.c

# make test runs both kernels, and the MMU one once more with SLOB: each
# is built by a make of its own.
NOMMU_KERNEL := $(B)/nommu$(if $(filter-out slub,$(SLAB)),/$(SLAB))/kernel.elf
SLOB_KERNEL  := $(if $(filter slub,$(SLAB)),$(B)/slob/kernel.elf)
.PHONY: kernel nommu-kernel slob-kernel
kernel: $(KERNEL)
nommu-kernel:
	$(Q)$(MAKE) --no-print-directory NOMMU=1 SLAB=$(SLAB) kernel
slob-kernel:
	$(Q)$(MAKE) --no-print-directory NOMMU= SLAB=slob kernel

test: $(KERNEL) nommu-kernel $(if $(SLOB_KERNEL),slob-kernel) host-tests user-progs linux-tests initramfs linux-initramfs
	$(PYTHON) test/run_tests.py --kernel $(KERNEL) --nommu-kernel $(NOMMU_KERNEL) \
	    --slab $(SLAB) $(if $(SLOB_KERNEL),--slob-kernel $(SLOB_KERNEL)) \
	    --opensbi $(OPENSBI) \
	    --host-tests "$(HOST_TESTS)" --cppcheck "$(CPPCHECK)" \
	    --linux-tests "$(LINUX_TESTS)" --user-tests "$(USER_TESTS)" --initramfs $(INITRAMFS) \
	    --linux-kernel $(LINUX_KERNEL) --linux-kernel-fetch "$(LINUX_FETCH)" \
	    --linux-initramfs $(LINUX_INITRAMFS) --fuzz-seed $(FUZZ_SEED)

# ---- the system-call fuzzer (user/bin/fuzz.c, docs/testing.md) ----
# make test runs 50,000 calls from seed FUZZ_SEED; make fuzz runs as many
# as asked, from any seed (each run prints the line that reproduces it).
#   make fuzz [SEED=7] [CALLS=1000000] [WORKERS=4] [AVOID=console-read,mmap-min-addr]
FUZZ_SEED ?= 1
SEED      ?= $(shell date +%s)
CALLS     ?= 200000
WORKERS   ?= 4
AVOID     ?= console-read,mmap-min-addr
.PHONY: fuzz
fuzz: $(KERNEL) $(INITRAMFS)
	$(PYTHON) test/fuzz.py --kernel $(KERNEL) --opensbi $(OPENSBI) --initramfs $(INITRAMFS) \
	    --seed $(SEED) --calls $(CALLS) --workers $(WORKERS) --avoid "$(AVOID)" \
	    --timeout $$(( $(CALLS) / 200 + 120 ))
# ----

# ---- the user tests on a real Linux kernel (docs/testing.md) ----
# Debian's riscv64 kernel, fetched once into build/linux-kernel/, boots
# rvmm's initramfs with /bin/linuxrc added (user/user.mk), which runs
# runtests there.  `make test` runs the fetch itself, so that a machine
# that cannot fetch gets one FAIL line.
#   make linux-test [TESTS="test_mmap test_cow"] [MEM=3G] [MMU=sv39]
LINUX_KERNEL_DIR := $(B)/linux-kernel
LINUX_KERNEL     := $(LINUX_KERNEL_DIR)/vmlinux
LINUX_FETCH      := sh scripts/fetch-linux-kernel.sh $(LINUX_KERNEL_DIR)
.PHONY: linux-kernel linux-test
linux-kernel:
	$(Q)$(LINUX_FETCH)
linux-test: linux-kernel $(LINUX_INITRAMFS)
	$(PYTHON) test/linux_kernel.py --kernel $(LINUX_KERNEL) --opensbi $(OPENSBI) \
	    --initramfs $(LINUX_INITRAMFS) --mem $(MEM) --mmu $(MMU) $(TESTS)
# ----

# A lab's student tree (docs/labs.md): the tracked files, with that lab's
# code replaced by its stub and a TODO; with no or an unknown LAB, the labs.
#   make handout LAB=cow DEST=/tmp/student-cow
.PHONY: handout
handout:
	$(Q)$(PYTHON) scripts/handout.py "$(LAB)" "$(DEST)"

# The grader (docs/grading.md): test/rubric.toml's checks on both kernels,
# LAB= one lab, BUILD=mmu or nommu one kernel; results in build/grade/.
grade: $(KERNEL) nommu-kernel initramfs
	$(PYTHON) test/grade.py --kernel $(KERNEL) --nommu-kernel $(NOMMU_KERNEL) --opensbi $(OPENSBI) \
	    --initramfs $(INITRAMFS) --out $(B)/grade $(if $(LAB),--lab $(LAB)) $(if $(BUILD),--build $(BUILD))

bench: $(KERNEL) nommu-kernel $(INITRAMFS) $(B)/host/unit_reclaim_policy
	$(PYTHON) test/run_bench.py --kernel $(KERNEL) --opensbi $(OPENSBI) --initramfs $(INITRAMFS) \
	    --nommu-kernel $(NOMMU_KERNEL) --policy-trace $(B)/host/unit_reclaim_policy

cppcheck:
	$(CPPCHECK)

clean:
	rm -rf $(B)

-include $(KOBJ:.o=.d)
