/*
 * kernel/fs/selftest_fs.c: self-test of the file system (test=fs).
 *
 * Everything goes through the entry points the system calls use
 * (do_sys_openat, ksys_read, sys_lseek, ...) with iov_iters on kernel
 * memory, so what passes here is what user programs will get.  The
 * runner checks afterwards that every page came back; the suite checks
 * the page cache's own count (NR_FILE_PAGES) as files grow, shrink and die.
 */
#include <err.h>
#include <errno.h>
#include <fs_struct.h>
#include <fdt.h>
#include <initrd.h>
#include <namei.h>
#include <pagemap.h>
#include <proc_fs.h>
#include <sched.h>
#include <selftest.h>
#include <slab.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscalls.h>
#include <vmstat.h>
#include <wait.h>

#define T	"/tmp/fstest"		/* the suite's scratch directory */

/* ---- helpers: the system calls, with kernel buffers and names ---- */

static long kopenat(int dfd, const char *path, int flags, umode_t mode)
{
	struct filename *name = getname_kernel(path);
	long fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = do_sys_openat(dfd, name, flags, mode);
	putname(name);
	return fd;
}

static long kopen(const char *path, int flags, umode_t mode)
{
	return kopenat(AT_FDCWD, path, flags, mode);
}

static long kread(long fd, void *buf, size_t n)
{
	struct iov_iter it;

	iov_iter_kernel(&it, buf, n);
	return ksys_read((unsigned int)fd, &it);
}

static long kwrite(long fd, const void *buf, size_t n)
{
	struct iov_iter it;

	iov_iter_kernel(&it, (void *)buf, n);
	return ksys_write((unsigned int)fd, &it);
}

static long kclose(long fd)
{
	return sys_close((unsigned int)fd);
}

static long kmkdir(const char *path, umode_t mode)
{
	return do_mkdirat(AT_FDCWD, getname_kernel(path), mode);
}

static long kunlink(const char *path)
{
	return do_unlinkat(AT_FDCWD, getname_kernel(path));
}

static long krmdir(const char *path)
{
	return do_rmdir(AT_FDCWD, getname_kernel(path));
}

static long stat_at(int dfd, const char *path, int flags, struct kstat *st)
{
	struct filename *name = getname_kernel(path);
	long err = vfs_statx(dfd, name, flags, st);

	putname(name);
	return err;
}

static long stat_path(const char *path, struct kstat *st)
{
	return stat_at(AT_FDCWD, path, 0, st);
}

static long kreadlink(const char *path, char *buf, size_t size)
{
	struct filename *name = getname_kernel(path);
	struct iov_iter it;
	long n;

	iov_iter_kernel(&it, buf, size);
	n = do_readlinkat(AT_FDCWD, name, &it);
	putname(name);
	if (n >= 0 && (size_t)n < size)
		buf[n] = '\0';
	return n;
}

/* read_all: the whole file at path, NUL-terminated, in a kmalloc'ed buffer (NULL on error). */
static char *read_all(const char *path, size_t *lenp)
{
	size_t size = 65536, len = 0;
	char *buf = kmalloc(size, GFP_KERNEL);
	long fd = kopen(path, O_RDONLY, 0), n;

	if (fd < 0 || !buf)
		goto fail;
	/* Small reads on purpose: the text must come out whole across many of them. */
	while ((n = kread(fd, buf + len, MIN((size_t)1000, size - 1 - len))) > 0)
		len += (size_t)n;
	kclose(fd);
	if (n < 0)
		goto fail;
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
fail:
	if (fd >= 0)
		kclose(fd);
	kfree(buf);
	return NULL;
}

/* write_str: open path for writing, write s in one write, close; the write's result. */
static long write_str(const char *path, const char *s)
{
	long fd = kopen(path, O_WRONLY, 0), n;

	if (fd < 0)
		return fd;
	n = kwrite(fd, s, strlen(s));
	kclose(fd);
	return n;
}

static unsigned long file_pages(void)
{
	return global_node_page_state(NR_FILE_PAGES);
}

static unsigned long nrpages_of(long fd)
{
	struct file *f = fget((unsigned int)fd);
	unsigned long n;

	if (!f)
		return ~0UL;
	n = f->f_mapping->nrpages;
	fput(f);
	return n;
}

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / 251);
}

/* ---- regular files ---- */

