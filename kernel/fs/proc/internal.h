/*
 * kernel/fs/proc/internal.h: what the files of /proc share (as Linux's
 * fs/proc/internal.h).
 *
 * /proc has two kinds of entries.  The fixed ones (meminfo, sys/vm/...)
 * are a tree of proc_dir_entry built at boot: a file has a function that
 * writes its contents, a directory has children.  The per-process ones
 * (/proc/<pid>/...) are made up at lookup from the live tasks.  Either
 * way an inode is made per lookup and freed on the last iput; proc_inode
 * says what it stands for.
 *
 * A file's contents are generated once, at open, into a kmalloc'ed
 * buffer (a snapshot), and reads copy from it: a reader sees one
 * consistent text however small its reads, and reading again from 0
 * after lseek shows the same text.  Reopen for fresh numbers.
 */
#ifndef _KERNEL_PROC_INTERNAL_H
#define _KERNEL_PROC_INTERNAL_H

#include <fs.h>
#include <seq_buf.h>

struct task_struct;
struct ctl_table;

/* proc_show_t: write a file's contents; 0 or -errno (the open fails). */
typedef int (*proc_show_t)(struct seq_buf *m, void *arg);

struct proc_dir_entry {
	const char *name;
	unsigned int namelen;
	umode_t mode;
	unsigned int low_ino;			/* its inode number */
	struct proc_dir_entry *parent;
	struct proc_dir_entry *subdir;		/* a directory: first child */
	struct proc_dir_entry *next;		/* next sibling */
	proc_show_t show;			/* a file made by proc_create_single */
	const struct inode_operations *proc_iops;	/* instead of the defaults */
	const struct file_operations *proc_fops;	/* instead of the defaults */
	void *data;
};

/* The per-process files: /proc/<pid>/status etc. */
struct pid_entry {
	const char *name;
	unsigned int len;
	umode_t mode;
	void (*show)(struct task_struct *task, struct seq_buf *m);
	/* write: take a value written to the file (NUL-terminated, at most 31 bytes); 0 or -errno */
	int (*write)(struct task_struct *task, char *buf);
};

struct proc_inode {
	int pid;				/* /proc/<pid> and below: whose */
	const struct pid_entry *pid_entry;	/* a /proc/<pid> file: which */
	struct proc_dir_entry *pde;		/* an entry of the fixed tree, or NULL */
	struct inode vfs_inode;
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

static inline struct proc_dir_entry *PDE(struct inode *inode)
{
	return PROC_I(inode)->pde;
}

#define PROC_ROOT_INO		1
/* readdir positions of /proc: below this the fixed entries, from it FIRST_PROCESS_ENTRY + pid. */
#define FIRST_PROCESS_ENTRY	256
/* Inode numbers of /proc/<pid>/...: above every fixed entry's. */
#define PROC_PID_INO(pid, n)	(0x10000000UL + (unsigned long)(pid) * 16 + (n))

extern struct proc_dir_entry proc_root;

/* ---- proc_generic.c: the fixed tree ---- */

/* proc_mkdir: a directory under parent (NULL: /proc); NULL on failure. */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
/* proc_create_single: a read-only file whose contents show writes. */
struct proc_dir_entry *proc_create_single(const char *name, umode_t mode,
					  struct proc_dir_entry *parent, proc_show_t show);
/* proc_create_data: a file with its own operations; data for them in PDE(inode)->data. */
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct file_operations *fops, void *data);
/* proc_symlink_entry: a symbolic link whose target iops->get_link makes. */
struct proc_dir_entry *proc_symlink_entry(const char *name, struct proc_dir_entry *parent,
					  const struct inode_operations *iops);
/* pde_find: the child of dir named name, or NULL. */
struct proc_dir_entry *pde_find(struct proc_dir_entry *dir, const struct qstr *name);
/* proc_get_inode: an inode for de (the root's is the super block's). */
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de);
/* proc_lookup_de: lookup in the fixed directory de ("..": its parent). */
struct inode *proc_lookup_de(struct inode *dir, struct proc_dir_entry *de, const struct qstr *name);
/* proc_readdir_de: "." and "..", then de's children, from ctx->pos; false if the buffer filled. */
bool proc_readdir_de(struct file *file, struct dir_context *ctx, struct proc_dir_entry *de);
/* new_proc_inode: a bare /proc inode of mode with number ino. */
struct inode *new_proc_inode(struct super_block *sb, umode_t mode, unsigned long ino);

/* The snapshot: file->private_data holds the text made at open. */
int proc_snapshot_open(struct file *file, proc_show_t show, void *arg);
ssize_t proc_snapshot_read(struct file *file, struct iov_iter *to, loff_t *pos);
loff_t proc_snapshot_lseek(struct file *file, loff_t offset, int whence);
int proc_snapshot_release(struct inode *inode, struct file *file);

/* ---- the rest of /proc ---- */

struct inode *proc_pid_lookup(struct inode *dir, const struct qstr *name);	/* proc_base.c */
bool proc_pid_readdir(struct file *file, struct dir_context *ctx);		/* proc_base.c */
void proc_self_init(void);							/* proc_self.c */
void proc_sys_init(void);							/* proc_sysctl.c */
void proc_meminfo_init(void);							/* proc_meminfo.c */
void proc_vmstat_init(void);
void proc_diskstats_init(void);							/* diskstats.c */
void proc_nommu_init(void);							/* nommu.c, no MMU only */							/* proc_vmstat.c */

struct mm_struct;
struct vm_area_struct;
/* proc_reg_mmap: /proc files have no pages to map: EIO, as Linux answers. */
int proc_reg_mmap(struct file *file, struct vm_area_struct *vma);
/* task_mem: the Vm and Rss lines of /proc/<pid>/status for mm. */
void task_mem(struct seq_buf *m, struct mm_struct *mm);

#endif
