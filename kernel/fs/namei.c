/*
 * kernel/fs/namei.c: path lookup, and the system calls that make, move and
 * remove names: mkdirat, mknodat, symlinkat, linkat, renameat2, unlinkat
 * (with AT_REMOVEDIR, rmdir), chdir; and faccessat, umask.
 *
 * The walk keeps one referenced inode, the directory reached so far, and
 * takes the path one component at a time (see include/namei.h for the
 * rules).  Callers that create or remove a name walk to its parent
 * directory only and get the last component back to act on.
 *
 * rvmm has no permission checks yet: every task acts as root (uid 0), so
 * access(2) answers as Linux does for root: read and write always,
 * execute when some execute bit is set (directories are always searched).
 */
#include <err.h>
#include <errno.h>
#include <fs_struct.h>
#include <namei.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>

#define MAX_NESTED_LINKS	8	/* links inside links: bounds the recursion, hence the stack */

/* ---- copying names in ---- */

static struct filename *alloc_filename(const char *s, size_t len)
{
	struct filename *result = kmalloc(sizeof(*result) + len + 1, GFP_KERNEL);

	if (!result)
		return ERR_PTR(-ENOMEM);
	memcpy(result->iname, s, len);
	result->iname[len] = '\0';
	result->name = result->iname;
	return result;
}

struct filename *getname_flags(const char __user *filename, unsigned int flags)
{
	struct filename *result;
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(buf, filename, PATH_MAX);
	if (len < 0)
		result = ERR_PTR(len);
	else if (len == 0 && !(flags & LOOKUP_EMPTY))
		result = ERR_PTR(-ENOENT);
	else
		result = alloc_filename(buf, (size_t)len);
	kfree(buf);
	return result;
}

struct filename *getname(const char __user *filename)
{
	return getname_flags(filename, 0);
}

struct filename *getname_kernel(const char *filename)
{
	size_t len = strlen(filename);

	if (len >= PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	return alloc_filename(filename, len);
}

void putname(struct filename *name)
{
	if (!IS_ERR_OR_NULL(name))
		kfree(name);
}

/* ---- walking ---- */

struct nameidata {
	struct inode *inode;		/* where the walk is: referenced */
	struct qstr last;		/* the final component, once link_path_walk found it */
	int last_type;			/* LAST_* */
	unsigned int total_links;	/* symbolic links followed so far */
	unsigned int nesting;		/* links being followed inside other links */
};

static int walk_path(struct nameidata *nd, const char *path, unsigned int flags);

/* set_inode: move the walk to inode (whose reference it takes over). */
static void set_inode(struct nameidata *nd, struct inode *inode)
{
	iput(nd->inode);
	nd->inode = inode;
}

/* follow_mount: a directory with a file system mounted on it stands for that file system's root. */
static struct inode *follow_mount(struct inode *inode)
{
	while (inode->i_mounted) {
		struct inode *root = igrab(inode->i_mounted->s_root);

		iput(inode);
		inode = root;
	}
	return inode;
}

struct inode *lookup_one(struct inode *dir, const struct qstr *name)
{
	struct inode *inode;

