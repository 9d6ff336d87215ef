/*
 * kernel/fs/proc/generic.c: the fixed part of /proc (a tree of
 * proc_dir_entry made at boot), its inodes, and the snapshot files most
 * of /proc is made of.  See kernel/fs/proc/internal.h.
 */
#include <err.h>
#include <errno.h>
#include <mm.h>
#include <slab.h>
#include <string.h>
#include <uaccess.h>
#include "internal.h"

#define SNAPSHOT_MAX	(1UL << 20)	/* the largest /proc text: 1 MiB */

static unsigned int next_low_ino = PROC_ROOT_INO + 1;

/* ---- the tree ---- */

/* proc_register: a new entry at the end of parent's children. */
static struct proc_dir_entry *proc_register(const char *name, umode_t mode,
					    struct proc_dir_entry *parent)
{
	struct proc_dir_entry *de, **link;

	if (!parent)
		parent = &proc_root;
	de = kzalloc(sizeof(*de), GFP_KERNEL);
	if (!de)
		return NULL;
	de->name = name;
	de->namelen = (unsigned int)strlen(name);
	de->mode = mode;
	de->low_ino = next_low_ino++;
	de->parent = parent;
	for (link = &parent->subdir; *link; link = &(*link)->next)
		;
	*link = de;
	return de;
}

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return proc_register(name, S_IFDIR | 0555, parent);
}

struct proc_dir_entry *proc_create_single(const char *name, umode_t mode,
					  struct proc_dir_entry *parent, proc_show_t show)
{
	struct proc_dir_entry *de = proc_register(name, S_IFREG | (mode ? mode : 0444), parent);

	if (de)
		de->show = show;
	return de;
}

struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct file_operations *fops, void *data)
{
	struct proc_dir_entry *de = proc_register(name, S_IFREG | mode, parent);

	if (de) {
		de->proc_fops = fops;
		de->data = data;
	}
	return de;
}

struct proc_dir_entry *proc_symlink_entry(const char *name, struct proc_dir_entry *parent,
					  const struct inode_operations *iops)
{
	struct proc_dir_entry *de = proc_register(name, S_IFLNK | 0777, parent);

	if (de)
		de->proc_iops = iops;
	return de;
}

struct proc_dir_entry *pde_find(struct proc_dir_entry *dir, const struct qstr *name)
{
	for (struct proc_dir_entry *de = dir->subdir; de; de = de->next)
		if (de->namelen == name->len && !memcmp(de->name, name->name, name->len))
			return de;
	return NULL;
}

/* ---- snapshots ---- */

struct proc_snapshot {
	size_t len;
	char text[];
};

int proc_snapshot_open(struct file *file, proc_show_t show, void *arg)
{
	/* Try a page, and twice as much each time the text does not fit. */
	for (size_t size = PAGE_SIZE; size <= SNAPSHOT_MAX; size *= 2) {
		struct proc_snapshot *snap = kmalloc(size, GFP_KERNEL);
		struct seq_buf m;
		int err;

		if (!snap)
			return -ENOMEM;
		seq_buf_init(&m, snap->text, size - sizeof(*snap));
		err = show(&m, arg);
		if (err) {
			kfree(snap);
			return err;
		}
		if (!seq_buf_has_overflowed(&m)) {
			snap->len = m.len;
			kfree(file->private_data);	/* a refresh replaces the old text */
			file->private_data = snap;
			return 0;
		}
		kfree(snap);
	}
	return -ENOMEM;
}

ssize_t proc_snapshot_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	const struct proc_snapshot *snap = file->private_data;
	size_t n, copied;

	if (!snap || *pos >= (loff_t)snap->len)
		return 0;
	n = MIN(snap->len - (size_t)*pos, to->count);
	copied = copy_to_iter(snap->text + *pos, n, to);
	if (!copied && n)
		return -EFAULT;
	*pos += (loff_t)copied;
	return (ssize_t)copied;
}

/* proc_snapshot_lseek: SEEK_SET and SEEK_CUR only, as Linux's seq_lseek. */
loff_t proc_snapshot_lseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	return file->f_pos = offset;
}

int proc_snapshot_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/* ---- the default operations of fixed entries ---- */

static int pde_show(struct seq_buf *m, void *arg)
{
	struct proc_dir_entry *de = arg;

	return de->show(m, de->data);
}

static int proc_single_open(struct inode *inode, struct file *file)
{
	return proc_snapshot_open(file, pde_show, PDE(inode));
}

/* Writing a /proc file that takes no input is an I/O error, as in Linux. */
static ssize_t proc_no_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	return -EIO;
}

int proc_reg_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -EIO;	/* as Linux's proc_reg_mmap for a file with no proc_mmap */
}

static const struct file_operations proc_single_file_operations = {
	.open = proc_single_open,
	.read = proc_snapshot_read,
	.write = proc_no_write,
	.llseek = proc_snapshot_lseek,
	.mmap = proc_reg_mmap,
	.release = proc_snapshot_release,
};

static struct inode *proc_lookup(struct inode *dir, const struct qstr *name)
{
	return proc_lookup_de(dir, PDE(dir), name);
}

static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	proc_readdir_de(file, ctx, PDE(file_inode(file)));
	return 0;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};

static const struct file_operations proc_dir_operations = {
	.read = generic_read_dir,
	.iterate = proc_readdir,
	.llseek = generic_file_llseek,
};

struct inode *new_proc_inode(struct super_block *sb, umode_t mode, unsigned long ino)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = ino;
	inode->i_mode = mode;
	if (S_ISDIR(mode))
		inode->i_nlink = 2;
	return inode;
}

struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de)
{
	struct inode *inode;

	if (de == &proc_root)
		return igrab(sb->s_root);
	inode = new_proc_inode(sb, de->mode, de->low_ino);
	if (!inode)
		return NULL;
	PROC_I(inode)->pde = de;
	if (S_ISDIR(de->mode)) {
		inode->i_op = de->proc_iops ? de->proc_iops : &proc_dir_inode_operations;
		inode->i_fop = de->proc_fops ? de->proc_fops : &proc_dir_operations;
	} else if (S_ISLNK(de->mode)) {
		inode->i_op = de->proc_iops;
	} else {
		if (de->proc_iops)
			inode->i_op = de->proc_iops;	/* /proc/sys: setattr for O_TRUNC */
		inode->i_fop = de->proc_fops ? de->proc_fops : &proc_single_file_operations;
	}
	return inode;
}

struct inode *proc_lookup_de(struct inode *dir, struct proc_dir_entry *de, const struct qstr *name)
{
	struct proc_dir_entry *child;
	struct inode *inode;

	if (name->len == 1 && name->name[0] == '.')
		return igrab(dir);
	if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.')
		child = de->parent;
	else
		child = pde_find(de, name);
	if (!child)
		return ERR_PTR(-ENOENT);
	inode = proc_get_inode(dir->i_sb, child);
	return inode ? inode : ERR_PTR(-ENOMEM);
}

bool proc_readdir_de(struct file *file, struct dir_context *ctx, struct proc_dir_entry *de)
{
	loff_t i = 2;

	if (!dir_emit_dots(ctx, de->low_ino, de->parent->low_ino))
		return false;
	for (struct proc_dir_entry *child = de->subdir; child; child = child->next, i++) {
		if (i < ctx->pos)
			continue;
		if (!dir_emit(ctx, child->name, (int)child->namelen, child->low_ino,
			      fs_umode_to_dtype(child->mode)))
			return false;
		ctx->pos = i + 1;
	}
	return true;
}