static void test_file_io(void)
{
	const size_t size = 10000;
	unsigned char *buf = kmalloc(20480, GFP_KERNEL), *in = kmalloc(20480, GFP_KERNEL);
	unsigned long cached0 = file_pages();
	struct kstat st;
	long fd, fd2, n;
	bool ok;

	if (!tap_check(buf && in, "fs: buffers for the file tests"))
		goto out;
	for (size_t i = 0; i < 20480; i++)
		buf[i] = pattern(i);

	fd = kopen(T "/a", O_RDWR | O_CREAT | O_EXCL, 0640);
	tap_check(fd >= 0, "fs: O_CREAT|O_EXCL makes a new file (fd %ld)", fd);
	tap_check(kopen(T "/a", O_RDWR | O_CREAT | O_EXCL, 0640) == -EEXIST,
		  "fs: O_CREAT|O_EXCL on an existing file is EEXIST");
	n = kwrite(fd, buf, size);
	tap_check(n == (long)size, "fs: write of %zu bytes returns %ld", size, n);
	tap_check(nrpages_of(fd) == 3 && file_pages() - cached0 == 3,
		  "fs: 10000 bytes take 3 page-cache pages (mapping %lu, NR_FILE_PAGES +%lu)",
		  nrpages_of(fd), file_pages() - cached0);
	tap_check(stat_path(T "/a", &st) == 0 && st.size == (loff_t)size && S_ISREG(st.mode) &&
		  (st.mode & 07777) == 0640 && st.nlink == 1 && st.blocks == 24,
		  "fs: stat: size %lld, mode %o, nlink %u, blocks %llu", st.size, st.mode,
		  st.nlink, (unsigned long long)st.blocks);

	tap_check(sys_lseek((unsigned int)fd, 0, SEEK_SET) == 0, "fs: lseek to 0");
	memset(in, 0, 20480);
	n = kread(fd, in, 20480);
	tap_check(n == (long)size && !memcmp(in, buf, size),
		  "fs: read back %ld bytes, same as written", n);
	tap_check(kread(fd, in, 100) == 0, "fs: read at end of file returns 0");
	tap_check(sys_lseek((unsigned int)fd, -100, SEEK_END) == (long)size - 100,
		  "fs: SEEK_END -100");
	n = kread(fd, in, 200);
	tap_check(n == 100 && !memcmp(in, buf + size - 100, 100), "fs: short read at the tail (%ld)", n);
	tap_check(sys_lseek((unsigned int)fd, -20000, SEEK_CUR) == -EINVAL,
		  "fs: lseek before 0 is EINVAL");
	tap_check(sys_lseek((unsigned int)fd, 0, 7) == -EINVAL, "fs: bad whence is EINVAL");
	tap_check(sys_lseek((unsigned int)fd, 0, SEEK_CUR) == (long)size,
		  "fs: failed lseeks left the position alone");
	tap_check(sys_lseek((unsigned int)fd, 5000, SEEK_DATA) == 5000 &&
		  sys_lseek((unsigned int)fd, 5000, SEEK_HOLE) == (long)size &&
		  sys_lseek((unsigned int)fd, (long)size, SEEK_DATA) == -ENXIO,
		  "fs: SEEK_DATA/SEEK_HOLE: all data, the hole at the end");

	/* A write far past the end leaves a hole that reads as zeros and takes no page. */
	sys_lseek((unsigned int)fd, 20000, SEEK_SET);
	tap_check(kwrite(fd, "Z", 1) == 1, "fs: write 1 byte at 20000");
	tap_check(nrpages_of(fd) == 4, "fs: the hole (page 3) has no page: %lu pages", nrpages_of(fd));
	sys_lseek((unsigned int)fd, (long)size, SEEK_SET);
	n = kread(fd, in, 20480);
	ok = n == 20001 - (long)size && in[n - 1] == 'Z';
	for (long i = 0; ok && i < n - 1; i++)
		ok = in[i] == 0;
	tap_check(ok, "fs: the hole reads as zeros, then the byte (%ld bytes)", n);
	tap_check(nrpages_of(fd) == 4, "fs: reading the hole allocated nothing");

	/* Shrink into the middle of page 1: pages 2.. go, page 1's tail is zeroed. */
	tap_check(sys_ftruncate((unsigned int)fd, 5000) == 0, "fs: ftruncate to 5000");
	tap_check(nrpages_of(fd) == 2 && file_pages() - cached0 == 2,
		  "fs: shrinking freed the pages past the end (%lu left, NR_FILE_PAGES +%lu)",
		  nrpages_of(fd), file_pages() - cached0);
	tap_check(sys_ftruncate((unsigned int)fd, 9000) == 0, "fs: ftruncate grows to 9000");
	sys_lseek((unsigned int)fd, 0, SEEK_SET);
	memset(in, 0xaa, 20480);
	n = kread(fd, in, 20480);
	ok = n == 9000 && !memcmp(in, buf, 5000);
	for (long i = 5000; ok && i < 9000; i++)
		ok = in[i] == 0;
	tap_check(ok, "fs: after shrink and grow: old data, then zeros (%ld bytes)", n);
	tap_check(sys_ftruncate((unsigned int)fd, -1) == -EINVAL, "fs: negative ftruncate is EINVAL");
	tap_check(sys_ftruncate((unsigned int)fd, MAX_LFS_FILESIZE + 1) == -EFBIG,
		  "fs: ftruncate past the largest file is EFBIG");
	sys_lseek((unsigned int)fd, MAX_LFS_FILESIZE, SEEK_SET);
	tap_check(kwrite(fd, "x", 1) == -EFBIG, "fs: a write at the size limit is EFBIG");

	/* O_APPEND writes at the end whatever the position. */
	fd2 = kopen(T "/a", O_WRONLY | O_APPEND, 0);
	sys_lseek((unsigned int)fd2, 0, SEEK_SET);
	tap_check(kwrite(fd2, "xyz", 3) == 3 && sys_lseek((unsigned int)fd2, 0, SEEK_CUR) == 9003,
		  "fs: O_APPEND writes at the end");
	tap_check(kread(fd2, in, 1) == -EBADF, "fs: read on an O_WRONLY file is EBADF");
	tap_check(sys_ftruncate((unsigned int)fd2, 0) == 0, "fs: ftruncate on a writable fd");
	kclose(fd2);
	fd2 = kopen(T "/a", O_RDONLY, 0);
	tap_check(kwrite(fd2, "x", 1) == -EBADF, "fs: write on an O_RDONLY file is EBADF");
	tap_check(sys_ftruncate((unsigned int)fd2, 0) == -EINVAL,
		  "fs: ftruncate on a read-only fd is EINVAL");
	kclose(fd2);

	/* O_TRUNC empties the file and its cache. */
	kwrite(fd, buf, 8192);
	fd2 = kopen(T "/a", O_WRONLY | O_TRUNC, 0);
	tap_check(fd2 >= 0 && nrpages_of(fd) == 0 && file_pages() == cached0,
		  "fs: O_TRUNC frees every page (%lu left)", nrpages_of(fd));
	kclose(fd2);

	/* Unlinked while open: the data stays until the last close. */
	sys_lseek((unsigned int)fd, 0, SEEK_SET);
	kwrite(fd, buf, 3 * PAGE_SIZE);
	tap_check(kunlink(T "/a") == 0, "fs: unlink an open file");
	tap_check(stat_path(T "/a", &st) == -ENOENT, "fs: its name is gone");
	sys_lseek((unsigned int)fd, 0, SEEK_SET);
	n = kread(fd, in, 3 * PAGE_SIZE);
	tap_check(n == 3 * (long)PAGE_SIZE && !memcmp(in, buf, 3 * PAGE_SIZE),
		  "fs: the open file still reads its data");
	tap_check(file_pages() - cached0 == 3, "fs: and still has its 3 pages");
	tap_check(kclose(fd) == 0, "fs: close");
	tap_check(file_pages() == cached0, "fs: the last close freed the pages (NR_FILE_PAGES %lu, was %lu)",
		  file_pages(), cached0);

	/* Bad descriptors and bad buffers. */
	tap_check(kclose(fd) == -EBADF, "fs: close of a closed fd is EBADF");
	tap_check(kread(fd, in, 1) == -EBADF && sys_lseek((unsigned int)fd, 0, SEEK_SET) == -EBADF &&
		  vfs_fstat((unsigned int)fd, &st) == -EBADF, "fs: read, lseek, fstat of a closed fd: EBADF");
	fd = kopen(T "/b", O_RDWR | O_CREAT, 0600);
	tap_check(sys_read((unsigned int)fd, (char *)buf, 10) == -EFAULT,
		  "fs: read into a kernel address given as a user buffer is EFAULT");
	tap_check(sys_newfstat((unsigned int)fd, (struct stat *)buf) == -EFAULT,
		  "fs: fstat into a kernel address is EFAULT");
	kclose(fd);
	kunlink(T "/b");
out:
	kfree(buf);
	kfree(in);
}

/* ---- names and directories ---- */

struct dirent_list {
	int count;
	bool bad_reclen, offsets_increase;
	char names[16][16];
	unsigned char types[16];
	u64 inos[16];
};

/* list_dir: read directory fd to the end with a buffer of bufsize bytes. */
static long list_dir(long fd, size_t bufsize, struct dirent_list *l)
{
	char *buf = kmalloc(bufsize, GFP_KERNEL);
	s64 last_off = -1;
	long n, total = 0;
	struct iov_iter it;

	memset(l, 0, sizeof(*l));
	l->offsets_increase = true;
	for (;;) {
		iov_iter_kernel(&it, buf, bufsize);
		n = ksys_getdents64((unsigned int)fd, &it);
		if (n <= 0)
			break;
		total += n;
		for (long off = 0; off < n;) {
			const struct linux_dirent64 *d = (const void *)(buf + off);

			if (d->d_reclen % 8 || d->d_reclen < 24 || off + d->d_reclen > n) {
				l->bad_reclen = true;
				break;
			}
			if (d->d_off <= last_off)
				l->offsets_increase = false;
			last_off = d->d_off;
			if (l->count < 16) {
				strncpy(l->names[l->count], d->d_name, 15);
				l->types[l->count] = d->d_type;
				l->inos[l->count] = d->d_ino;
			}
			l->count++;
			off += d->d_reclen;
		}
	}
	kfree(buf);
	return n < 0 ? n : total;
}

static int find_name(const struct dirent_list *l, const char *name)
{
	for (int i = 0; i < MIN(l->count, 16); i++)
		if (!strcmp(l->names[i], name))
			return i;
	return -1;
}

