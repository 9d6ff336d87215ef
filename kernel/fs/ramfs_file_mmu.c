/*
 * kernel/fs/ramfs_file_mmu.c: a ramfs regular file with an MMU (Linux's
 * fs/ramfs/file-mmu.c): the page cache does everything, and a mapping
 * faults its pages in one at a time, wherever they are.
 */
#include <pagemap.h>
#include "internal.h"

const struct inode_operations ramfs_file_inode_operations = {
	.setattr = simple_setattr,
};

const struct file_operations ramfs_file_operations = {
	.read = generic_file_read_iter,
	.write = generic_file_write_iter,
	.llseek = generic_file_llseek,
	.fsync = noop_fsync,
	.mmap = generic_file_mmap,
};
