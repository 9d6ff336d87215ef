/*
 * kernel/fs/file_table.c: open files and descriptor tables.
 *
 * A struct file is counted: each descriptor naming it holds a reference
 * (dup, fork and the second end of nothing share one file, hence one
 * position), and so does anyone using it for the length of a system call
 * (fget ... fput).  The last fput releases it and drops its inode.
 *
 * A descriptor is handed out in two steps, as in Linux: get_unused_fd_flags
 * reserves the lowest free number, and fd_install puts the file there once
 * the open has succeeded, so a failed open never shows a half-made file.
 */
#include <errno.h>
#include <err.h>
#include <fs.h>
#include <printk.h>
#include <resource.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscalls.h>

struct files_struct init_files = {
	.count = 1,
	.max_fds = NR_OPEN_DEFAULT,
	.fd = init_files.fd_array,
	.open_fds = init_files.open_fds_init,
	.close_on_exec = init_files.close_on_exec_init,
};

/* ---- bitmaps of descriptors ---- */

static bool test_fd_bit(const unsigned long *map, unsigned int fd)
{
	return map[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

static void set_fd_bit(unsigned long *map, unsigned int fd)
{
	map[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
}

static void clear_fd_bit(unsigned long *map, unsigned int fd)
{
	map[fd / BITS_PER_LONG] &= ~(1UL << (fd % BITS_PER_LONG));
}

/* find_next_zero_fd: the first clear bit at or after start below max, or max. */
static unsigned int find_next_zero_fd(const unsigned long *map, unsigned int max, unsigned int start)
{
	for (unsigned int fd = start; fd < max; fd++) {
		if (map[fd / BITS_PER_LONG] == ~0UL) {
			fd |= BITS_PER_LONG - 1;	/* skip a full word */
			continue;
		}
		if (!test_fd_bit(map, fd))
			return fd;
	}
	return max;
}

/* ---- struct file ---- */

struct file *alloc_empty_file(int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return ERR_PTR(-ENFILE);
	f->f_count = 1;
	f->f_flags = (unsigned int)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	/* O_RDONLY 0 -> read, O_WRONLY 1 -> write, O_RDWR 2 -> both, 3 -> neither. */
	f->f_mode = ((unsigned int)flags + 1) & O_ACCMODE;
	return f;
}

/* __fput: the last reference is gone. */
static void __fput(struct file *file)
{
	struct inode *inode = file->f_inode;

	if ((file->f_mode & FMODE_OPENED) && file->f_op && file->f_op->release)
		file->f_op->release(inode, file);
	iput(inode);
	kfree(file->f_name);
	kfree(file);
}

void fput(struct file *file)
{
	if (WARN_ON(file->f_count <= 0))
		return;
	if (--file->f_count == 0)
		__fput(file);
}

struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd >= files->max_fds || !files->fd[fd])
		return NULL;
	return get_file(files->fd[fd]);
}

/* ---- descriptor tables ---- */

/*
 * expand_files: make room for descriptor nr by moving to a table of the
 * next power of two; 0, or -EMFILE past fs.nr_open, or -ENOMEM.
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int max = files->max_fds, words, old_words;
	struct file **fd;
	unsigned long *open_fds, *cloexec;

	if (nr < max)
		return 0;
	if (nr >= NR_OPEN)
		return -EMFILE;
	while (max <= nr)
		max *= 2;
	words = max / BITS_PER_LONG;
	old_words = files->max_fds / BITS_PER_LONG;
	fd = kzalloc(max * sizeof(*fd), GFP_KERNEL);
	open_fds = kzalloc(2 * words * sizeof(long), GFP_KERNEL);	/* both bitmaps in one block */
	if (!fd || !open_fds)
		goto nomem;
	cloexec = open_fds + words;
	memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
	memcpy(open_fds, files->open_fds, old_words * sizeof(long));
	memcpy(cloexec, files->close_on_exec, old_words * sizeof(long));
	if (files->fd != files->fd_array) {
		kfree(files->fd);
		kfree(files->open_fds);
	}
	files->fd = fd;
	files->open_fds = open_fds;
	files->close_on_exec = cloexec;
	files->max_fds = max;
	return 0;

nomem:
	kfree(fd);
	kfree(open_fds);
	return -ENOMEM;
}

/* alloc_fd: reserve the lowest free descriptor >= start in files, below RLIMIT_NOFILE (EMFILE). */
static int alloc_fd(struct files_struct *files, unsigned int start, unsigned int flags)
{
	unsigned int fd = MAX(start, files->next_fd);
	int err;

	fd = find_next_zero_fd(files->open_fds, files->max_fds, fd);
	if (fd >= rlimit(RLIMIT_NOFILE))
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	set_fd_bit(files->open_fds, fd);
	if (flags & O_CLOEXEC)
		set_fd_bit(files->close_on_exec, fd);
	else
		clear_fd_bit(files->close_on_exec, fd);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	return (int)fd;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(current->files, 0, flags);
}