	if (!S_ISDIR(dir->i_mode) || !dir->i_op->lookup)
		return ERR_PTR(-ENOTDIR);
	if (IS_DEADDIR(dir))
		return ERR_PTR(-ENOENT);
	inode = dir->i_op->lookup(dir, name);
	if (IS_ERR(inode))
		return inode;
	return follow_mount(inode);
}

static int component_type(const struct qstr *name)
{
	if (name->len == 1 && name->name[0] == '.')
		return LAST_DOT;
	if (name->len == 2 && name->name[0] == '.' && name->name[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

/*
 * follow_dotdot: go up.  From the root of a mounted file system, first
 * step onto the directory it covers (repeatedly, for stacked mounts), then
 * ask that file system for "..".  The root of the whole tree is its own
 * parent.
 */
static int follow_dotdot(struct nameidata *nd)
{
	static const struct qstr dotdot = { "..", 2 };
	struct inode *parent;

	while (nd->inode == nd->inode->i_sb->s_root) {
		struct inode *mountpoint = nd->inode->i_sb->s_mountpoint;

		if (!mountpoint)
			return 0;
		set_inode(nd, igrab(mountpoint));
	}
	parent = lookup_one(nd->inode, &dotdot);
	if (IS_ERR(parent))
		return (int)PTR_ERR(parent);
	set_inode(nd, parent);
	return 0;
}

/* follow_link: replace the walk's position by where link (found in nd->inode) leads. */
static int follow_link(struct nameidata *nd, struct inode *link)
{
	const char *target;
	char *buf;
	int err;

	if (++nd->total_links > MAXSYMLINKS || nd->nesting >= MAX_NESTED_LINKS)
		return -ELOOP;
	if (!link->i_op->get_link)
		return -EINVAL;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	target = link->i_op->get_link(link, buf, PATH_MAX);
	if (IS_ERR(target)) {
		err = (int)PTR_ERR(target);
		goto out;
	}
	if (!*target) {
		err = -ENOENT;
		goto out;
	}
	/* A relative target starts in the directory holding the link, where the walk is. */
	if (*target == '/')
		set_inode(nd, igrab(fs_root));
	nd->nesting++;
	err = walk_path(nd, target, LOOKUP_FOLLOW);
	nd->nesting--;
out:
	kfree(buf);
	return err;
}

/* walk_component: step from the directory nd->inode through name. */
static int walk_component(struct nameidata *nd, const struct qstr *name, int type, bool follow)
{
	struct inode *inode;

	if (!S_ISDIR(nd->inode->i_mode))
		return -ENOTDIR;
	if (type == LAST_DOT)
		return 0;
	if (type == LAST_DOTDOT)
		return follow_dotdot(nd);
	inode = lookup_one(nd->inode, name);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	if (S_ISLNK(inode->i_mode) && follow) {
		int err = follow_link(nd, inode);

		iput(inode);
		return err;
	}
	set_inode(nd, inode);
	return 0;
}

/*
 * link_path_walk: walk every component of name but the last, which is
 * left in nd->last (LAST_ROOT when name is only slashes).
 */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	while (*name == '/')
		name++;
	if (!*name) {
		nd->last.name = name;
		nd->last.len = 0;
		nd->last_type = LAST_ROOT;
		return 0;
	}
	for (;;) {
		struct qstr this = { name, 0 };
		int type, err;

		while (name[this.len] && name[this.len] != '/')
			this.len++;
		if (this.len > NAME_MAX)
			return -ENAMETOOLONG;
		type = component_type(&this);
		name += this.len;
		while (*name == '/')
			name++;
		if (!*name) {
			nd->last = this;
			nd->last_type = type;
			return 0;
		}
		err = walk_component(nd, &this, type, true);
		if (err)
			return err;
	}
}

/* walk_path: walk all of path, the last component included. */
static int walk_path(struct nameidata *nd, const char *path, unsigned int flags)
{
	struct qstr last;
	bool slash;
	int err = link_path_walk(path, nd);

	if (err)
		return err;
	if (nd->last_type == LAST_ROOT)
		return 0;
	last = nd->last;
	/* A trailing slash asks for a directory: a link there is followed to find out. */
	slash = last.name[last.len] == '/';
	err = walk_component(nd, &last, nd->last_type, (flags & LOOKUP_FOLLOW) || slash);
	if (err)
		return err;
	if ((slash || (flags & LOOKUP_DIRECTORY)) && !S_ISDIR(nd->inode->i_mode))
		return -ENOTDIR;
	return 0;
}

/* path_init: where a walk of name starts. */
static int path_init(struct nameidata *nd, int dfd, const char *name)
{
	struct file *file;
	struct inode *inode;

	memset(nd, 0, sizeof(*nd));
	if (*name == '/') {
		nd->inode = igrab(fs_root);
		return 0;
	}
	if (dfd == AT_FDCWD) {
		nd->inode = igrab(current->fs->pwd ? current->fs->pwd : fs_root);
		return 0;
	}
	file = fget((unsigned int)dfd);
	if (!file)
		return -EBADF;
	inode = file_inode(file);
	/* With an empty name (AT_EMPTY_PATH) the fd itself is the answer, whatever it is. */
	if (*name && !S_ISDIR(inode->i_mode)) {
		fput(file);
		return -ENOTDIR;
	}
	nd->inode = igrab(inode);
	fput(file);
	return 0;
}

int filename_lookup(int dfd, struct filename *name, unsigned int flags, struct inode **res)
{
	struct nameidata nd;
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	if (!*name->name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(&nd, dfd, name->name);
	if (err)
		return err;
	if (*name->name)
		err = walk_path(&nd, name->name, flags);
	if (err) {
		iput(nd.inode);
		return err;
	}
	*res = nd.inode;
	return 0;
}

int filename_parentat(int dfd, struct filename *name, struct inode **dir,
		      struct qstr *last, int *type)
{
	struct nameidata nd;
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	if (!*name->name)
		return -ENOENT;
	err = path_init(&nd, dfd, name->name);
	if (err)
		return err;
	err = link_path_walk(name->name, &nd);
	if (err) {
		iput(nd.inode);
		return err;
	}
	*dir = nd.inode;
	*last = nd.last;
	*type = nd.last_type;
	return 0;
}

int kern_path(const char *name, unsigned int flags, struct inode **res)
{
	struct filename *filename = getname_kernel(name);
	int err = filename_lookup(AT_FDCWD, filename, flags, res);

	putname(filename);
	return err;
}

/* ---- operations on names ---- */

struct inode *vfs_create(struct inode *dir, const struct qstr *name, umode_t mode)
{
	if (IS_DEADDIR(dir))
		return ERR_PTR(-ENOENT);
	if (!dir->i_op->create)
		return ERR_PTR(-EACCES);
	return dir->i_op->create(dir, name, (mode & S_IALLUGO) | S_IFREG);
}

int vfs_mkdir(struct inode *dir, const struct qstr *name, umode_t mode)
{
	if (IS_DEADDIR(dir))
		return -ENOENT;
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, name, (mode & (S_IRWXUGO | S_ISVTX)) | S_IFDIR);
}

int vfs_mknod(struct inode *dir, const struct qstr *name, umode_t mode, dev_t dev)
{
	if (IS_DEADDIR(dir))
		return -ENOENT;
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, name, mode, dev);
}

/* is_busy: a mount point or the root of a file system cannot be removed. */
static bool is_busy(const struct inode *inode)
{
	return inode->i_mounted || inode == inode->i_sb->s_root;
}

int vfs_unlink(struct inode *dir, const struct qstr *name, struct inode *victim)
{
	if (is_busy(victim))
		return -EBUSY;
	if (!dir->i_op->unlink)
		return -EPERM;
	return dir->i_op->unlink(dir, name, victim);
}

int vfs_rmdir(struct inode *dir, const struct qstr *name, struct inode *victim)
{
	if (!S_ISDIR(victim->i_mode))
		return -ENOTDIR;
	if (is_busy(victim))
		return -EBUSY;
	if (!dir->i_op->rmdir)
		return -EPERM;
	return dir->i_op->rmdir(dir, name, victim);
}

/*
 * filename_create: resolve name for creating it: the parent directory
 * (referenced) in *dirp and the new name in *last, or -EEXIST if it is
 * taken.  A trailing slash is only allowed for a directory.
 */
static int filename_create(int dfd, struct filename *name, bool is_dir,
			   struct inode **dirp, struct qstr *last)
{
	struct inode *dir, *existing;
	int type, err;

	err = filename_parentat(dfd, name, &dir, last, &type);
	if (err)
		return err;
	if (type != LAST_NORM) {
		err = -EEXIST;
		goto fail;
	}
	existing = lookup_one(dir, last);
	if (!IS_ERR(existing)) {
		iput(existing);
		err = -EEXIST;
		goto fail;
	}
	err = (int)PTR_ERR(existing);
	if (err != -ENOENT)
		goto fail;
	if (!is_dir && last->name[last->len] == '/') {
		err = -ENOENT;
		goto fail;
	}
	*dirp = dir;
	return 0;

fail:
	iput(dir);
	return err;
}

long do_mkdirat(int dfd, struct filename *name, umode_t mode)
{
	struct inode *dir;
	struct qstr last;
	int err = filename_create(dfd, name, true, &dir, &last);

	if (!err) {
		err = vfs_mkdir(dir, &last, mode);
		iput(dir);
	}
	putname(name);
	return err;
}

/* may_mknod: the kinds of node mknod makes (a type of 0 means a regular file). */
static int may_mknod(umode_t mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

long do_mknodat(int dfd, struct filename *name, umode_t mode, dev_t dev)
{
	struct inode *dir, *inode;
	struct qstr last;
	int err = may_mknod(mode);

	if (err)
		goto out;
	err = filename_create(dfd, name, false, &dir, &last);
	if (err)
		goto out;
	if ((mode & S_IFMT) == 0 || S_ISREG(mode)) {
		inode = vfs_create(dir, &last, mode);
		if (IS_ERR(inode))
			err = (int)PTR_ERR(inode);
		else
			iput(inode);
	} else {
		err = vfs_mknod(dir, &last, (mode & S_IFMT) | (mode & S_IALLUGO), dev);
	}
	iput(dir);
out:
	putname(name);
	return err;
}

long do_unlinkat(int dfd, struct filename *name)
{
	struct inode *dir, *victim;
	struct qstr last;
	int type, err;

	err = filename_parentat(dfd, name, &dir, &last, &type);
	if (err)
		goto out;
	if (type != LAST_NORM) {
		err = -EISDIR;
		goto out_dir;
	}
	victim = lookup_one(dir, &last);
	if (IS_ERR(victim)) {
		err = (int)PTR_ERR(victim);
		goto out_dir;
	}
	if (last.name[last.len] == '/')		/* "file/" names a directory that is not there */
		err = S_ISDIR(victim->i_mode) ? -EISDIR : -ENOTDIR;
	else if (S_ISDIR(victim->i_mode))
		err = -EISDIR;
	else
		err = vfs_unlink(dir, &last, victim);
	iput(victim);
out_dir:
	iput(dir);
out:
	putname(name);
	return err;
}

long do_rmdir(int dfd, struct filename *name)
{
	struct inode *dir, *victim;
	struct qstr last;
	int type, err;

	err = filename_parentat(dfd, name, &dir, &last, &type);
	if (err)
		goto out;
	switch (type) {
	case LAST_DOTDOT:
		err = -ENOTEMPTY;
		goto out_dir;
	case LAST_DOT:
		err = -EINVAL;
		goto out_dir;
	case LAST_ROOT:
		err = -EBUSY;
		goto out_dir;
	}
	victim = lookup_one(dir, &last);
	if (IS_ERR(victim)) {
		err = (int)PTR_ERR(victim);
		goto out_dir;
	}
	err = vfs_rmdir(dir, &last, victim);
	iput(victim);
out_dir:
	iput(dir);
out:
	putname(name);
	return err;
}

long do_chdir(struct filename *name)
{
	struct inode *inode;
	int err = filename_lookup(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &inode);

	if (!err) {
		set_fs_pwd(current->fs, inode);
	}
	putname(name);
	return err;
}

/* ---- links, renames, access ---- */

int vfs_symlink(struct inode *dir, const struct qstr *name, const char *target)
{
	if (IS_DEADDIR(dir))
		return -ENOENT;
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, name, target);
}

long do_symlinkat(struct filename *from, int newdfd, struct filename *to)
{
	struct inode *dir;
	struct qstr last;
	int err;

	if (IS_ERR(from)) {
		err = (int)PTR_ERR(from);
		goto out;
	}
	err = filename_create(newdfd, to, false, &dir, &last);
	if (!err) {
		err = vfs_symlink(dir, &last, from->name);
		iput(dir);
	}
out:
	putname(from);
	putname(to);
	return err;
}

int vfs_link(struct inode *old, struct inode *dir, const struct qstr *name)
{
	if (dir->i_sb != old->i_sb)
		return -EXDEV;
	if (S_ISDIR(old->i_mode))
		return -EPERM;		/* no hard links to directories */
	if (IS_DEADDIR(dir))
		return -ENOENT;
	if (!dir->i_op->link)
		return -EPERM;
	/* A file already unlinked (open, nlink 0) cannot get a name back (Linux, without O_TMPFILE). */
	if (!old->i_nlink)
		return -ENOENT;
	return dir->i_op->link(old, dir, name);
}

long do_linkat(int olddfd, struct filename *old, int newdfd, struct filename *new, int flags)
{
	struct inode *inode, *dir;
	struct qstr last;
	unsigned int how = 0;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) {
		err = -EINVAL;
		goto out;
	}
	if (flags & AT_SYMLINK_FOLLOW)
		how |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	err = filename_lookup(olddfd, old, how, &inode);
	if (err)
		goto out;
	err = filename_create(newdfd, new, false, &dir, &last);
	if (!err) {
		err = vfs_link(inode, dir, &last);
		iput(dir);
	}
	iput(inode);
out:
	putname(old);
	putname(new);
	return err;
}

/* is_ancestor: is dir, or a directory above it (up to the root of the whole tree), a? */
static bool is_ancestor(struct inode *a, struct inode *dir)
{
	static const struct qstr dotdot = { "..", 2 };
	struct inode *inode = igrab(dir);
	bool found = false;

	for (;;) {
		struct inode *parent;

		if (inode == a) {
			found = true;
			break;
		}
		if (inode == fs_root)
			break;
		/* Out of a mounted file system, onto the directory it covers. */
		if (inode == inode->i_sb->s_root) {
			parent = igrab(inode->i_sb->s_mountpoint);
		} else {
			parent = lookup_one(inode, &dotdot);
			if (IS_ERR(parent))
				break;
		}
		iput(inode);
		inode = parent;
	}
	iput(inode);
	return found;
}

/*
 * may_rename: Linux's rules for moving old (in old_dir) onto new (in
 * new_dir, NULL if the name is free), after the lookups.
 */
static int may_rename(struct inode *old_dir, struct inode *old, struct inode *new_dir,
		      struct inode *new, unsigned int flags)
{
	bool exchange = flags & RENAME_EXCHANGE;

