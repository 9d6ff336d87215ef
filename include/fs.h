/*
 * include/fs.h: the virtual file system (VFS).
 *
 * The objects are Linux's: an inode is a file (its type, size, links and
 * the page cache holding its data), a file is one open of an inode (a
 * position and the open flags), a super_block is one mounted file system,
 * and a files_struct is a process's table of file descriptors.  rvmm has no
 * dentry cache: directories are the file system's own business, reached
 * through inode_operations->lookup, and a mount is recorded on the inode
 * of the directory it covers (i_mounted).
 *
 * The first part of this header is the user ABI: constants and structures
 * that programs built against glibc for riscv64 use, with Linux's values
 * (asm-generic, which riscv64 follows).
 *
 * Concurrency: rvmm runs one hart and the kernel is not preempted, so the
 * VFS changes state only between the points where a task may sleep (the
 * wait_event_interruptible calls in pipes and the console).  No VFS
 * structure has a lock; SMP would need Linux's i_rwsem, files->file_lock
 * and the page cache's xa_lock.
 */
#ifndef _RVMM_FS_H
#define _RVMM_FS_H

#include <list.h>
#include <radix_tree.h>
#include <types.h>

typedef long long loff_t;	/* a byte position in a file */
typedef long off_t;		/* lseek(2)'s and ftruncate(2)'s offset (64 bits on rv64) */
typedef unsigned short umode_t;	/* file type and permission bits */
typedef u32 dev_t;		/* device number, MKDEV(major, minor) */
typedef unsigned int fmode_t;	/* FMODE_* */
typedef long ssize_t;		/* a byte count or a negative error */
typedef unsigned long pgoff_t;	/* a position in a file, in pages */

/* ---- User ABI (Linux riscv64) ---- */

/* open(2) flags, in octal as Linux's asm-generic/fcntl.h */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_PATH		010000000
#define __O_TMPFILE	020000000

/* *at() calls: the directory fd meaning "the current directory", and flags */
#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_FORCE_SYNC	0x2000	/* network file systems: rvmm has none, so both */
#define AT_STATX_DONT_SYNC	0x4000	/* are accepted and change nothing */

/* lseek(2) whence */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

/* File types and permission bits (st_mode), in octal */
#define S_IFMT		00170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU		00700
#define S_IRUSR		00400
#define S_IWUSR		00200
#define S_IXUSR		00100
#define S_IRWXG		00070
#define S_IRWXO		00007
#define S_IRWXUGO	(S_IRWXU | S_IRWXG | S_IRWXO)
#define S_IALLUGO	(S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO)
#define S_IRUGO		00444
#define S_IWUGO		00222
#define S_IXUGO		00111

/*
 * struct stat as fstat(2) and newfstatat(2) fill it on riscv64
 * (asm-generic/stat.h): 128 bytes, with st_dev and st_rdev in the
 * "new" encoding (new_encode_dev below).
 */
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned long st_rdev;
	unsigned long __pad1;
	long st_size;
	int st_blksize;
	int __pad2;
	long st_blocks;		/* in 512-byte units */
	long st_atime;
	unsigned long st_atime_nsec;
	long st_mtime;
	unsigned long st_mtime_nsec;
	long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned int __unused4;
	unsigned int __unused5;
};
BUILD_BUG_ON(sizeof(struct stat) != 128);
BUILD_BUG_ON(__builtin_offsetof(struct stat, st_size) != 48);
BUILD_BUG_ON(__builtin_offsetof(struct stat, st_blocks) != 64);

/*
 * One record of getdents64(2).  Records are packed one after another,
 * each d_reclen bytes long (a multiple of 8); d_off is the position to
 * give lseek to resume after this entry.
 */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;	/* DT_*: the S_IF* type shifted right by 12 */
	char d_name[];		/* NUL-terminated */
};
BUILD_BUG_ON(__builtin_offsetof(struct linux_dirent64, d_name) != 19);

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

