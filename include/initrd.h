/*
 * include/initrd.h: the initramfs, the cpio archive the boot loader puts
 * in memory (QEMU -initrd) to fill the root file system.
 */
#ifndef _RVMM_INITRD_H
#define _RVMM_INITRD_H

#include <types.h>

/*
 * populate_rootfs: unpack the archive at physical [start, start+size) into
 * "/", then give its pages to the buddy allocator (memblock reserved them
 * at boot).  A damaged archive is reported and unpacked as far as it goes.
 */
void populate_rootfs(phys_addr_t start, size_t size);
/*
 * unpack_to_rootfs: unpack the cpio "newc" archive(s) in buf into the
 * tree (names are relative to the current directory, "/" at boot); NULL,
 * or what was wrong with the archive.
 */
const char *unpack_to_rootfs(const char *buf, size_t len);

#endif
