/*
 * kernel/fs/internal.h: what the files of kernel/fs share with each other
 * and nobody else.
 */
#ifndef _FS_INTERNAL_H
#define _FS_INTERNAL_H

#include <fs.h>

/*
 * A ramfs regular file's operations, which differ with and without an MMU
 * as Linux's fs/ramfs/file-mmu.c and file-nommu.c: ramfs_file_mmu.c and
 * ramfs_file_nommu.c.
 */
extern const struct file_operations ramfs_file_operations;
extern const struct inode_operations ramfs_file_inode_operations;

#endif
