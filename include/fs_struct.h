/*
 * include/fs_struct.h: a task's place in the file system (Linux's struct
 * fs_struct): its current directory and its umask, shared by the threads
 * clone(CLONE_FS) makes and copied by every other fork.
 */
#ifndef _RVMM_FS_STRUCT_H
#define _RVMM_FS_STRUCT_H

struct inode;
struct task_struct;

struct fs_struct {
	int users;			/* tasks sharing it */
	unsigned int umask;		/* permission bits open, mkdir and mknod take away */
	struct inode *pwd;		/* the current directory (NULL: the root) */
};

extern struct fs_struct init_fs;

/* copy_fs_struct: a copy of old for a fork without CLONE_FS, or NULL. */
struct fs_struct *copy_fs_struct(const struct fs_struct *old);
/* exit_fs: t lets go of its fs_struct; the last user frees it. */
void exit_fs(struct task_struct *t);
/* set_fs_pwd: make inode (a reference the caller gives up) the directory of everyone sharing fs. */
void set_fs_pwd(struct fs_struct *fs, struct inode *inode);

#endif