	if (is_busy(old) || (new && is_busy(new)))
		return -EBUSY;
	/* A directory cannot go into itself or below; the target cannot be above the source. */
	if (S_ISDIR(old->i_mode) && is_ancestor(old, new_dir))
		return -EINVAL;
	if (new && S_ISDIR(new->i_mode) && is_ancestor(new, old_dir))
		return exchange ? -EINVAL : -ENOTEMPTY;
	if (!new || exchange)
		return 0;
	if (S_ISDIR(old->i_mode) && !S_ISDIR(new->i_mode))
		return -ENOTDIR;
	if (!S_ISDIR(old->i_mode) && S_ISDIR(new->i_mode))
		return -EISDIR;
	return 0;
}

long do_renameat2(int olddfd, struct filename *from, int newdfd, struct filename *to,
		  unsigned int flags)
{
	struct inode *old_dir = NULL, *new_dir = NULL, *old = NULL, *new = NULL;
	struct qstr old_last, new_last;
	int old_type, new_type, err;
	bool old_slash, new_slash;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) {
		err = -EINVAL;
		goto out;
	}
	/* Whiteouts are for overlay file systems, which ramfs does not serve (simple_rename's answer). */
	if ((flags & RENAME_NOREPLACE && flags & RENAME_EXCHANGE) || (flags & RENAME_WHITEOUT)) {
		err = -EINVAL;
		goto out;
	}
	err = filename_parentat(olddfd, from, &old_dir, &old_last, &old_type);
	if (err)
		goto out;
	err = filename_parentat(newdfd, to, &new_dir, &new_last, &new_type);
	if (err)
		goto out;
	err = -EXDEV;
	if (old_dir->i_sb != new_dir->i_sb)
		goto out;
	err = -EBUSY;
	if (old_type != LAST_NORM)
		goto out;
	if (new_type != LAST_NORM) {
		err = flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
		goto out;
	}
	old_slash = old_last.name[old_last.len] == '/';
	new_slash = new_last.name[new_last.len] == '/';
	old = lookup_one(old_dir, &old_last);
	if (IS_ERR(old)) {
		err = (int)PTR_ERR(old);
		old = NULL;
		goto out;
	}
	new = lookup_one(new_dir, &new_last);
	if (IS_ERR(new)) {
		err = (int)PTR_ERR(new);
		new = NULL;
		if (err != -ENOENT || (flags & RENAME_EXCHANGE))
			goto out;
	}
	err = -EEXIST;
	if (new && (flags & RENAME_NOREPLACE))
		goto out;
	/* "name/" must be a directory; for a plain rename so must the target's source. */
	err = -ENOTDIR;
	if ((old_slash && !S_ISDIR(old->i_mode)) ||
	    (new_slash && !(flags & RENAME_EXCHANGE) && !S_ISDIR(old->i_mode)) ||
	    (new_slash && new && !S_ISDIR(new->i_mode)))
		goto out;
	/* The same file under both names (the same entry, or two hard links): nothing to do. */
	err = 0;
	if (old == new)
		goto out;
	err = may_rename(old_dir, old, new_dir, new, flags);
	if (err)
		goto out;
	err = -EPERM;
	if (!old_dir->i_op->rename || IS_DEADDIR(new_dir))
		goto out;
	err = old_dir->i_op->rename(old_dir, &old_last, new_dir, &new_last, flags);
out:
	iput(new);
	iput(old);
	iput(new_dir);
	iput(old_dir);
	putname(from);
	putname(to);
	return err;
}

