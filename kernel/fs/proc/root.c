/*
 * kernel/fs/proc/root.c: the proc file system and its root directory.
 *
 * /proc lists the fixed entries (meminfo, self, sys, ...) and then one
 * directory per process, named by its pid, which exists only while the
 * process does.  proc_root_init builds the fixed tree; vfs_init mounts it.
 */
#include <err.h>
#include <errno.h>
#include <slab.h>
#include "internal.h"

static struct inode *proc_root_lookup(struct inode *dir, const struct qstr *name)
{
	struct inode *inode = proc_lookup_de(dir, &proc_root, name);

	if (!IS_ERR(inode) || PTR_ERR(inode) != -ENOENT)
		return inode;
	return proc_pid_lookup(dir, name);
}

static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	if (ctx->pos < FIRST_PROCESS_ENTRY) {
		if (!proc_readdir_de(file, ctx, &proc_root))
			return 0;
		ctx->pos = FIRST_PROCESS_ENTRY;
	}
	proc_pid_readdir(file, ctx);
	return 0;
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.read = generic_read_dir,
	.iterate = proc_root_readdir,
	.llseek = generic_file_llseek,
};

struct proc_dir_entry proc_root = {
	.name = "/proc",
	.namelen = 5,
	.mode = S_IFDIR | 0555,
	.low_ino = PROC_ROOT_INO,
	.parent = &proc_root,
	.proc_iops = &proc_root_inode_operations,
	.proc_fops = &proc_root_operations,
};

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *ei = kzalloc(sizeof(*ei), GFP_KERNEL);

	return ei ? &ei->vfs_inode : NULL;
}

static void proc_free_inode(struct inode *inode)
{
	kfree(PROC_I(inode));
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.free_inode = proc_free_inode,
};

static int proc_fill_super(struct super_block *sb)
{
	struct inode *root;

	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_op = &proc_sops;
	root = new_proc_inode(sb, proc_root.mode, PROC_ROOT_INO);
	if (!root)
		return -ENOMEM;
	PROC_I(root)->pde = &proc_root;
	root->i_op = proc_root.proc_iops;
	root->i_fop = proc_root.proc_fops;
	sb->s_root = root;
	return 0;
}

const struct file_system_type proc_fs_type = {
	.name = "proc",
	.fill_super = proc_fill_super,
};

void proc_root_init(void)
{
	proc_meminfo_init();
	proc_vmstat_init();
	proc_diskstats_init();
	proc_self_init();
	proc_sys_init();
#ifndef CONFIG_MMU
	proc_nommu_init();	/* /proc/maps: every region in the system */
#endif
}