static inline unsigned char fs_umode_to_dtype(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

#define NAME_MAX	255	/* bytes in one path component */
#define PATH_MAX	4096	/* bytes in a path, NUL included */
#define PIPE_BUF	4096	/* writes up to this size to a pipe are atomic */

/* ---- Device numbers ---- */

/*
 * Inside the kernel a dev_t keeps 12 bits of major and 20 of minor.  User
 * space sees the "new" encoding (what glibc's major() and minor() undo):
 * minor bits 0-7, major bits 8-19, minor bits 8-19 at bits 20-31.
 */
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (dev_t)(mi))
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))

static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

/* ---- The page cache of one file ---- */

/*
 * address_space: the pages holding a file's data, found by their index
 * (offset / PAGE_SIZE) in a radix tree.  Each page is a buddy-allocator page
 * with page->mapping pointing here and page->index its index; the cache
 * holds one reference to it.  mm/filemap.c and include/pagemap.h.  A
 * shmem file's page that reclaim wrote to swap leaves i_pages for its swap
 * entry in i_swap (Linux keeps both in one tree, the entries as values).
 */
struct address_space {
	struct inode *host;		/* the file these pages belong to */
	struct radix_tree_root i_pages;	/* index -> struct page */
	unsigned long nrpages;		/* pages in i_pages */
	bool shmem;			/* shared anonymous memory: counted as Shmem, RssShmem */
	bool unevictable;		/* nowhere to write its pages: reclaim leaves them (AS_UNEVICTABLE) */
	long acct_pages;		/* shared anonymous memory: pages charged to Committed_AS */
	struct list_head i_mmap;	/* the VMAs mapping this file (vm_area_struct.shared) */
	/* shmem only (mm/shmem.c): pages written out to swap, index -> swp_entry_t value */
	struct radix_tree_root i_swap;
	unsigned long nrswapped;	/* entries in i_swap */
	struct list_head swaplist;	/* on shmem_swaplist while nrswapped: what swapoff visits */
};

/* ---- Inodes ---- */

struct file;
struct iov_iter;
struct super_block;
struct dir_context;

/* A name inside a directory: not NUL-terminated, len bytes. */
struct qstr {
	const char *name;
	unsigned int len;
};

/* What setattr changes: ia_valid says which fields mean something. */
#define ATTR_MODE	(1 << 0)
#define ATTR_SIZE	(1 << 3)

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	loff_t ia_size;
};

/*
 * inode_operations: what a file system does with names in a directory
 * and with the inode itself.  Missing operations are refused by the VFS
 * with Linux's errors (a directory without create gives EACCES, without
 * mkdir/mknod/unlink/rmdir EPERM).  Functions returning an inode return
 * it with a reference the caller must iput, or ERR_PTR(-errno).  The VFS
 * has checked the name is free (create, mkdir, mknod) or names victim
 * (unlink, rmdir) before calling.
 */
struct inode_operations {
	struct inode *(*lookup)(struct inode *dir, const struct qstr *name);
	struct inode *(*create)(struct inode *dir, const struct qstr *name, umode_t mode);
	int (*mkdir)(struct inode *dir, const struct qstr *name, umode_t mode);
	int (*mknod)(struct inode *dir, const struct qstr *name, umode_t mode, dev_t dev);
	int (*unlink)(struct inode *dir, const struct qstr *name, struct inode *victim);
	int (*rmdir)(struct inode *dir, const struct qstr *name, struct inode *victim);
	int (*setattr)(struct inode *inode, const struct iattr *attr);
	/* symlink: a symbolic link to target named name in dir */
	int (*symlink)(struct inode *dir, const struct qstr *name, const char *target);
	/* link: another name for old, in dir (the VFS has checked it is free and not a directory) */
	int (*link)(struct inode *old, struct inode *dir, const struct qstr *name);
	/*
	 * rename: move old_name of old_dir to new_name of new_dir, replacing
	 * what is there, or with RENAME_EXCHANGE swap the two; the VFS has
	 * checked Linux's rules (types, emptiness aside, ancestry, busy).
	 */
	int (*rename)(struct inode *old_dir, const struct qstr *old_name,
		      struct inode *new_dir, const struct qstr *new_name, unsigned int flags);
	/* get_link: a symbolic link's target, written into buf (size bytes) or static; ERR_PTR on failure. */
	const char *(*get_link)(struct inode *inode, char *buf, size_t size);
};