static void test_directories(void)
{
	static const char *const files[] = { "f1", "f2", "f3", "f4", "f5" };
	struct dirent_list l;
	struct kstat st, st2;
	struct inode *saved_cwd;
	long fd, dfd;
	char buf[64];
	bool ok = true;

	tap_check(kmkdir(T "/d", 0755) == 0, "fs: mkdir");
	tap_check(kmkdir(T "/d", 0755) == -EEXIST, "fs: mkdir of an existing name is EEXIST");
	tap_check(kmkdir(T "/d/sub", 0700) == 0 && kmkdir(T "/d/sub/deeper/", 0700) == 0,
		  "fs: mkdir nested, with a trailing slash");
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(buf, sizeof(buf), T "/d/%s", files[i]);
		fd = kopen(buf, O_WRONLY | O_CREAT, 0644);
		ok = ok && fd >= 0 && kwrite(fd, files[i], 2) == 2;
		kclose(fd);
	}
	tap_check(ok, "fs: five files in the directory");
	tap_check(stat_path(T "/d", &st) == 0 && S_ISDIR(st.mode) && st.nlink == 3,
		  "fs: a directory's nlink is 2 + subdirectories (%u)", st.nlink);

	dfd = kopen(T "/d", O_RDONLY | O_DIRECTORY, 0);
	tap_check(dfd >= 0, "fs: open a directory with O_DIRECTORY");
	tap_check(list_dir(dfd, 4096, &l) > 0 && l.count == 8 && !l.bad_reclen && l.offsets_increase,
		  "fs: getdents64 lists 8 entries, records well formed, d_off increasing (%d)", l.count);
	ok = find_name(&l, ".") >= 0 && find_name(&l, "..") >= 0 && find_name(&l, "sub") >= 0;
	for (size_t i = 0; i < ARRAY_SIZE(files); i++)
		ok = ok && find_name(&l, files[i]) >= 0 && l.types[find_name(&l, files[i])] == DT_REG;
	tap_check(ok && l.types[find_name(&l, "sub")] == DT_DIR && l.types[find_name(&l, ".")] == DT_DIR,
		  "fs: the names are ., .., sub and f1..f5 with their d_type");
	tap_check(l.inos[find_name(&l, ".")] == st.ino, "fs: the ino of \".\" is the directory's");
	tap_check(list_dir(dfd, 4096, &l) == 0 && l.count == 0, "fs: getdents64 at the end returns 0");
	sys_lseek((unsigned int)dfd, 0, SEEK_SET);
	tap_check(list_dir(dfd, 32, &l) > 0 && l.count == 8,
		  "fs: a 32-byte buffer lists them one at a time (%d)", l.count);
	sys_lseek((unsigned int)dfd, 0, SEEK_SET);
	tap_check(list_dir(dfd, 16, &l) == -EINVAL, "fs: a buffer too small for one entry is EINVAL");

	/*
	 * Change the directory in the middle of a listing: remove an entry
	 * already listed (f1) and one not yet listed (f2), add one (g).  The
	 * rest must come out exactly once: positions do not shift.
	 */
	sys_lseek((unsigned int)dfd, 0, SEEK_SET);
	for (int i = 0; i < 4; i++) {		/* ".", "..", "sub", "f1" */
		char small[40];
		struct iov_iter it;

		iov_iter_kernel(&it, small, sizeof(small));
		ksys_getdents64((unsigned int)dfd, &it);
	}
	kunlink(T "/d/f1");
	kunlink(T "/d/f2");
	fd = kopen(T "/d/g", O_WRONLY | O_CREAT, 0644);
	kclose(fd);
	tap_check(list_dir(dfd, 4096, &l) > 0 && l.count == 4 && find_name(&l, "f3") >= 0 &&
		  find_name(&l, "f4") >= 0 && find_name(&l, "f5") >= 0 && find_name(&l, "g") >= 0,
		  "fs: a listing continued after unlinks and a create sees the rest once (%d)", l.count);
	kunlink(T "/d/g");
	fd = kopen(T "/d/f1", O_WRONLY | O_CREAT, 0644);
	kwrite(fd, "f1", 2);
	kclose(fd);

	/* Lookup rules. */
	tap_check(stat_path(T "/d/sub/../f1", &st2) == 0 && S_ISREG(st2.mode) && st2.size == 2,
		  "fs: \"..\" goes up");
	tap_check(stat_path("/tmp/./fstest//d/f1", &st2) == 0, "fs: \".\" and \"//\" are no-ops");
	tap_check(stat_path("/../../tmp", &st2) == 0 && stat_path("/..", &st) == 0 && stat_path("/", &st2) == 0 &&
		  st.ino == st2.ino, "fs: \"..\" of the root is the root");
	tap_check(stat_path(T "/d/f1/", &st) == -ENOTDIR && stat_path(T "/d/f1/x", &st) == -ENOTDIR,
		  "fs: a file used as a directory is ENOTDIR");
	tap_check(stat_path(T "/d/nothere", &st) == -ENOENT && stat_path("", &st) == -ENOENT,
		  "fs: missing names and \"\" are ENOENT");
	{
		char *longname = kmalloc(300, GFP_KERNEL);

		memcpy(longname, T "/", sizeof(T));
		memset(longname + sizeof(T), 'n', 256);
		longname[sizeof(T) + 256] = '\0';
		tap_check(stat_path(longname, &st) == -ENAMETOOLONG, "fs: a 256-byte name is ENAMETOOLONG");
		kfree(longname);
	}
	fd = kopenat(dfd, "f1", O_RDONLY, 0);
	tap_check(fd >= 0 && kread(fd, buf, 64) == 2 && !memcmp(buf, "f1", 2),
		  "fs: openat relative to a directory fd");
	tap_check(kopenat(fd, "x", O_RDONLY, 0) == -ENOTDIR, "fs: openat relative to a file is ENOTDIR");
	kclose(fd);
	tap_check(kopenat(999, "x", O_RDONLY, 0) == -EBADF, "fs: openat relative to a bad fd is EBADF");
	fd = kopenat(999, T "/d/f1", O_RDONLY, 0);
	tap_check(fd >= 0, "fs: an absolute path ignores the fd");
	kclose(fd);
	tap_check(stat_at(dfd, "", AT_EMPTY_PATH, &st) == 0 && S_ISDIR(st.mode),
		  "fs: AT_EMPTY_PATH stats the fd itself");
	tap_check(kopen(T "/d/f1", O_RDONLY | O_DIRECTORY, 0) == -ENOTDIR,
		  "fs: O_DIRECTORY on a file is ENOTDIR");
	tap_check(kopen(T "/d", O_WRONLY, 0) == -EISDIR && kopen(T "/d", O_RDONLY | O_TRUNC, 0) == -EISDIR,
		  "fs: a directory opened for writing is EISDIR");
	tap_check(kopen(T "/d/new", O_RDWR | O_CREAT | O_DIRECTORY, 0600) == -EINVAL,
		  "fs: O_CREAT|O_DIRECTORY is EINVAL");
	tap_check(kopen(T "/d/new/", O_RDWR | O_CREAT, 0600) == -EISDIR,
		  "fs: O_CREAT of \"name/\" is EISDIR");

	/* The current directory. */
	saved_cwd = current->fs->pwd ? igrab(current->fs->pwd) : NULL;
	tap_check(do_chdir(getname_kernel(T "/d/sub")) == 0, "fs: chdir");
	tap_check(stat_path("../f1", &st) == 0 && stat_path("deeper", &st2) == 0 && S_ISDIR(st2.mode),
		  "fs: relative names start at the current directory");
	tap_check(do_chdir(getname_kernel(T "/d/f1")) == -ENOTDIR, "fs: chdir to a file is ENOTDIR");
	tap_check(krmdir("deeper") == 0 && krmdir(T "/d/sub") == 0,
		  "fs: rmdir of the current directory");
	tap_check(stat_path(".", &st) == 0 && st.nlink == 0 && stat_path("..", &st) == -ENOENT &&
		  kopen("x", O_RDWR | O_CREAT, 0600) == -ENOENT,
		  "fs: a removed current directory: nothing found or made in it");
	set_fs_pwd(current->fs, saved_cwd);
	tap_check(stat_path(T "/d", &st) == 0 && st.nlink == 2, "fs: the parent lost a link (%u)", st.nlink);

	/* Removal rules. */
	tap_check(krmdir(T "/d") == -ENOTEMPTY, "fs: rmdir of a non-empty directory is ENOTEMPTY");
	tap_check(krmdir(T "/d/f1") == -ENOTDIR, "fs: rmdir of a file is ENOTDIR");
	tap_check(kunlink(T "/d") == -EISDIR, "fs: unlink of a directory is EISDIR");
	tap_check(kunlink(T "/d/f1/") == -ENOTDIR, "fs: unlink of \"file/\" is ENOTDIR");
	tap_check(krmdir(T "/d/.") == -EINVAL && krmdir(T "/d/..") == -ENOTEMPTY,
		  "fs: rmdir of \".\" is EINVAL, of \"..\" ENOTEMPTY");
	tap_check(krmdir("/") == -EBUSY && krmdir("/proc") == -EBUSY,
		  "fs: rmdir of the root or a mount point is EBUSY");
	tap_check(kmkdir("/", 0755) == -EEXIST && kmkdir("/tmp/..", 0755) == -EEXIST,
		  "fs: mkdir of \"/\" or \"..\" is EEXIST");
	tap_check(sys_unlinkat(AT_FDCWD, NULL, 0x1) == -EINVAL,
		  "fs: unlinkat with unknown flags is EINVAL");
	tap_check(do_mknodat(AT_FDCWD, getname_kernel(T "/d/x"), S_IFDIR | 0755, 0) == -EPERM,
		  "fs: mknod of a directory is EPERM");

	fd = kopen(T "/d/f1", O_RDONLY, 0);
	tap_check(list_dir(fd, 4096, &l) == -ENOTDIR, "fs: getdents64 on a file is ENOTDIR");
	tap_check(kread(dfd, buf, 10) == -EISDIR, "fs: read of a directory is EISDIR");
	kclose(fd);
	kclose(dfd);

	ok = true;
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(buf, sizeof(buf), T "/d/%s", files[i]);
		ok = ok && kunlink(buf) == (i == 1 ? -ENOENT : 0);
	}
	tap_check(ok && krmdir(T "/d") == 0, "fs: emptied and removed");
}

