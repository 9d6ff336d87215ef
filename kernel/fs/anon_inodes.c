/*
 * kernel/fs/anon_inodes.c: files that are not in any directory and have
 * no inode of their own (perf_event_open's counters), as Linux's
 * anon_inodes: every such file shares the one inode of an internal
 * mount, and its file_operations and private data say what it is.
 */
#include <err.h>
#include <errno.h>
#include <fs.h>
#include <printk.h>

static struct inode *anon_inode_inode;

static int anon_inodefs_fill_super(struct super_block *sb)
{
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_root = new_inode(sb);
	if (!sb->s_root)
		return -ENOMEM;
	sb->s_root->i_mode = S_IFDIR | 0700;
	return 0;
}

static const struct file_system_type anon_inode_fs_type = {
	.name = "anon_inodefs",
	.fill_super = anon_inodefs_fill_super,
};

void anon_inode_init(void)
{
	struct super_block *sb = kern_mount(&anon_inode_fs_type);

	if (IS_ERR(sb))
		panic("anon_inode_init: cannot mount anon_inodefs");
	anon_inode_inode = new_inode(sb);
	if (!anon_inode_inode)
		panic("anon_inode_init: no inode");
	anon_inode_inode->i_mode = S_IRUSR | S_IWUSR;	/* no file type, as Linux's */
}

int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv, int flags)
{
	int fd = get_unused_fd_flags((unsigned int)flags);
	struct file *file;

	(void)name;	/* Linux's names it "anon_inode:NAME" in /proc/<pid>/fd, which rvmm lacks */
	if (fd < 0)
		return fd;
	file = alloc_empty_file(flags & (O_ACCMODE | O_NONBLOCK));
	if (IS_ERR(file)) {
		put_unused_fd((unsigned int)fd);
		return (int)PTR_ERR(file);
	}
	file->f_inode = igrab(anon_inode_inode);
	file->f_op = fops;
	file->private_data = priv;
	file->f_mode |= FMODE_OPENED;
	fd_install((unsigned int)fd, file);
	return fd;
}
