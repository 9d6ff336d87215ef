#!/bin/sh
# fetch-linux-kernel.sh [DIR]: Debian's riscv64 Linux kernel, unpacked once
# into DIR (default build/linux-kernel), for booting rvmm's initramfs on a
# real Linux in the same QEMU (the "linux-kernel" step of `make test`).
#
# The package is linux-image-<version>-riscv64, the one Debian's
# linux-image-riscv64 depends on, from the suite `stable` of the archive
# this machine already uses (the first `URIs:` of
# /etc/apt/sources.list.d/debian.sources; DEBIAN_MIRROR overrides it).
# apt runs with a private source list, package lists and cache, all under
# DIR, so the machine's own apt configuration and state are not changed
# and nothing is installed: the kernel is only unpacked (dpkg-deb -x).
#
# Afterwards DIR holds the package's tree (boot/, usr/lib/modules/), the
# file VERSION, and vmlinux, a link to boot/vmlinux-<version>.  Run again,
# it does nothing; remove DIR to fetch the then-current kernel.
set -e

DIR=${1:-build/linux-kernel}
if [ -e "$DIR/vmlinux" ] && [ -s "$DIR/VERSION" ]; then
	exit 0
fi

fail() {
	echo "fetch-linux-kernel: $*" >&2
	exit 1
}

for tool in apt-get apt-cache dpkg-deb; do
	command -v $tool >/dev/null 2>&1 || fail "$tool is missing (this needs a Debian machine)"
done

mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
	mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' \
		/etc/apt/sources.list.d/debian.sources | head -n 1)
fi
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list ]; then
	mirror=$(sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p' \
		/etc/apt/sources.list | head -n 1)
fi
[ -n "$mirror" ] || fail "no Debian archive address in /etc/apt (set DEBIAN_MIRROR)"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
opts="arch=riscv64"
[ -r $keyring ] && opts="$opts signed-by=$keyring"

# Everything happens in a scratch directory beside DIR, renamed into place
# at the end, so an interrupted fetch leaves no half-unpacked kernel.
mkdir -p "$(dirname "$DIR")"
work=$(cd "$(dirname "$DIR")" && pwd)/.$(basename "$DIR").tmp
rm -rf "$work"
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/state" \
	"$work/apt/etc" "$work/deb" "$work/tree"
trap 'rm -rf "$work"' EXIT
echo "deb [$opts] $mirror stable main" > "$work/apt/riscv64.list"

set -- -q -o Dir::Etc::SourceList="$work/apt/riscv64.list" -o Dir::Etc::SourceParts=- \
	-o Dir::Etc::Preferences="$work/apt/etc/preferences" -o Dir::Etc::PreferencesParts=- \
	-o Dir::State="$work/apt/state" -o Dir::State::Lists="$work/apt/lists" \
	-o Dir::Cache="$work/apt/cache" -o APT::Architectures::=riscv64 \
	-o APT::Sandbox::User=root -o Acquire::Retries=2

echo "fetch-linux-kernel: the package lists of $mirror stable (riscv64)" >&2
if ! apt-get "$@" update > "$work/update.log" 2>&1 ||
	grep -q '^[WE]: ' "$work/update.log"; then
	cat "$work/update.log" >&2
	fail "cannot read Debian's package lists from $mirror (offline?)"
fi
pkg=$(apt-cache "$@" depends linux-image-riscv64:riscv64 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-riscv64\)\(:riscv64\)\{0,1\}$/\1/p' | head -n 1)
[ -n "$pkg" ] || fail "linux-image-riscv64 in $mirror stable names no linux-image-<version>-riscv64"
version=${pkg#linux-image-}

echo "fetch-linux-kernel: downloading $pkg" >&2
(cd "$work/deb" && apt-get "$@" download "$pkg:riscv64") > "$work/download.log" 2>&1 || {
	cat "$work/download.log" >&2
	fail "cannot download $pkg from $mirror (offline?)"
}
deb=$(ls "$work"/deb/*.deb)
dpkg-deb -x "$deb" "$work/tree"
[ -f "$work/tree/boot/vmlinux-$version" ] || fail "$pkg has no boot/vmlinux-$version"
echo "$version" > "$work/tree/VERSION"
ln -s "boot/vmlinux-$version" "$work/tree/vmlinux"

rm -rf "$DIR"
mv "$work/tree" "$DIR"
echo "fetch-linux-kernel: $DIR/vmlinux is Linux $version" >&2