/* ---- the page cache's index ---- */

/* radix_nodes: active objects of the radix_tree_node cache, from /proc/slabinfo. */
static long radix_nodes(void)
{
	char *text = read_all("/proc/slabinfo", NULL);
	const char *line;
	long n = -1;

	if (!text)
		return -1;
	line = strstr(text, "\nradix_tree_node ");
	if (line)
		n = strtol(line + 17, NULL, 10);
	kfree(text);
	return n;
}

static void *item(unsigned long index)
{
	return (void *)((index << 3) | 0x8000000000000000UL);	/* never dereferenced */
}

static void test_radix_tree(void)
{
	struct radix_tree_root root = RADIX_TREE_INIT;
	const unsigned long n = 5000;
	long nodes0 = radix_nodes(), nodes;
	void *found[16];
	unsigned int got;
	bool ok = true;

	tap_check(nodes0 >= 0, "radix: /proc/slabinfo has a radix_tree_node line (%ld)", nodes0);
	for (unsigned long i = 0; i < n; i++)
		ok = ok && radix_tree_insert(&root, i, item(i)) == 0;
	tap_check(ok, "radix: 5000 sequential inserts");
	tap_check(radix_tree_insert(&root, 17, item(17)) == -EEXIST, "radix: a second insert is EEXIST");
	for (unsigned long i = 0; i < n; i++)
		ok = ok && radix_tree_lookup(&root, i) == item(i);
	tap_check(ok && !radix_tree_lookup(&root, n) && !radix_tree_lookup(&root, ~0UL),
		  "radix: every index found, neighbours not");
	nodes = radix_nodes() - nodes0;
	/* 79 leaves of 64 slots and 2 levels above: the tree is a tree, not a list. */
	tap_check(nodes == 79 + 2 + 1, "radix: 5000 indices take %ld nodes (79 leaves + 3 above)", nodes);
	got = radix_tree_gang_lookup(&root, found, 4990, 16);
	ok = got == 10;
	for (unsigned int i = 0; ok && i < got; i++)
		ok = found[i] == item(4990 + i);
	tap_check(ok, "radix: gang lookup from 4990 returns the last 10 in order (%u)", got);
	for (unsigned long i = 0; i < n; i += 2)
		ok = ok && radix_tree_delete(&root, i) == item(i);
	for (unsigned long i = 0; i < n; i++)
		ok = ok && radix_tree_lookup(&root, i) == (i & 1 ? item(i) : NULL);
	tap_check(ok && radix_tree_delete(&root, 0) == NULL, "radix: deleting the even half");
	for (unsigned long i = 1; i < n; i += 2)
		radix_tree_delete(&root, i);
	tap_check(radix_tree_empty(&root) && radix_nodes() == nodes0,
		  "radix: empty again, every node freed (%ld)", radix_nodes() - nodes0);

	/* Sparse: one index at the top of 32 bits needs one node per level, no more. */
	radix_tree_insert(&root, 0xffffffffUL, item(1));
	tap_check(radix_nodes() - nodes0 == 6, "radix: index 2^32-1 alone takes 6 nodes (%ld)",
		  radix_nodes() - nodes0);
	radix_tree_insert(&root, 0, item(2));
	tap_check(radix_nodes() - nodes0 == 11 && radix_tree_lookup(&root, 0) == item(2) &&
		  radix_tree_lookup(&root, 0xffffffffUL) == item(1),
		  "radix: and index 0 beside it 5 more (%ld)", radix_nodes() - nodes0);
	radix_tree_delete(&root, 0xffffffffUL);
	tap_check(radix_nodes() - nodes0 == 1 && radix_tree_lookup(&root, 0) == item(2),
		  "radix: removing the high index shrinks the tree to one node (%ld)",
		  radix_nodes() - nodes0);
	radix_tree_delete(&root, 0);
	tap_check(radix_tree_empty(&root) && radix_nodes() == nodes0, "radix: empty");
}