/*
 * file_operations: what an open file does.  read and write move bytes
 * between the file at *pos and an iov_iter (user or kernel memory) and
 * advance *pos; they return the bytes moved or -errno.  Stream files
 * (pipes, terminals) ignore pos.  iterate lists a directory (getdents64).
 * open, when present, runs as the file is opened and may replace f_op
 * (character devices do); release runs when the last reference to the
 * file is gone.
 *
 * Memory mappings will add `int (*mmap)(struct file *, struct
 * vm_area_struct *)` here.  Every table is written with designated
 * initializers, so a new member is NULL wherever nobody sets it, and a
 * NULL mmap will mean ENODEV as in Linux.
 */
struct vm_area_struct;

struct file_operations {
	int (*open)(struct inode *inode, struct file *file);
	ssize_t (*read)(struct file *file, struct iov_iter *to, loff_t *pos);
	ssize_t (*write)(struct file *file, struct iov_iter *from, loff_t *pos);
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	int (*iterate)(struct file *file, struct dir_context *ctx);
	/* mmap: may vma map this file?  0 or -errno; none at all: the file cannot be mapped (ENODEV) */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	/*
	 * Without an MMU only (mm/nommu.c), as Linux's: what a mapping of
	 * this file may be (NOMMU_MAP_*; none: regular files can only be
	 * copied), and where its pages already are, for a direct mapping of
	 * [pgoff, pgoff+len): the address, or -ENOSYS when they are not one
	 * contiguous run (then a private mapping copies).
	 */
	unsigned int (*mmap_capabilities)(struct file *file);
	long (*get_unmapped_area)(struct file *file, unsigned long len, unsigned long pgoff);
	int (*release)(struct inode *inode, struct file *file);
	/* unlocked_ioctl: a device's ioctl(2) (none: ENOTTY, "not a typewriter") */
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/* fsync: write [start, end] of the file back (datasync: the data only); none: EINVAL */
	int (*fsync)(struct file *file, loff_t start, loff_t end, int datasync);
};

/* mmap_capabilities: what a no-MMU mapping of a file may do (Linux's NOMMU_MAP_*) */
#define NOMMU_MAP_COPY		0x00000001	/* a private mapping may copy the file */
#define NOMMU_MAP_DIRECT	0x00000008	/* the file's own pages may be mapped */
#define NOMMU_MAP_READ		0x00000010	/* = VM_MAYREAD */
#define NOMMU_MAP_WRITE		0x00000020	/* = VM_MAYWRITE */
#define NOMMU_MAP_EXEC		0x00000040	/* = VM_MAYEXEC */
#define NOMMU_VMFLAGS		(NOMMU_MAP_READ | NOMMU_MAP_WRITE | NOMMU_MAP_EXEC)

/* Inode flags (i_flags) */
#define S_DEAD		(1 << 0)	/* a removed directory: nothing can be looked up or created in it */

/*
 * inode: one file.  It lives as long as someone holds a reference
 * (i_count): a directory entry naming it, an open file, a task's current
 * directory, a mount.  rvmm keeps no inode cache, so the last iput
 * evicts it: its page cache goes back to the buddy allocator and the file
 * system frees what it hung on it.
 */
