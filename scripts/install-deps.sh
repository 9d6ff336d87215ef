#!/bin/sh
# Install the Debian packages rvmm needs, but only those that are missing, so
# that `make qemu` and `make test` work on a fresh machine with nothing done
# by hand.  Run by make before anything that needs the cross toolchain.
set -e

# package:command-or-file that proves it is installed (file|file: any of them)
need="
gcc-riscv64-unknown-elf:/usr/bin/riscv64-unknown-elf-gcc
picolibc-riscv64-unknown-elf:/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs
qemu-system-misc:/usr/bin/qemu-system-riscv64
opensbi:/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
python3:/usr/bin/python3
cpio:/usr/bin/cpio
device-tree-compiler:/usr/bin/dtc
gcc:/usr/bin/gcc
cppcheck:/usr/bin/cppcheck
qemu-user-static:/usr/bin/qemu-riscv64-static
gcc-riscv64-linux-gnu:/usr/bin/riscv64-linux-gnu-gcc
libc6-dev-riscv64-cross:/usr/riscv64-linux-gnu/lib/libc.a
gdb-multiarch:/usr/bin/gdb-multiarch
util-linux:/sbin/mkswap|/usr/sbin/mkswap
"

missing=""
# present FILE|FILE...: does any of them exist?
present() {
	for f in $(echo "$1" | tr '|' ' '); do
		[ -e "$f" ] && return 0
	done
	return 1
}

for pair in $need; do
	pkg=${pair%%:*}
	file=${pair#*:}
	present "$file" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists: update before install.
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