static void test_page_cache(void)
{
	const unsigned long n = 3000;
	unsigned long cached0 = file_pages();
	struct address_space *mapping;
	struct page *batch[16];
	struct file *file;
	bool ok = true;
	unsigned long idx;
	unsigned int got;

	file = filp_open(T "/cache", O_RDWR | O_CREAT, 0600);
	if (!tap_check(!IS_ERR(file), "cache: a file to hold pages"))
		return;
	mapping = file->f_mapping;
	for (unsigned long i = 0; i < n; i++) {
		struct page *page = find_or_create_page(mapping, i, GFP_KERNEL);

		ok = ok && page && page->mapping == mapping && page->index == i &&
		     PageUptodate(page) && page_ref_count(page) == 2;
		if (page)
			put_page(page);
	}
	tap_check(ok && mapping->nrpages == n && file_pages() - cached0 == n,
		  "cache: 3000 pages created, each with mapping, index, PG_uptodate, 2 references");
	for (unsigned long i = 0; i < n; i++) {
		struct page *page = find_get_page(mapping, i);

		ok = ok && page && page->index == i && page_ref_count(page) == 2;
		if (page)
			put_page(page);
	}
	tap_check(ok && !find_get_page(mapping, n), "cache: find_get_page finds each, and no more");

	/* Sparse indices up to the largest a page can have. */
	for (unsigned long i = 0; i < 200; i++) {
		struct page *page = find_or_create_page(mapping, MAX_PAGE_INDEX - i * 21474836UL, GFP_KERNEL);

		ok = ok && page && page->index == MAX_PAGE_INDEX - i * 21474836UL;
		if (page)
			put_page(page);
	}
	tap_check(ok && mapping->nrpages == n + 200, "cache: 200 sparse pages up to index 2^32-1");
	tap_check(add_to_page_cache(batch[0] = alloc_page(GFP_KERNEL), mapping, MAX_PAGE_INDEX + 1) == -EFBIG,
		  "cache: an index past 32 bits is refused");
	put_page(batch[0]);
	got = find_get_pages(mapping, n - 5, 16, batch);
	ok = got == 16;
	for (unsigned int i = 0; ok && i < 5; i++)
		ok = batch[i]->index == n - 5 + i;
	ok = ok && batch[5]->index == MAX_PAGE_INDEX - 199 * 21474836UL;
	for (unsigned int i = 0; i < got; i++)
		put_page(batch[i]);
	tap_check(ok, "cache: a gang lookup crosses from the dense run to the sparse pages in order");

	/* Truncate the middle of the file's index range away. */
	truncate_inode_pages_range(mapping, (loff_t)1000 << PAGE_SHIFT, ((loff_t)2000 << PAGE_SHIFT) - 1);
	ok = mapping->nrpages == n + 200 - 1000;
	for (idx = 990; idx < 2010; idx++) {
		struct page *page = find_get_page(mapping, idx);

		ok = ok && !page == (idx >= 1000 && idx < 2000);
		if (page)
			put_page(page);
	}
	tap_check(ok, "cache: truncating pages 1000-1999 removes exactly those");
	truncate_inode_pages(mapping, 0);
	tap_check(mapping->nrpages == 0 && file_pages() == cached0 && radix_tree_empty(&mapping->i_pages),
		  "cache: truncating all: no pages, NR_FILE_PAGES back to %lu", cached0);
	fput(file);
	kunlink(T "/cache");
}

/* ---- initramfs ---- */

/* cpio_add: append one newc member to buf at *off. */
static void cpio_add(char *buf, size_t *off, const char *name, unsigned int mode,
		     const char *data, size_t size)
{
	size_t namesize = strlen(name) + 1;

	*off += (size_t)snprintf(buf + *off, 111, "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
				 1u, mode, 0u, 0u, 1u, 0u, size, 0u, 0u, 0u, 0u, namesize, 0u);
	memcpy(buf + *off, name, namesize);
	*off = ALIGN(*off + namesize, 4);
	memcpy(buf + *off, data, size);
	*off = ALIGN(*off + size, 4);
}

static void test_initramfs(void)
{
	char *ar = kzalloc(16384, GFP_KERNEL), *text;
	char *big = kmalloc(5000, GFP_KERNEL);
	size_t off = 0, len;
	struct kstat st;
	bool ok;

	if (!tap_check(ar && big, "cpio: buffers"))
		goto out;
	for (size_t i = 0; i < 5000; i++)
		big[i] = (char)pattern(i);
	cpio_add(ar, &off, "tmp/fstest/cpio", S_IFDIR | 0750, "", 0);
	cpio_add(ar, &off, "tmp/fstest/cpio/hello", S_IFREG | 0644, "hello, world\n", 13);
	cpio_add(ar, &off, "tmp/fstest/cpio/empty", S_IFREG | 0600, "", 0);
	cpio_add(ar, &off, "tmp/fstest/cpio/link", S_IFLNK | 0777, "hello", 5);
	cpio_add(ar, &off, "tmp/fstest/cpio/sub", S_IFDIR | 0755, "", 0);
	cpio_add(ar, &off, "tmp/fstest/cpio/sub/big", S_IFREG | 0640, big, 5000);
	cpio_add(ar, &off, "tmp/fstest/cpio/null", S_IFCHR | 0666, "", 0);
	cpio_add(ar, &off, "TRAILER!!!", 0, "", 0);
	tap_check(unpack_to_rootfs(ar, off + 12) == NULL, "cpio: a %zu-byte archive (and padding) unpacks", off);
	text = read_all(T "/cpio/hello", &len);
	tap_check(text && len == 13 && !strcmp(text, "hello, world\n"), "cpio: a small file's contents");
	kfree(text);
	text = read_all(T "/cpio/sub/big", &len);
	tap_check(text && len == 5000 && !memcmp(text, big, 5000), "cpio: a two-page file's contents");
	kfree(text);
	tap_check(stat_path(T "/cpio/sub/big", &st) == 0 && (st.mode & 07777) == 0640 &&
		  stat_path(T "/cpio", &st) == 0 && S_ISDIR(st.mode) && (st.mode & 07777) == 0750 &&
		  stat_path(T "/cpio/empty", &st) == 0 && st.size == 0,
		  "cpio: modes and sizes");
	{
		char target[16] = "";

		tap_check(kreadlink(T "/cpio/link", target, sizeof(target)) == 5 && !memcmp(target, "hello", 5),
			  "cpio: a symbolic link, with its target");
	}
	tap_check(stat_path(T "/cpio/null", &st) == 0 && S_ISCHR(st.mode), "cpio: a device node");

	ok = unpack_to_rootfs("070701zz", 8) != NULL;
	ar[0] = 'X';
	ok = ok && unpack_to_rootfs(ar, off) != NULL;
	ar[0] = '0';
	ok = ok && unpack_to_rootfs(ar, 200) != NULL;
	tap_check(ok, "cpio: bad magic, a short header and truncated data are reported");

	kunlink(T "/cpio/null");
	kunlink(T "/cpio/sub/big");
	krmdir(T "/cpio/sub");
	kunlink(T "/cpio/link");
	kunlink(T "/cpio/hello");
	kunlink(T "/cpio/empty");
	tap_check(krmdir(T "/cpio") == 0, "cpio: everything unpacked is removable");

	/* The archive the boot loader gave, if any: unpacked at boot and its memory freed. */
	if (phys_initrd_size) {
		unsigned long first = PFN_UP(phys_initrd_start);
		unsigned long last = PFN_DOWN(phys_initrd_start + phys_initrd_size);

		ok = true;
		for (unsigned long pfn = first; pfn < last; pfn++)
			ok = ok && !PageReserved(pfn_to_page(pfn));
		tap_check(ok && last > first, "initrd: its %lu pages went to the buddy allocator", last - first);
		text = read_all("/initrd-test/hello", &len);
		tap_check(text && !strcmp(text, "hello from the initramfs\n"),
			  "initrd: /initrd-test/hello came from the boot loader's archive");
		kfree(text);
	}
out:
	kfree(ar);
	kfree(big);
}

/* ---- pipes and devices ---- */

