/*
 * kernel/fs/ramfs.c: a file system that lives only in memory.
 *
 * A regular file's data is its page cache and nothing else: writes fill
 * pages (mm/filemap.c), truncation frees them (mm/truncate.c), and they
 * stay dirty because there is nowhere to write them back to, so unlike a
 * disk file system's cache they can never be reclaimed.  The root file
 * system is a ramfs, filled from the initramfs at boot.
 *
 * Linux's ramfs keeps its directories in the dentry cache.  rvmm has no
 * dentry cache, so a ramfs directory keeps a list of entries (name ->
 * inode).  An entry holds a reference to its inode: a file lives while
 * it has a name or is open.  "." and ".." are not entries: lookup answers
 * them from the directory itself and its parent pointer.
 */
#include <printk.h>
#include <mm_user.h>
#include <namei.h>
#include <err.h>
#include <errno.h>
#include <fs.h>
#include <pagemap.h>
#include "internal.h"
#include <slab.h>
#include <string.h>

/* One name in a directory. */
struct ramfs_dirent {
	struct list_head list;		/* on ramfs_inode.entries */
	struct inode *inode;		/* referenced */
	loff_t pos;			/* readdir position: fixed, so a listing survives removals */
	unsigned int len;
	char name[];
};

struct ramfs_inode {
	struct list_head entries;	/* a directory: its entries, oldest first */
	struct inode *parent;		/* a directory: the directory holding its entry, itself
					   for the root, NULL once removed */
	loff_t next_pos;		/* a directory: pos of the next entry made */
	char *target;			/* a symbolic link: where it points (kmalloc'ed) */
	struct inode vfs_inode;
};

static inline struct ramfs_inode *RAMFS_I(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs_inode);
}

static const struct inode_operations ramfs_dir_inode_operations;
static const struct file_operations ramfs_dir_operations;
static const struct inode_operations ramfs_symlink_inode_operations;


/* ramfs_get_inode: a new inode of the given type; dir is the parent of a new directory. */
static struct inode *ramfs_get_inode(struct super_block *sb, struct inode *dir,
				     umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
#ifdef CONFIG_MMU
	/* tmpfs: a regular file's pages are shmem, which reclaim writes to swap (mm/shmem.c). */
	if (sb->s_type == &shmem_fs_type && S_ISREG(mode))
		inode->i_mapping->shmem = true;
	else
#endif
		inode->i_mapping->unevictable = true;	/* its pages are the only copy (Linux's ramfs_get_inode) */
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &ramfs_dir_operations;
		inode->i_nlink = 2;		/* its entry in the parent, and its own "." */
		RAMFS_I(inode)->parent = dir ? dir : inode;
		RAMFS_I(inode)->next_pos = 2;	/* after "." and ".." */
		break;
	case S_IFLNK:
		inode->i_op = &ramfs_symlink_inode_operations;
		break;
	default:
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

static bool name_eq(const struct ramfs_dirent *e, const struct qstr *name)
{
	return e->len == name->len && !memcmp(e->name, name->name, name->len);
}

static struct ramfs_dirent *find_entry(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *e;

	list_for_each_entry(e, &RAMFS_I(dir)->entries, list)
		if (name_eq(e, name))
			return e;
	return NULL;
}

static struct inode *ramfs_lookup(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *e;

	if (name->len == 1 && name->name[0] == '.')
		return igrab(dir);
	if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.')
		return RAMFS_I(dir)->parent ? igrab(RAMFS_I(dir)->parent) : ERR_PTR(-ENOENT);
	e = find_entry(dir, name);
	return e ? igrab(e->inode) : ERR_PTR(-ENOENT);
}

/* alloc_entry: an entry named name, not yet in a directory, or NULL. */
static struct ramfs_dirent *alloc_entry(const struct qstr *name)
{
	struct ramfs_dirent *e = kmalloc(sizeof(*e) + name->len, GFP_KERNEL);

	if (!e)
		return NULL;
	e->len = name->len;
	memcpy(e->name, name->name, name->len);
	return e;
}

/* add_entry: put e, naming inode (whose reference it takes), at the end of dir. */
static void add_entry(struct inode *dir, struct ramfs_dirent *e, struct inode *inode)
{
	e->inode = inode;
	e->pos = RAMFS_I(dir)->next_pos++;
	list_add_tail(&e->list, &RAMFS_I(dir)->entries);
}

/* ramfs_new_child: make a node of mode named name in dir; returned referenced for the caller. */
static struct inode *ramfs_new_child(struct inode *dir, const struct qstr *name,
				     umode_t mode, dev_t dev)
{
	struct ramfs_dirent *e;
	struct inode *inode;

	e = alloc_entry(name);
	if (!e)
		return ERR_PTR(-ENOMEM);
	inode = ramfs_get_inode(dir->i_sb, dir, mode, dev);
	if (!inode) {
		kfree(e);
		return ERR_PTR(-ENOSPC);
	}
	add_entry(dir, e, inode);	/* the reference new_inode gave */
	if (S_ISDIR(mode))
		dir->i_nlink++;		/* the new directory's ".." */
	return igrab(inode);
}

static struct inode *ramfs_create(struct inode *dir, const struct qstr *name, umode_t mode)
{
	return ramfs_new_child(dir, name, mode, 0);
}

static int ramfs_mknod(struct inode *dir, const struct qstr *name, umode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_new_child(dir, name, mode, dev);

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	iput(inode);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, const struct qstr *name, umode_t mode)
{
	return ramfs_mknod(dir, name, mode, 0);
}

/* remove_entry: drop name from dir; the entry's reference to its inode goes with it. */
static int remove_entry(struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *e = find_entry(dir, name);

	if (!e)
		return -ENOENT;
	list_del(&e->list);
	iput(e->inode);
	kfree(e);
	return 0;
}

static int ramfs_unlink(struct inode *dir, const struct qstr *name, struct inode *victim)
{
	if (!find_entry(dir, name))
		return -ENOENT;
	victim->i_nlink--;		/* at 0 the file dies with its last open */
	return remove_entry(dir, name);
}

static int ramfs_rmdir(struct inode *dir, const struct qstr *name, struct inode *victim)
{
	if (!find_entry(dir, name))
		return -ENOENT;
	if (!list_empty(&RAMFS_I(victim)->entries))
		return -ENOTEMPTY;
	/* Still open or someone's cwd, it stays, but nothing can be found or made in it. */
	victim->i_nlink = 0;
	victim->i_flags |= S_DEAD;
	RAMFS_I(victim)->parent = NULL;
	dir->i_nlink--;			/* its ".." is gone */
	return remove_entry(dir, name);
}

static int ramfs_symlink(struct inode *dir, const struct qstr *name, const char *target)
{
	size_t len = strlen(target);
	char *copy = kmalloc(len + 1, GFP_KERNEL);
	struct inode *inode;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, len + 1);
	inode = ramfs_new_child(dir, name, S_IFLNK | 0777, 0);
	if (IS_ERR(inode)) {
		kfree(copy);
		return (int)PTR_ERR(inode);
	}
	RAMFS_I(inode)->target = copy;
	inode->i_size = (loff_t)len;
	iput(inode);
	return 0;
}