struct inode {
	umode_t i_mode;			/* S_IF* type and permission bits */
	unsigned int i_flags;		/* S_DEAD */
	unsigned int i_nlink;		/* names in directories (2 + subdirectories for a directory) */
	int i_count;			/* references */
	unsigned long i_ino;		/* number, unique within the super block */
	loff_t i_size;			/* bytes */
	dev_t i_rdev;			/* a device: which one */
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;	/* becomes file->f_op at open */
	struct address_space *i_mapping;	/* where the data is cached: &i_data */
	struct address_space i_data;
	struct super_block *i_mounted;	/* a directory: the file system mounted on it, or NULL */
	void *i_private;		/* the file system's or driver's */
};

/* ---- Super blocks and mounts ---- */

struct super_operations {
	/* alloc_inode/free_inode: a file system embedding struct inode in its own */
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*free_inode)(struct inode *inode);
	/* evict_inode: the last reference is gone (the page cache is already empty) */
	void (*evict_inode)(struct inode *inode);
};

/* super_block: one mounted file system. */
struct super_block {
	dev_t s_dev;			/* st_dev of its files: an anonymous device 0:N */
	loff_t s_maxbytes;		/* largest file size */
	struct inode *s_root;		/* its root directory (referenced) */
	struct inode *s_mountpoint;	/* the directory it covers; NULL for the root file system */
	const struct super_operations *s_op;
	const struct file_system_type *s_type;
	unsigned long s_next_ino;	/* get_next_ino */
	void *s_fs_info;
};

/* file_system_type: a kind of file system; fill_super sets s_root, s_op and s_maxbytes. */
struct file_system_type {
	const char *name;
	int (*fill_super)(struct super_block *sb);
};

/*
 * Largest file: page->index is 32 bits, so a page cache holds 2^32 pages
 * (16 TiB of file).
 */
#define MAX_LFS_FILESIZE	((loff_t)1 << (32 + 12))

/* fs_root: the root directory of the whole tree ("/"). */
extern struct inode *fs_root;

/* kern_mount: a new instance of type mounted nowhere (pipefs), or ERR_PTR. */
struct super_block *kern_mount(const struct file_system_type *type);
/* vfs_kern_mount: mount a new instance of type on the directory at path. 0 or -errno. */
int vfs_kern_mount(const struct file_system_type *type, const char *path);
/* vfs_init: the root ramfs with /dev (console, null), /proc and /tmp; current's cwd is "/". */
void vfs_init(void);

/* ---- Inodes (kernel/fs/inode.c) ---- */

/* new_inode: a fresh inode of sb with one reference and one link, or NULL. */
struct inode *new_inode(struct super_block *sb);
/* iput: drop a reference; the last one evicts the inode. NULL is fine. */
void iput(struct inode *inode);
/* igrab: take another reference; returns inode. */
struct inode *igrab(struct inode *inode);
/* get_next_ino: a new inode number for sb. */
unsigned long get_next_ino(struct super_block *sb);
/* init_special_inode: make inode a device, FIFO or socket node (opens go to the driver). */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
/* inode_newsize_ok: may inode become offset bytes long? 0 or -EFBIG. */
int inode_newsize_ok(const struct inode *inode, loff_t offset);
/* simple_setattr: setattr for a file system whose data is only its page cache. */
int simple_setattr(struct inode *inode, const struct iattr *attr);

static inline bool IS_DEADDIR(const struct inode *inode)
{
	return inode->i_flags & S_DEAD;
}

/* ---- Open files ---- */

/* f_mode: what this open may do (Linux's values) */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_OPENED	0x80000		/* f_op->open succeeded: release must run */

/* file: one open of an inode, shared by dup'ed descriptors and across fork. */
struct file {
	struct inode *f_inode;		/* referenced */
	struct address_space *f_mapping; /* the inode's page cache */
	const struct file_operations *f_op;
	loff_t f_pos;
	unsigned int f_flags;		/* O_* as opened, less O_CREAT/O_EXCL/O_NOCTTY/O_TRUNC/O_CLOEXEC */
	fmode_t f_mode;			/* FMODE_* */
	int f_count;			/* references: descriptors, and fget callers */
	void *private_data;		/* the driver's */
	char *f_name;			/* the path it was opened by, for /proc/<pid>/maps; may be NULL */
};

