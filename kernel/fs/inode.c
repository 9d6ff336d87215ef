/*
 * kernel/fs/inode.c: inodes: creation, references, eviction, and the
 * attribute changes every in-memory file system shares.
 *
 * There is no inode cache: an inode exists while something refers to it,
 * and the last iput() evicts it at once.  For ramfs the directory entry
 * naming a file holds a reference (as the pinned dentry does in Linux),
 * so a file lives until it is unlinked and closed; /proc makes an inode
 * per lookup and drops it on the last close.
 */
#include <errno.h>
#include <fs.h>
#include <pagemap.h>
#include <printk.h>
#include <slab.h>

/* Every inode has operations, so callers test members, never the table: none by default. */
static const struct inode_operations empty_iops;

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode;

	inode = sb->s_op && sb->s_op->alloc_inode ? sb->s_op->alloc_inode(sb)
						  : kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_op = &empty_iops;
	inode->i_ino = get_next_ino(sb);
	inode->i_data.host = inode;
	INIT_RADIX_TREE(&inode->i_data.i_pages);
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	INIT_RADIX_TREE(&inode->i_data.i_swap);
	INIT_LIST_HEAD(&inode->i_data.swaplist);
	inode->i_mapping = &inode->i_data;
	return inode;
}

unsigned long get_next_ino(struct super_block *sb)
{
	return ++sb->s_next_ino;
}

struct inode *igrab(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

/* evict: the inode is unreferenced: free its page cache, the file system's parts, then itself. */
static void evict(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;

	truncate_inode_pages_final(&inode->i_data);
	if (op && op->evict_inode)
		op->evict_inode(inode);
	if (op && op->free_inode)
		op->free_inode(inode);
	else
		kfree(inode);
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (WARN_ON(inode->i_count <= 0))
		return;
	if (--inode->i_count == 0)
		evict(inode);
}

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = 0;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;	/* kernel/fs/block_dev.c */
		inode->i_rdev = rdev;
	} else {
		/* FIFOs and sockets: rvmm has no driver for them, so they cannot be opened. */
		inode->i_fop = NULL;
	}
}

int inode_newsize_ok(const struct inode *inode, loff_t offset)
{
	if (offset < 0 || offset > inode->i_sb->s_maxbytes)
		return -EFBIG;
	return 0;
}

int simple_setattr(struct inode *inode, const struct iattr *attr)
{
	if (attr->ia_valid & ATTR_SIZE) {
		int err = inode_newsize_ok(inode, attr->ia_size);

		if (err)
			return err;
		truncate_setsize(inode, attr->ia_size);
	}
	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	return 0;
}