static void test_pipes(void)
{
	char *buf = kmalloc(8192, GFP_KERNEL), *in = kmalloc(8192, GFP_KERNEL);
	struct kstat st;
	int fd[2];
	long n;
	bool ok;

	if (!tap_check(buf && in && do_pipe_flags(fd, O_NONBLOCK) == 0, "pipe: pipe2(O_NONBLOCK)"))
		goto out;
	for (int i = 0; i < 8192; i++)
		buf[i] = (char)pattern((size_t)i);
	tap_check(vfs_fstat((unsigned int)fd[0], &st) == 0 && S_ISFIFO(st.mode), "pipe: is a FIFO");
	tap_check(kread(fd[0], in, 10) == -EAGAIN, "pipe: reading an empty pipe is EAGAIN");
	tap_check(kwrite(fd[0], buf, 1) == -EBADF && kread(fd[1], in, 1) == -EBADF,
		  "pipe: the ends go one way only");
	tap_check(kwrite(fd[1], buf, 4096) == 4096, "pipe: 4096 bytes fill it");
	tap_check(kwrite(fd[1], buf, 1) == -EAGAIN, "pipe: writing to a full pipe is EAGAIN");
	tap_check(kread(fd[0], in, 100) == 100 && !memcmp(in, buf, 100), "pipe: read 100");
	tap_check(kwrite(fd[1], buf + 4096, 200) == -EAGAIN,
		  "pipe: 200 bytes (<= PIPE_BUF) do not fit in 100 and are not split");
	n = kwrite(fd[1], buf + 4096, 5000);
	tap_check(n == 100, "pipe: 5000 bytes (> PIPE_BUF) go in as far as they fit (%ld)", n);
	n = kread(fd[0], in, 8192);
	tap_check(n == 4096 && !memcmp(in, buf + 100, 3996) && !memcmp(in + 3996, buf + 4096, 100),
		  "pipe: read across the wrap of the ring (%ld)", n);
	tap_check(sys_lseek((unsigned int)fd[0], 0, SEEK_SET) == -ESPIPE, "pipe: lseek is ESPIPE");
	kwrite(fd[1], "tail", 4);
	tap_check(kclose(fd[1]) == 0 && kread(fd[0], in, 100) == 4 && kread(fd[0], in, 100) == 0,
		  "pipe: after the writer closes: the rest, then end of file");
	kclose(fd[0]);

	/* Blocking mode never waits when it need not. */
	ok = do_pipe_flags(fd, O_CLOEXEC) == 0;
	ok = ok && kwrite(fd[1], "abc", 3) == 3 && kread(fd[0], in, 100) == 3;
	tap_check(ok, "pipe: blocking pipe: a read with data waiting returns it");
	tap_check(kclose(fd[0]) == 0 && kwrite(fd[1], "x", 1) == -EPIPE,
		  "pipe: writing with no reader is EPIPE");
	kclose(fd[1]);
	tap_check(do_pipe_flags(fd, 0x4) == -EINVAL, "pipe: unknown flags are EINVAL");
	{
		DECLARE_WAIT_QUEUE_HEAD(wq);

		tap_check(wait_event_interruptible(wq, ok) == 0,
			  "wait: wait_event_interruptible with a true condition returns 0");
	}
out:
	kfree(buf);
	kfree(in);
}

static void test_devices(void)
{
	struct kstat st;
	char buf[16];
	long fd, n;

	tap_check(stat_path("/dev/console", &st) == 0 && S_ISCHR(st.mode) && st.rdev == MKDEV(5, 1) &&
		  new_encode_dev(st.rdev) == 0x501, "dev: /dev/console is char 5:1 (0x%x)",
		  new_encode_dev(st.rdev));
	tap_check(stat_path("/dev/null", &st) == 0 && S_ISCHR(st.mode) && new_encode_dev(st.rdev) == 0x103 &&
		  (st.mode & 0777) == 0666, "dev: /dev/null is char 1:3, mode 666");
	fd = kopen("/dev/null", O_RDWR, 0);
	tap_check(fd >= 0 && kwrite(fd, "gone", 4) == 4 && kread(fd, buf, 16) == 0 &&
		  sys_lseek((unsigned int)fd, 100, SEEK_SET) == 0,
		  "dev: /dev/null swallows writes, reads as end of file, seeks to 0");
	kclose(fd);
	fd = kopen("/dev/console", O_RDWR | O_NONBLOCK, 0);
	tap_check(fd >= 0 && kwrite(fd, "# console write\n", 16) == 16, "dev: /dev/console writes");
	n = kread(fd, buf, sizeof(buf));
	tap_check(n == -EAGAIN || n > 0, "dev: a non-blocking console read: EAGAIN or input (%ld)", n);
	tap_check(sys_lseek((unsigned int)fd, 0, SEEK_SET) == -ESPIPE, "dev: the console cannot seek");
	kclose(fd);
	tap_check(do_mknodat(AT_FDCWD, getname_kernel(T "/nodev"), S_IFCHR | 0600, MKDEV(42, 7)) == 0 &&
		  kopen(T "/nodev", O_RDONLY, 0) == -ENXIO && kunlink(T "/nodev") == 0,
		  "dev: a node of a device nobody serves gives ENXIO");
}

/* ---- descriptor tables ---- */

static void test_fd_table(void)
{
	struct files_struct *files, *saved = current->files;
	long a, b, c, d, n;
	struct file *f;
	bool ok = true;

	/* A table of our own: growing it must not leave the boot task's table big. */
	current->files = alloc_files_struct();
	if (!tap_check(current->files != NULL, "fd: a new descriptor table")) {
		current->files = saved;
		return;
	}

	a = kopen("/dev/null", O_RDONLY, 0);
	b = kopen("/dev/null", O_RDONLY, 0);
	kclose(a);
	c = kopen("/dev/null", O_RDONLY, 0);
	tap_check(a >= 0 && b == a + 1 && c == a, "fd: the lowest free descriptor is reused (%ld %ld %ld)",
		  a, b, c);
	d = sys_dup((unsigned int)b);
	tap_check(d == b + 1, "fd: dup takes the lowest free one (%ld)", d);
	f = fget((unsigned int)b);
	tap_check(f && f->f_count == 3, "fd: dup'ed descriptors share one file (%d references with ours)",
		  f ? f->f_count : 0);
	if (f)
		fput(f);
	tap_check(sys_dup3((unsigned int)b, 100, O_CLOEXEC) == 100, "fd: dup3 to 100 grows the table");
	tap_check(current->files->max_fds == 128, "fd: the table has 128 slots (%u)", current->files->max_fds);
	tap_check(sys_dup3((unsigned int)b, (unsigned int)b, 0) == -EINVAL &&
		  sys_dup3((unsigned int)b, 101, O_APPEND) == -EINVAL &&
		  sys_dup3(500, 101, 0) == -EBADF && sys_dup3((unsigned int)b, NR_OPEN_MAX, 0) == -EBADF,
		  "fd: dup3 to itself or with bad flags is EINVAL, from or past the limit EBADF");
	n = sys_dup3((unsigned int)c, (unsigned int)d, 0);
	f = fget((unsigned int)d);
	tap_check(n == d && f && f == current->files->fd[c],
		  "fd: dup3 onto an open descriptor replaces it");
	if (f)
		fput(f);

	/* fork and exec: a copied table shares the files; exec closes the close-on-exec ones. */
	files = dup_fd(current->files);
	f = fget((unsigned int)b);
	/* b's file: descriptors b and 100 in each table, and our fget. */
	tap_check(files && files->fd[b] == f && files->fd[100] == f && f->f_count == 5,
		  "fd: dup_fd copies every descriptor, the files gain references (%d)", f->f_count);
	do_close_on_exec(files);
	tap_check(!files->fd[100] && files->fd[b] == f && f->f_count == 4,
		  "fd: do_close_on_exec closes only the O_CLOEXEC descriptor");
	put_files_struct(files);
	tap_check(f->f_count == 3, "fd: put_files_struct drops the copy's references");
	fput(f);
	tap_check(kclose(100) == 0 && kclose(b) == 0 && kclose(c) == 0 && kclose(d) == 0,
		  "fd: close them all");

	/* Up to the limit and no further. */
	a = kopen("/dev/null", O_RDONLY, 0);
	for (;;) {
		long fd = sys_dup((unsigned int)a);

		if (fd < 0) {
			ok = fd == -EMFILE;
			break;
		}
	}
	tap_check(ok && current->files->fd[NR_OPEN_MAX - 1], "fd: descriptors run out at %d with EMFILE",
		  NR_OPEN_MAX);
	put_files_struct(current->files);	/* closes all 1024 */
	current->files = saved;
	tap_check(saved->max_fds == NR_OPEN_DEFAULT, "fd: the boot task's table did not grow (%u)",
		  saved->max_fds);
}