/* alloc_empty_file: a struct file with one reference, f_flags and f_mode set from flags; ERR_PTR on failure. */
struct file *alloc_empty_file(int flags);
/* fget: the file open on fd with a new reference, or NULL. */
struct file *fget(unsigned int fd);
/* fput: drop a reference; the last one releases the file and its inode. */
void fput(struct file *file);

static inline struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/* vfs_open: open inode into file (from alloc_empty_file): ops, page cache, ->open. 0 or -errno. */
int vfs_open(struct inode *inode, struct file *file);
/* do_truncate: set inode's size (the page cache past it goes); 0 or -errno. */
int do_truncate(struct inode *inode, loff_t length);

/* ---- Descriptor tables (kernel/fs/file_table.c) ---- */

#define BITS_PER_LONG	64
#define NR_OPEN_DEFAULT	BITS_PER_LONG	/* descriptors a table holds before it grows */
#define NR_OPEN_MAX	1024		/* RLIMIT_NOFILE's default soft limit: fds 0..1023 */

/*
 * files_struct: a task's file descriptors.  fd[n] is the file open on n;
 * open_fds marks descriptors in use (also those reserved by
 * get_unused_fd_flags but not yet installed); close_on_exec marks those
 * exec closes.  The first NR_OPEN_DEFAULT slots live in the struct; a
 * larger table is kmalloc'ed when a descriptor above them is needed.
 * Shared between tasks by clone(CLONE_FILES) through count.
 */
struct files_struct {
	int count;
	unsigned int max_fds;		/* size of fd[] and of the bitmaps, in descriptors */
	unsigned int next_fd;		/* no free descriptor below this */
	struct file **fd;
	unsigned long *open_fds;
	unsigned long *close_on_exec;
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long open_fds_init[1];
	unsigned long close_on_exec_init[1];
};

/* init_files: the boot task's table (and kernel threads'). */
extern struct files_struct init_files;

/* get_unused_fd_flags: reserve the lowest free descriptor (close-on-exec if O_CLOEXEC); fd or -EMFILE. */
int get_unused_fd_flags(unsigned int flags);
/* put_unused_fd: give back a reserved descriptor that never got a file. */
void put_unused_fd(unsigned int fd);
/* fd_install: put file (its reference passes to the table) on the reserved fd. */
void fd_install(unsigned int fd, struct file *file);
/* close_fd: close current's fd; 0 or -EBADF. */
int close_fd(unsigned int fd);
/* alloc_files_struct: an empty table with one reference, or NULL. */
struct files_struct *alloc_files_struct(void);
/* dup_fd: a copy of oldf for fork (every open file gains a reference), or NULL. */
struct files_struct *dup_fd(struct files_struct *oldf);
/* put_files_struct: drop a reference; the last one closes every file (exit). */
void put_files_struct(struct files_struct *files);
/* do_close_on_exec: close the descriptors marked close-on-exec (exec). */
void do_close_on_exec(struct files_struct *files);
/* f_dupfd: file on the lowest free descriptor >= from (O_CLOEXEC in flags); fd, -EINVAL or -EMFILE. */
int f_dupfd(unsigned int from, struct file *file, unsigned int flags);
/* get_close_on_exec/set_close_on_exec: current's FD_CLOEXEC bit of an open fd. */
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool flag);

/* ---- Reading and writing (kernel/fs/read_write.c) ---- */

/* vfs_iter_read/vfs_iter_write: file I/O at *pos after the mode checks; bytes or -errno. */
ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *pos);
ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *pos);
/* kernel_read/kernel_write: the same from and to kernel memory. */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
/* ksys_read/ksys_write: read(2)/write(2) on fd at its position, into or out of an iov_iter. */
ssize_t ksys_read(unsigned int fd, struct iov_iter *to);
ssize_t ksys_write(unsigned int fd, struct iov_iter *from);
/* generic_file_llseek: lseek for files with a size (regular files, directories). */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
/* generic_file_llseek_size: the same for a file of size eof that may reach maxsize. */
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence, loff_t maxsize,
				loff_t eof);