/* Linux's access(2) modes and faccessat2's flags */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4
#define AT_EACCESS	0x200

long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	struct inode *inode;
	unsigned int how = LOOKUP_FOLLOW;
	int err;

	if (mode & ~(MAY_READ | MAY_WRITE | MAY_EXEC))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		how = 0;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	{
		struct filename *name = getname_flags(filename, how & LOOKUP_EMPTY);

		err = filename_lookup(dfd, name, how, &inode);
		putname(name);
	}
	if (err)
		return err;
	/* Root reads and writes anything; it executes a file only if someone may. */
	if ((mode & MAY_EXEC) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & S_IXUGO))
		err = -EACCES;
	iput(inode);
	return err;
}

/* ---- system calls ---- */

long sys_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	return do_mkdirat(dfd, getname(pathname), mode & ~current->fs->umask);
}

long sys_mknodat(int dfd, const char __user *filename, umode_t mode, unsigned int dev)
{
	/* The type bits stay; only the permission bits lose the umask's. */
	return do_mknodat(dfd, getname(filename), mode & ~(current->fs->umask & S_IALLUGO),
			  new_decode_dev(dev));
}

long sys_umask(int mask)
{
	unsigned int old = current->fs->umask;

	current->fs->umask = (unsigned int)mask & S_IRWXUGO;
	return old;
}

long sys_unlinkat(int dfd, const char __user *pathname, int flag)
{
	if ((flag & ~AT_REMOVEDIR) != 0)
		return -EINVAL;
	if (flag & AT_REMOVEDIR)
		return do_rmdir(dfd, getname(pathname));
	return do_unlinkat(dfd, getname(pathname));
}

long sys_chdir(const char __user *filename)
{
	return do_chdir(getname(filename));
}

long sys_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	return do_symlinkat(getname(oldname), newdfd, getname(newname));
}

long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags)
{
	unsigned int how = (flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0;

	return do_linkat(olddfd, getname_flags(oldname, how), newdfd, getname(newname), flags);
}

long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags)
{
	return do_renameat2(olddfd, getname(oldname), newdfd, getname(newname), flags);
}

long sys_faccessat(int dfd, const char __user *filename, int mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}