static const char *ramfs_get_link(struct inode *inode, char *buf, size_t size)
{
	return RAMFS_I(inode)->target;
}

/* ramfs_link: one more entry for old; it lives until its last name and open are gone. */
static int ramfs_link(struct inode *old, struct inode *dir, const struct qstr *name)
{
	struct ramfs_dirent *e = alloc_entry(name);

	if (!e)
		return -ENOMEM;
	add_entry(dir, e, igrab(old));
	old->i_nlink++;
	return 0;
}

/* move_dir: directory inode, once in from, is now in to: the ".." links follow it. */
static void move_dir(struct inode *inode, struct inode *from, struct inode *to)
{
	if (!S_ISDIR(inode->i_mode) || from == to)
		return;
	from->i_nlink--;
	to->i_nlink++;
	RAMFS_I(inode)->parent = to;
}

/* drop_victim: inode loses the name a rename put something else on. */
static void drop_victim(struct inode *dir, struct inode *victim)
{
	if (S_ISDIR(victim->i_mode)) {
		victim->i_nlink = 0;
		victim->i_flags |= S_DEAD;
		RAMFS_I(victim)->parent = NULL;
		dir->i_nlink--;		/* its ".." is gone */
	} else {
		victim->i_nlink--;
	}
	iput(victim);			/* the entry's reference */
}

/*
 * ramfs_rename: an entry moves by changing which inode it names, so the
 * inode itself (its page cache, its mappings on i_mmap, its open files)
 * is untouched: only names and ".." links change.
 */
static int ramfs_rename(struct inode *old_dir, const struct qstr *old_name,
			struct inode *new_dir, const struct qstr *new_name, unsigned int flags)
{
	struct ramfs_dirent *oe = find_entry(old_dir, old_name);
	struct ramfs_dirent *ne = find_entry(new_dir, new_name);
	struct inode *inode;

	if (!oe || (!ne && (flags & RENAME_EXCHANGE)))
		return -ENOENT;
	inode = oe->inode;
	if (flags & RENAME_EXCHANGE) {
		oe->inode = ne->inode;
		ne->inode = inode;
		move_dir(inode, old_dir, new_dir);
		move_dir(oe->inode, new_dir, old_dir);
		return 0;
	}
	if (ne) {
		if (S_ISDIR(ne->inode->i_mode) && !list_empty(&RAMFS_I(ne->inode)->entries))
			return -ENOTEMPTY;
		drop_victim(new_dir, ne->inode);
		ne->inode = inode;	/* oe's reference moves here */
	} else {
		ne = alloc_entry(new_name);
		if (!ne)
			return -ENOMEM;
		add_entry(new_dir, ne, inode);
	}
	list_del(&oe->list);
	kfree(oe);
	move_dir(inode, old_dir, new_dir);
	return 0;
}