/* fixed_size_llseek: SEEK_SET, SEEK_CUR or SEEK_END within [0, size] (a disk); else EINVAL. */
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
/* no_llseek: lseek refused (-ESPIPE): pipes and terminals. */
loff_t no_llseek(struct file *file, loff_t offset, int whence);
/* vfs_llseek: lseek on file; the new position or -errno. */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
/* noop_fsync: fsync for a file system with nothing to write back (ramfs). */
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync);

/* ---- Directories (kernel/fs/readdir.c) ---- */

/*
 * dir_context: a directory listing in progress.  pos is the position of
 * the next entry (0 is ".", 1 is "..", the rest are the file system's);
 * iterate calls dir_emit for each entry from pos on and advances pos after
 * each one accepted, stopping when the actor refuses (the buffer is full).
 */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t pos, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned int d_type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, d_type);
}

/* dir_emit_dots: "." and ".." if pos is still before them; false if the buffer filled. */
bool dir_emit_dots(struct dir_context *ctx, u64 ino, u64 parent_ino);
/* iterate_dir: list file's directory from ctx->pos, then store the position reached in f_pos. */
int iterate_dir(struct file *file, struct dir_context *ctx);
/* ksys_getdents64: getdents64(2) into an iov_iter; bytes written or -errno. */
long ksys_getdents64(unsigned int fd, struct iov_iter *to);
/* generic_read_dir: read(2) of a directory: -EISDIR. */
ssize_t generic_read_dir(struct file *file, struct iov_iter *to, loff_t *pos);

/* ---- Attributes (kernel/fs/stat.c) ---- */

struct kstat {
	u64 ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	dev_t rdev;
	loff_t size;
	unsigned int blksize;
	u64 blocks;		/* 512-byte units */
};

struct filename;

/* vfs_getattr: inode's attributes. */
void vfs_getattr(struct inode *inode, struct kstat *stat);
/* vfs_fstat: attributes of the file open on fd; 0 or -EBADF. */
int vfs_fstat(unsigned int fd, struct kstat *stat);
/* vfs_statx: attributes of name from dfd (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH); 0 or -errno. */
int vfs_statx(int dfd, struct filename *name, int flags, struct kstat *stat);

/* ---- Character devices (kernel/fs/char_dev.c) ---- */

/* __register_chrdev: minors baseminor..+count of major open with fops; 0 or -EBUSY. */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops);
extern const struct file_operations def_chr_fops;
extern const struct file_operations def_blk_fops;	/* kernel/fs/block_dev.c: a disk as a file */

/* ---- File systems and their boot steps ---- */

extern const struct file_system_type ramfs_fs_type;
/* shmem_fs_type: tmpfs, ramfs whose files' pages may go to swap (kernel/fs/ramfs.c, mm/shmem.c). */
extern const struct file_system_type shmem_fs_type;
/*
 * shmem_file_setup: an unlinked, read-write tmpfs file of size bytes:
 * shared anonymous memory, charged to Committed_AS unless noreserve
 * (refused with -ENOMEM as the overcommit policy says).
 */
struct file *shmem_file_setup(loff_t size, bool noreserve);
/* shmem_init: the internal mount shmem_file_setup's files live on (vfs_init). */
void shmem_init(void);
/* dev_console_init: register /dev/console (5:1) and /dev/null (1:3). */
void dev_console_init(void);
/* proc_root_init: build the /proc tree (mounted by vfs_init). */
void proc_root_init(void);
extern const struct file_system_type proc_fs_type;

/* init_pipe_fs: the internal file system pipes' inodes belong to. */
void init_pipe_fs(void);
/* do_pipe_flags: a pipe; fd[0] reads, fd[1] writes (O_CLOEXEC, O_NONBLOCK). 0 or -errno. */
int do_pipe_flags(int *fd, int flags);

#endif