/* ---- /proc ---- */

static int first_pid_cb(int pid, void *arg)
{
	*(int *)arg = pid;
	return 1;
}

/* meminfo_value: the kB value of label in /proc/meminfo, or -1. */
static long meminfo_value(const char *label)
{
	char *text = read_all("/proc/meminfo", NULL);
	const char *p;
	long v = -1;

	if (!text)
		return -1;
	p = strstr(text, label);
	if (p)
		v = strtol(p + 16, NULL, 10);
	kfree(text);
	return v;
}

/*
 * meminfo_format_ok: every line is "Label:" padded to 16, "%8lu kB" (a
 * value of more than 8 digits widens its line, as VmallocTotal's does).
 */
static bool meminfo_format_ok(const char *text)
{
	int lines = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		const char *colon = strchr(text, ':');

		if (!nl || !colon || colon > text + 15 || nl - text < 27 ||
		    memcmp(nl - 3, " kB", 3) || text[15] != ' ' || nl[-4] < '0' || nl[-4] > '9')
			return false;
		for (const char *s = colon + 1; s < text + 16; s++)
			if (*s != ' ')
				return false;
		lines++;
		text = nl + 1;
	}
	return lines >= 10;
}

static void test_proc(void)
{
	char *text, path[48], link[16];
	struct dirent_list l;
	struct kstat st;
	size_t len;
	long fd, cached0, cached1;
	int first_pid = 0;

	text = read_all("/proc/meminfo", &len);
	tap_check(text && !strncmp(text, "MemTotal:       ", 16) && meminfo_format_ok(text),
		  "proc: meminfo lines are \"Label:\" padded to 16 then \"%%8lu kB\"");
	tap_check(text && strstr(text, "\nCached:         "), "proc: meminfo has Cached");
	kfree(text);

	cached0 = meminfo_value("\nCached:");
	fd = kopen(T "/cached", O_RDWR | O_CREAT, 0600);
	{
		char *page = kzalloc(PAGE_SIZE, GFP_KERNEL);

		for (int i = 0; i < 10; i++)
			kwrite(fd, page, PAGE_SIZE);
		kfree(page);
	}
	cached1 = meminfo_value("\nCached:");
	tap_check(cached1 - cached0 == 40, "proc: 10 pages written show as 40 kB more Cached (%ld)",
		  cached1 - cached0);
	kclose(fd);
	kunlink(T "/cached");
	tap_check(meminfo_value("\nCached:") == cached0, "proc: and go when the file goes");

	text = read_all("/proc/buddyinfo", &len);
	tap_check(text && !strncmp(text, "Node 0, zone    DMA32 ", 22) && strchr(text, '\n') - text == 22 + 11 * 7,
		  "proc: buddyinfo: \"Node 0, zone    DMA32 \" and 11 columns of \"%%6lu \"");
	kfree(text);
	text = read_all("/proc/zoneinfo", NULL);
	tap_check(text && !strncmp(text, "Node 0, zone    DMA32\n  pages free     ", 39),
		  "proc: zoneinfo starts with the DMA32 zone");
	kfree(text);
	text = read_all("/proc/slabinfo", NULL);
	tap_check(text && !strncmp(text, "slabinfo - version: 2.1\n# name ", 31) &&
		  strstr(text, "\nkmalloc-64 "), "proc: slabinfo version 2.1 with the kmalloc caches");
	kfree(text);
	text = read_all("/proc/vmstat", NULL);
	tap_check(text && !strncmp(text, "nr_free_pages ", 14) && strstr(text, "\nnr_slab_unreclaimable "),
		  "proc: vmstat starts with nr_free_pages");
	tap_check(text && strstr(text, "\nnr_file_pages ") &&
		  strtoul(strstr(text, "\nnr_file_pages ") + 15, NULL, 10) == file_pages(),
		  "proc: vmstat's nr_file_pages is NR_FILE_PAGES");
	kfree(text);
	fd = kopen("/proc/meminfo", O_WRONLY, 0);
	tap_check(fd >= 0 && kwrite(fd, "1", 1) == -EIO, "proc: writing meminfo is EIO");
	kclose(fd);
	tap_check(kopen("/proc/new", O_RDWR | O_CREAT, 0600) == -EACCES && kmkdir("/proc/x", 0755) == -EPERM,
		  "proc: nothing can be created in /proc");

	/* self and the pid directories */
	snprintf(path, sizeof(path), "%d", current->pid);
	if (current->pid)
		tap_check(kreadlink("/proc/self", link, sizeof(link)) == (long)strlen(path) &&
			  !strcmp(link, path), "proc: /proc/self reads as \"%s\"", path);
	else	/* the self-tests run in the boot task, pid 0, which has no /proc directory (as Linux's idle task) */
		tap_check(kreadlink("/proc/self", link, sizeof(link)) == -ENOENT,
			  "proc: /proc/self of pid 0 (the idle task) does not resolve");
	tap_check(stat_at(AT_FDCWD, "/proc/self", AT_SYMLINK_NOFOLLOW, &st) == 0 && S_ISLNK(st.mode),
		  "proc: /proc/self is a symbolic link");
	for_each_pid(first_pid_cb, &first_pid);
	if (first_pid) {
		snprintf(path, sizeof(path), "/proc/%d/status", first_pid);
		text = read_all(path, NULL);
		tap_check(text && !strncmp(text, "Name:\t", 6), "proc: %s starts with \"Name:\\t\"", path);
		kfree(text);
		snprintf(path, sizeof(path), "/proc/%d/maps", first_pid);
		text = read_all(path, NULL);
		tap_check(text != NULL, "proc: %s opens", path);
		kfree(text);
		snprintf(path, sizeof(path), "/proc/%d/../%d/./status", first_pid, first_pid);
		tap_check(stat_path(path, &st) == 0 && S_ISREG(st.mode), "proc: .. and . inside /proc/<pid>");
	}
	if (find_task_by_pid(current->pid))
		tap_check(stat_path("/proc/self/status", &st) == 0 && S_ISREG(st.mode) &&
			  stat_path("/proc/self", &st) == 0 && S_ISDIR(st.mode),
			  "proc: /proc/self leads to the current process's directory");
	tap_check(!find_task_by_pid(99999) && stat_path("/proc/99999", &st) == -ENOENT &&
		  stat_path("/proc/0001", &st) == -ENOENT, "proc: no directory for a pid that does not exist");
	fd = kopen("/proc", O_RDONLY | O_DIRECTORY, 0);
	tap_check(list_dir(fd, 4096, &l) > 0 && find_name(&l, "meminfo") >= 0 &&
		  find_name(&l, "self") >= 0 && l.types[find_name(&l, "self")] == DT_LNK &&
		  find_name(&l, "sys") >= 0 && !l.bad_reclen && l.offsets_increase,
		  "proc: /proc lists meminfo, self (a link), sys");
	snprintf(path, sizeof(path), "%d", first_pid);
	tap_check(!first_pid || (find_name(&l, path) >= 0 && l.types[find_name(&l, path)] == DT_DIR),
		  "proc: /proc lists the pid directories");
	kclose(fd);
	tap_check(stat_path("/proc/sys/vm/../../meminfo", &st) == 0 && S_ISREG(st.mode),
		  "proc: \"..\" climbs the /proc tree");
	{
		struct kstat root, up;

		tap_check(stat_path("/proc/../tmp", &up) == 0 && stat_path("/tmp", &root) == 0 && up.ino == root.ino &&
			  up.dev == root.dev, "proc: /proc/.. is / (the mount is crossed back)");
		tap_check(stat_path("/proc", &up) == 0 && up.dev != root.dev && up.ino == 1,
			  "proc: /proc has its own device and root inode 1");
	}
}