static int ramfs_readdir(struct file *file, struct dir_context *ctx)
{
	struct inode *dir = file_inode(file);
	struct ramfs_inode *ri = RAMFS_I(dir);
	struct ramfs_dirent *e;

	if (!dir_emit_dots(ctx, dir->i_ino, ri->parent ? ri->parent->i_ino : dir->i_ino))
		return 0;
	list_for_each_entry(e, &ri->entries, list) {
		if (e->pos < ctx->pos)
			continue;
		ctx->pos = e->pos;
		if (!dir_emit(ctx, e->name, (int)e->len, e->inode->i_ino,
			      fs_umode_to_dtype(e->inode->i_mode)))
			return 0;
		ctx->pos = e->pos + 1;
	}
	return 0;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.rename = ramfs_rename,
	.setattr = simple_setattr,
};

static const struct inode_operations ramfs_symlink_inode_operations = {
	.get_link = ramfs_get_link,
};

static const struct file_operations ramfs_dir_operations = {
	.read = generic_read_dir,
	.iterate = ramfs_readdir,
	.llseek = generic_file_llseek,
	.fsync = noop_fsync,
};

static struct inode *ramfs_alloc_inode(struct super_block *sb)
{
	struct ramfs_inode *ri = kzalloc(sizeof(*ri), GFP_KERNEL);

	if (!ri)
		return NULL;
	INIT_LIST_HEAD(&ri->entries);
	return &ri->vfs_inode;
}

static void ramfs_free_inode(struct inode *inode)
{
	kfree(RAMFS_I(inode)->target);
	kfree(RAMFS_I(inode));
}

/* ramfs_evict_inode: shared anonymous memory gives back its charge with its last user. */
static void ramfs_evict_inode(struct inode *inode)
{
	if (inode->i_data.acct_pages)
		vm_unacct_memory(inode->i_data.acct_pages);
}

static const struct super_operations ramfs_ops = {
	.alloc_inode = ramfs_alloc_inode,
	.evict_inode = ramfs_evict_inode,
	.free_inode = ramfs_free_inode,
};

static int ramfs_fill_super(struct super_block *sb)
{
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_op = &ramfs_ops;
	sb->s_root = ramfs_get_inode(sb, NULL, S_IFDIR | 0755, 0);
	return sb->s_root ? 0 : -ENOMEM;
}

const struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.fill_super = ramfs_fill_super,
};

/*
 * tmpfs is ramfs whose regular files are shmem: with an MMU their pages
 * are swap-backed, on the anonymous LRU lists, and go to swap under
 * pressure as Linux's tmpfs pages do; without one (as Linux's nommu,
 * where shmem is ramfs) they are ramfs pages.
 */
const struct file_system_type shmem_fs_type = {
	.name = "tmpfs",
	.fill_super = ramfs_fill_super,
};

/*
 * shmem_file_setup: an unlinked tmpfs file of size bytes, open read-write.
 * Shared anonymous memory is such a file, as on Linux: its pages live in
 * the file's page cache, so every process mapping it, before or after
 * fork, finds the same page.
 */
static struct super_block *shm_mnt;	/* the internal mount shared memory's files live on */

/* shmem_init: make shm_mnt at boot, as Linux does, so the first user does not pay for it. */
void shmem_init(void)
{
	struct super_block *sb = kern_mount(&shmem_fs_type);

	if (IS_ERR(sb))
		panic("shmem_init: cannot mount the shared memory file system (%ld)", PTR_ERR(sb));
	shm_mnt = sb;
}

struct file *shmem_file_setup(loff_t size, bool noreserve)
{
	struct inode *inode;
	struct file *file;
	int err;

	/* Charged whole, whether or not writable, as Linux's shmem_acct_size. */
	if (!noreserve && vm_enough_memory((long)(PAGE_ALIGN(size) >> PAGE_SHIFT)))
		return ERR_PTR(-ENOMEM);
	inode = ramfs_get_inode(shm_mnt, NULL, S_IFREG | 0600, 0);
	if (!inode) {
		if (!noreserve)
			vm_unacct_memory((long)(PAGE_ALIGN(size) >> PAGE_SHIFT));
		return ERR_PTR(-ENOMEM);
	}
	inode->i_size = size;
	inode->i_mapping->shmem = true;		/* without an MMU too: counted as Shmem */
	if (!noreserve)
		inode->i_mapping->acct_pages = (long)(PAGE_ALIGN(size) >> PAGE_SHIFT);
	file = alloc_empty_file(O_RDWR);
	if (IS_ERR(file)) {
		iput(inode);
		return file;
	}
	err = vfs_open(inode, file);
	iput(inode);		/* the file holds its own reference now */
	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}
