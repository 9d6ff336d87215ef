/*
 * kernel/fs/mount.c: super blocks, mounts, and the file system tree built at
 * boot.
 *
 * Mounting makes a super block (one instance of a file system, with its
 * root directory) and hangs it on a directory: that directory's
 * i_mounted points to it, and lookups that reach the directory continue
 * in the mounted root instead (kernel/fs/namei.c).  The super block records
 * the directory it covers, for "..".  Nothing is ever unmounted yet.
 */
#include <err.h>
#include <errno.h>
#include <fs_struct.h>
#include <namei.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>

struct inode *fs_root;

/* Minor numbers of major 0, "unnamed" devices: one per super block for st_dev. */
static unsigned int last_anon_minor;

struct super_block *kern_mount(const struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_type = type;
	sb->s_dev = MKDEV(0, ++last_anon_minor);
	err = type->fill_super(sb);
	if (err) {
		kfree(sb);
		return ERR_PTR(err);
	}
	return sb;
}

int vfs_kern_mount(const struct file_system_type *type, const char *path)
{
	struct super_block *sb;
	struct inode *mountpoint;
	int err = kern_path(path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mountpoint);

	if (err)
		return err;
	sb = kern_mount(type);
	if (IS_ERR(sb)) {
		iput(mountpoint);
		return (int)PTR_ERR(sb);
	}
	sb->s_mountpoint = mountpoint;		/* the reference kern_path gave */
	mountpoint->i_mounted = sb;
	return 0;
}

/* init_mount_tree: the root file system, a ramfs, and current's directory in it. */
static void init_mount_tree(void)
{
	struct super_block *sb = kern_mount(&ramfs_fs_type);

	if (IS_ERR(sb))
		panic("VFS: cannot create the root file system (%ld)", PTR_ERR(sb));
	fs_root = sb->s_root;
	set_fs_pwd(current->fs, igrab(fs_root));
}

static void must(long err, const char *what)
{
	if (err)
		panic("VFS: %s failed (%ld)", what, err);
}

void vfs_init(void)
{
	init_mount_tree();
	init_pipe_fs();
	shmem_init();
	dev_console_init();
	proc_root_init();

	must(do_mkdirat(AT_FDCWD, getname_kernel("/dev"), 0755), "mkdir /dev");
	must(do_mknodat(AT_FDCWD, getname_kernel("/dev/console"), S_IFCHR | 0600, MKDEV(5, 1)),
	     "mknod /dev/console");
	must(do_mknodat(AT_FDCWD, getname_kernel("/dev/tty"), S_IFCHR | 0666, MKDEV(5, 0)),
	     "mknod /dev/tty");
	must(do_mknodat(AT_FDCWD, getname_kernel("/dev/null"), S_IFCHR | 0666, MKDEV(1, 3)),
	     "mknod /dev/null");
	must(do_mkdirat(AT_FDCWD, getname_kernel("/proc"), 0555), "mkdir /proc");
	must(vfs_kern_mount(&proc_fs_type, "/proc"), "mount proc");
	/* Everyone may create files in /tmp; the sticky bit keeps them from removing others'. */
	must(do_mkdirat(AT_FDCWD, getname_kernel("/tmp"), 01777), "mkdir /tmp");
	/*
	 * POSIX shared memory (shm_open) is files in /dev/shm, a tmpfs as on
	 * Linux, whose files are the same swappable memory that MAP_SHARED
	 * anonymous mappings share between processes.
	 */
	must(do_mkdirat(AT_FDCWD, getname_kernel("/dev/shm"), 01777), "mkdir /dev/shm");
	must(vfs_kern_mount(&shmem_fs_type, "/dev/shm"), "mount /dev/shm");
	pr_info("VFS: ramfs on /, tmpfs on /dev/shm, proc on /proc; /dev/console, /dev/tty, /dev/null, /tmp\n");
}