/* drop_caches: the per-cpu lists and spare slabs go back, so zoneinfo's free counts are exact. */
static void test_drop_caches(void)
{
	struct page *pages[16];
	const struct zone *zone;
	int before, after;

	for (int i = 0; i < 16; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	zone = page_zone(pages[0]);
	for (int i = 0; i < 16; i++)
		__free_page(pages[i]);	/* now on the per-cpu list, not counted free */
	before = zone->pcp[0].count;
	tap_check(before >= 16, "sysctl: freed pages wait on the per-cpu list (%d)", before);
	/*
	 * The write path's own allocations after the handler may need a
	 * fresh slab (the handler emptied the caches), and that one page
	 * refills the drained list with a batch, less the page it takes.
	 */
	after = write_str("/proc/sys/vm/drop_caches", "3\n") == 2 ? zone->pcp[0].count : -1;
	tap_check(after >= 0 && after < zone->pcp[0].batch,
		  "sysctl: writing 3 to drop_caches drains the per-cpu lists (%d left of %d, batch %d)",
		  after, before, zone->pcp[0].batch);
	tap_check(write_str("/proc/sys/vm/drop_caches", "5\n") == -EINVAL &&
		  write_str("/proc/sys/vm/drop_caches", "0\n") == -EINVAL,
		  "sysctl: drop_caches takes 1 to 4 only");
}

static void test_sysctl(void)
{
	const struct zone *dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	int saved = min_free_kbytes, saved_wsf = watermark_scale_factor;
	int saved_ratio[MAX_NR_ZONES];
	unsigned long min0 = min_wmark_pages(dma32), want;
	char *text, expect[64];

	memcpy(saved_ratio, sysctl_lowmem_reserve_ratio, sizeof(saved_ratio));
	snprintf(expect, sizeof(expect), "%d\n", min_free_kbytes);
	text = read_all("/proc/sys/vm/min_free_kbytes", NULL);
	tap_check(text && !strcmp(text, expect), "sysctl: min_free_kbytes reads \"%d\\n\"", min_free_kbytes);
	kfree(text);

	tap_check(write_str("/proc/sys/vm/min_free_kbytes", "4096\n") == 5 && min_free_kbytes == 4096,
		  "sysctl: writing 4096 sets min_free_kbytes");
	want = 1024UL * dma32->managed_pages / totalram_pages();
	tap_check(min_wmark_pages(dma32) == want && want != min0,
		  "sysctl: the DMA32 min watermark moved to its share of 1024 pages (%lu, was %lu)",
		  min_wmark_pages(dma32), min0);
	text = read_all("/proc/sys/vm/min_free_kbytes", NULL);
	tap_check(text && !strcmp(text, "4096\n"), "sysctl: and reads back");
	kfree(text);
	tap_check(write_str("/proc/sys/vm/min_free_kbytes", "-1") == -EINVAL && min_free_kbytes == 4096,
		  "sysctl: a negative min_free_kbytes is EINVAL and changes nothing");
	tap_check(write_str("/proc/sys/vm/min_free_kbytes", "12abc") == -EINVAL &&
		  write_str("/proc/sys/vm/min_free_kbytes", "\n") == -EINVAL &&
		  write_str("/proc/sys/vm/min_free_kbytes", "99999999999") == -EINVAL,
		  "sysctl: junk, nothing and overflow are EINVAL");
	tap_check(write_str("/proc/sys/vm/min_free_kbytes", "0x800") == 5 && min_free_kbytes == 2048,
		  "sysctl: 0x800 is hex");

	tap_check(write_str("/proc/sys/vm/watermark_scale_factor", "0") == -EINVAL &&
		  write_str("/proc/sys/vm/watermark_scale_factor", "3001") == -EINVAL &&
		  watermark_scale_factor == saved_wsf, "sysctl: watermark_scale_factor outside 1..3000 is EINVAL");
	tap_check(write_str("/proc/sys/vm/watermark_scale_factor", "3000") == 4 &&
		  low_wmark_pages(dma32) - min_wmark_pages(dma32) == dma32->managed_pages * 3000 / 10000,
		  "sysctl: watermark_scale_factor 3000 spaces the watermarks by 30%% of the zone");

	snprintf(expect, sizeof(expect), "%d\t%d\n", sysctl_lowmem_reserve_ratio[0],
		 sysctl_lowmem_reserve_ratio[1]);
	text = read_all("/proc/sys/vm/lowmem_reserve_ratio", NULL);
	tap_check(text && !strcmp(text, expect), "sysctl: lowmem_reserve_ratio reads one value per zone");
	kfree(text);
	tap_check(write_str("/proc/sys/vm/lowmem_reserve_ratio", "128 -5") == 6 &&
		  sysctl_lowmem_reserve_ratio[0] == 128 && sysctl_lowmem_reserve_ratio[1] == 0 &&
		  dma32->lowmem_reserve[ZONE_NORMAL] ==
			NODE_DATA(0)->node_zones[ZONE_NORMAL].managed_pages / 128,
		  "sysctl: lowmem_reserve_ratio \"128 -5\": the reserve follows, below 1 is 0");
	{
		long fd = kopen("/proc/sys/vm/min_free_kbytes", O_RDWR, 0);
		char buf[16];

		tap_check(fd >= 0 && kwrite(fd, "3000", 4) == 4 && sys_lseek((unsigned int)fd, 0, SEEK_SET) == 0 &&
			  kread(fd, buf, sizeof(buf)) == 5 && !memcmp(buf, "3000\n", 5),
			  "sysctl: read after write on one fd shows the new value");
		kclose(fd);
	}

	/* Put everything back as it was. */
	memcpy(sysctl_lowmem_reserve_ratio, saved_ratio, sizeof(saved_ratio));
	setup_per_zone_lowmem_reserve();
	min_free_kbytes = saved;
	watermark_scale_factor = saved_wsf;
	setup_per_zone_wmarks();
	tap_check(min_wmark_pages(dma32) == min0, "sysctl: watermarks restored");
}

void selftest_fs(void)
{
	unsigned long cached0 = file_pages();

	if (!tap_check(kmkdir(T, 0755) == 0, "fs: scratch directory " T))
		return;
	test_file_io();
	test_directories();
	test_radix_tree();
	test_page_cache();
	test_initramfs();
	test_pipes();
	test_devices();
	test_fd_table();
	test_proc();
	test_sysctl();
	test_drop_caches();
	tap_check(krmdir(T) == 0, "fs: scratch directory removed");
	tap_check(file_pages() == cached0, "fs: NR_FILE_PAGES back to %lu (now %lu)", cached0, file_pages());
}