/* __put_unused_fd: mark fd free again. */
static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	clear_fd_bit(files->open_fds, fd);
	clear_fd_bit(files->close_on_exec, fd);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	__put_unused_fd(current->files, fd);
}

void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = current->files;

	WARN_ON(files->fd[fd] || !test_fd_bit(files->open_fds, fd));
	files->fd[fd] = file;
}

/* file_close_fd: take fd's file out of files (the reference passes to the caller), or NULL. */
static struct file *file_close_fd(struct files_struct *files, unsigned int fd)
{
	struct file *file;

	if (fd >= files->max_fds || !files->fd[fd])
		return NULL;
	file = files->fd[fd];
	files->fd[fd] = NULL;
	__put_unused_fd(files, fd);
	return file;
}

int close_fd(unsigned int fd)
{
	struct file *file = file_close_fd(current->files, fd);

	if (!file)
		return -EBADF;
	fput(file);
	return 0;
}

struct files_struct *alloc_files_struct(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->open_fds = files->open_fds_init;
	files->close_on_exec = files->close_on_exec_init;
	return files;
}

struct files_struct *dup_fd(struct files_struct *oldf)
{
	struct files_struct *newf = alloc_files_struct();

	if (!newf)
		return NULL;
	if (expand_files(newf, oldf->max_fds - 1)) {
		put_files_struct(newf);
		return NULL;
	}
	for (unsigned int fd = 0; fd < oldf->max_fds; fd++) {
		struct file *f = oldf->fd[fd];

		/* A descriptor reserved by an open still in progress is not the child's. */
		if (!f)
			continue;
		newf->fd[fd] = get_file(f);
		set_fd_bit(newf->open_fds, fd);
		if (test_fd_bit(oldf->close_on_exec, fd))
			set_fd_bit(newf->close_on_exec, fd);
	}
	newf->next_fd = 0;
	return newf;
}

void put_files_struct(struct files_struct *files)
{
	if (WARN_ON(files->count <= 0))
		return;
	if (--files->count)
		return;
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		struct file *file = file_close_fd(files, fd);

		if (file)
			fput(file);
	}
	if (files->fd != files->fd_array) {
		kfree(files->fd);
		kfree(files->open_fds);
	}
	if (files != &init_files)
		kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		struct file *file;

		if (!test_fd_bit(files->close_on_exec, fd))
			continue;
		file = file_close_fd(files, fd);
		if (file)
			fput(file);
	}
}

/* ---- what fcntl(2) does with descriptors ---- */

int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	int fd;

	if (from >= NR_OPEN_MAX)
		return -EINVAL;
	fd = alloc_fd(current->files, from, flags);
	if (fd >= 0)
		fd_install((unsigned int)fd, get_file(file));
	return fd;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;

	return fd < files->max_fds && test_fd_bit(files->close_on_exec, fd);
}

void set_close_on_exec(unsigned int fd, bool flag)
{
	struct files_struct *files = current->files;

	if (fd >= files->max_fds)
		return;
	if (flag)
		set_fd_bit(files->close_on_exec, fd);
	else
		clear_fd_bit(files->close_on_exec, fd);
}

/* ---- dup(2), dup3(2) ---- */

/* do_dup2: put file (a reference the caller gives) on fd, closing what was there. */
static int do_dup2(struct files_struct *files, struct file *file, unsigned int fd, unsigned int flags)
{
	struct file *tofree;
	int err = expand_files(files, fd);

	if (err) {
		fput(file);
		return err == -EMFILE ? -EBADF : err;
	}
	/* Reserved by an open that has not finished: Linux refuses rather than race it. */
	tofree = files->fd[fd];
	if (!tofree && test_fd_bit(files->open_fds, fd)) {
		fput(file);
		return -EBUSY;
	}
	files->fd[fd] = file;
	set_fd_bit(files->open_fds, fd);
	if (flags & O_CLOEXEC)
		set_fd_bit(files->close_on_exec, fd);
	else
		clear_fd_bit(files->close_on_exec, fd);
	if (tofree)
		fput(tofree);
	return (int)fd;
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *file;

	if ((flags & ~O_CLOEXEC) != 0)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit(RLIMIT_NOFILE))
		return -EBADF;		/* Linux's answer for a descriptor beyond the limit */
	file = fget(oldfd);
	if (!file)
		return -EBADF;
	return do_dup2(current->files, file, newfd, (unsigned int)flags);
}

long sys_dup(unsigned int fildes)
{
	struct file *file = fget(fildes);
	int fd;

	if (!file)
		return -EBADF;
	fd = get_unused_fd_flags(0);
	if (fd < 0) {
		fput(file);
		return fd;
	}
	fd_install((unsigned int)fd, file);
	return fd;
}
