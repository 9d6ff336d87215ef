/*
 * include/namei.h: from path names to inodes (kernel/fs/namei.c).
 *
 * A path is walked one component at a time from "/" (absolute), from the
 * directory open on dfd, or from the current directory (AT_FDCWD).  "."
 * stays, ".." goes up (and out of a mounted file system onto the directory
 * it covers; ".." of "/" is "/"), a directory with a file system mounted
 * on it is replaced by that file system's root, and a symbolic link is
 * replaced by its target (always in the middle of a path, at the end only
 * with LOOKUP_FOLLOW).  A path ending in "/" must name a directory.
 */
#ifndef _RVMM_NAMEI_H
#define _RVMM_NAMEI_H

#include <fs.h>
#include <uaccess.h>

/*
 * filename: a path copied into the kernel.  System calls get one with
 * getname() from user memory; kernel code with getname_kernel().
 */
struct filename {
	const char *name;	/* points at iname */
	char iname[];
};

/* getname: copy a user path in (at most PATH_MAX bytes); ERR_PTR(-EFAULT, -ENAMETOOLONG, -ENOENT for ""). */
struct filename *getname(const char __user *filename);
/* getname_flags: as getname, but "" is allowed with LOOKUP_EMPTY. */
struct filename *getname_flags(const char __user *filename, unsigned int flags);
/* getname_kernel: the same from a kernel string; "" is allowed (the lookup refuses it). */
struct filename *getname_kernel(const char *filename);
/* putname: free a filename; ERR_PTR and NULL are ignored. */
void putname(struct filename *name);

/* Lookup flags */
#define LOOKUP_FOLLOW		0x0001	/* follow a symbolic link in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */
#define LOOKUP_EMPTY		0x4000	/* "" names the start directory itself (AT_EMPTY_PATH) */

/* What the last component of a path is, for callers that create or remove it. */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

#define MAXSYMLINKS	40	/* links followed in one lookup before ELOOP */

/* filename_lookup: the inode name leads to (referenced, in *res); 0 or -errno. */
int filename_lookup(int dfd, struct filename *name, unsigned int flags, struct inode **res);
/*
 * filename_parentat: walk all but the last component; the directory
 * (referenced) goes to *dir, the last component to *last (pointing into
 * name, followed by '/' if the path had a trailing slash) and its kind to
 * *type.  0 or -errno.
 */
int filename_parentat(int dfd, struct filename *name, struct inode **dir,
		      struct qstr *last, int *type);
/* kern_path: filename_lookup of a kernel string from AT_FDCWD. */
int kern_path(const char *name, unsigned int flags, struct inode **res);
/* lookup_one: name in dir, mounts crossed, symlinks not followed; referenced, or ERR_PTR. */
struct inode *lookup_one(struct inode *dir, const struct qstr *name);

/* The operations behind the system calls, after the name has been resolved. */
struct inode *vfs_create(struct inode *dir, const struct qstr *name, umode_t mode);
int vfs_mkdir(struct inode *dir, const struct qstr *name, umode_t mode);
int vfs_mknod(struct inode *dir, const struct qstr *name, umode_t mode, dev_t dev);
int vfs_unlink(struct inode *dir, const struct qstr *name, struct inode *victim);
int vfs_rmdir(struct inode *dir, const struct qstr *name, struct inode *victim);
int vfs_symlink(struct inode *dir, const struct qstr *name, const char *target);
int vfs_link(struct inode *old, struct inode *dir, const struct qstr *name);

/* renameat2(2) flags */
#define RENAME_NOREPLACE	(1 << 0)	/* fail with EEXIST if the new name is taken */
#define RENAME_EXCHANGE		(1 << 1)	/* swap the two names, both of which must exist */
#define RENAME_WHITEOUT		(1 << 2)	/* overlay file systems' */
#define AT_SYMLINK_FOLLOW	0x400		/* linkat: follow a link given as the old name */

/* do_mkdirat, do_mknodat, do_unlinkat, do_rmdir: the system calls on a copied name, which they putname. */
long do_mkdirat(int dfd, struct filename *name, umode_t mode);
long do_mknodat(int dfd, struct filename *name, umode_t mode, dev_t dev);
long do_unlinkat(int dfd, struct filename *name);
long do_rmdir(int dfd, struct filename *name);
/* do_symlinkat, do_linkat, do_renameat2: the same, putname'ing both names. */
long do_symlinkat(struct filename *from, int newdfd, struct filename *to);
long do_linkat(int olddfd, struct filename *old, int newdfd, struct filename *new, int flags);
long do_renameat2(int olddfd, struct filename *from, int newdfd, struct filename *to,
		  unsigned int flags);
/* do_faccessat: access(2) of a user path from dfd, as root; 0 or -errno. */
long do_faccessat(int dfd, const char __user *filename, int mode, int flags);
/* do_chdir: make name current's directory; putnames it. */
long do_chdir(struct filename *name);

/* do_filp_open: open name (not consumed) with open(2)'s flags and mode; the file or ERR_PTR. */
struct file *do_filp_open(int dfd, struct filename *name, int flags, umode_t mode);
/* do_sys_openat: do_filp_open on a new descriptor; fd or -errno (name not consumed). */
long do_sys_openat(int dfd, struct filename *name, int flags, umode_t mode);
/* filp_open: open a kernel path from "/" or the current directory; the file or ERR_PTR. */
struct file *filp_open(const char *filename, int flags, umode_t mode);
/* do_readlinkat: the target of the symbolic link name into to; bytes or -errno (name not consumed). */
long do_readlinkat(int dfd, struct filename *name, struct iov_iter *to);

#endif
