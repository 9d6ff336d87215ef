/*
 * kernel/fs/initramfs.c: unpacking the initramfs into the root file system.
 *
 * The archive is in cpio's "newc" format (what `cpio -H newc` and Linux's
 * gen_init_cpio write).  Each member is a 110-byte header of ASCII
 * fields, its name, and its data:
 *
 *   "070701"  magic ("070702" is the same with a checksum, not checked)
 *   13 fields of 8 hex digits: ino, mode, uid, gid, nlink, mtime,
 *   filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
 *   name      namesize bytes including the NUL, padded to a multiple of 4
 *             counting from the start of the header
 *   data      filesize bytes, padded to a multiple of 4
 *
 * A member named "TRAILER!!!" ends an archive.  Several archives may
 * follow one another, with NUL padding between them, as Linux accepts.
 * Directories, regular files and character devices are created; other
 * members (symbolic links, hard links to an earlier member, FIFOs) are
 * logged and skipped.
 */
#include <err.h>
#include <errno.h>
#include <initrd.h>
#include <mm.h>
#include <namei.h>
#include <printk.h>
#include <slab.h>
#include <string.h>

#define CPIO_HDR_SIZE	110
#define CPIO_FIELDS	13

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_MAJOR, F_MINOR,
       F_RMAJOR, F_RMINOR, F_NAMESIZE, F_CHECK };

/* parse_header: the 13 fields of the header at p; false if it is not a newc header. */
static bool parse_header(const char *p, unsigned long *field)
{
	if (memcmp(p, "070701", 6) && memcmp(p, "070702", 6))
		return false;
	p += 6;
	for (int i = 0; i < CPIO_FIELDS; i++) {
		unsigned long v = 0;

		for (int j = 0; j < 8; j++, p++) {
			int d;

			if (*p >= '0' && *p <= '9')
				d = *p - '0';
			else if (*p >= 'a' && *p <= 'f')
				d = *p - 'a' + 10;
			else if (*p >= 'A' && *p <= 'F')
				d = *p - 'A' + 10;
			else
				return false;
			v = v << 4 | (unsigned long)d;
		}
		field[i] = v;
	}
	return true;
}

static long write_file(struct filename *name, umode_t mode, const char *data, size_t size)
{
	struct file *file = do_filp_open(AT_FDCWD, name, O_WRONLY | O_CREAT | O_TRUNC, mode);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(file))
		return PTR_ERR(file);
	n = size ? kernel_write(file, data, size, &pos) : 0;
	fput(file);
	if (n < 0)
		return n;
	return (size_t)n == size ? 0 : -ENOSPC;
}

/* do_member: create one archive member; the name is relative to the current directory. */
static void do_member(const char *path, const unsigned long *field, const char *data)
{
	umode_t mode = (umode_t)field[F_MODE];
	struct filename *name;
	long err = 0;

	if (!strcmp(path, ".") || !strcmp(path, "./") || !strcmp(path, "/"))
		return;				/* the root exists */
	name = getname_kernel(path);
	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = do_mkdirat(AT_FDCWD, name, mode & 07777);
		if (err == -EEXIST)
			err = 0;		/* a directory listed twice, or one vfs_init made */
		break;
	case S_IFREG:
		if (field[F_NLINK] > 1 && field[F_FILESIZE] == 0)
			pr_info("initramfs: %s: hard links are not supported, left empty\n", path);
		err = write_file(name, mode & 07777, data, field[F_FILESIZE]);
		putname(name);
		break;
	case S_IFCHR:
		err = do_mknodat(AT_FDCWD, name, mode,
				 MKDEV(field[F_RMAJOR], field[F_RMINOR]));
		break;
	case S_IFLNK: {
		/* The member's data is the target, without a terminating NUL. */
		char *target = kmalloc(field[F_FILESIZE] + 1, GFP_KERNEL);

		if (!target) {
			putname(name);
			err = -ENOMEM;
			break;
		}
		memcpy(target, data, field[F_FILESIZE]);
		target[field[F_FILESIZE]] = '\0';
		err = do_symlinkat(getname_kernel(target), AT_FDCWD, name);
		kfree(target);
		break;
	}
	default:
		pr_info("initramfs: %s: file type %#o not supported, skipped\n", path, mode & S_IFMT);
		putname(name);
		break;
	}
	if (err)
		pr_err("initramfs: %s: error %ld\n", path, err);
}

const char *unpack_to_rootfs(const char *buf, size_t len)
{
	size_t off = 0;

	while (off < len) {
		unsigned long field[CPIO_FIELDS];
		size_t name_off, data_off, end;
		const char *name;

		if (buf[off] == '\0') {		/* padding between archives */
			off++;
			continue;
		}
		if (off & 3)
			return "misaligned member (bad padding)";
		if (len - off < CPIO_HDR_SIZE)
			return "truncated header";
		if (!parse_header(buf + off, field))
			return "no cpio magic (not an uncompressed newc archive)";
		name_off = off + CPIO_HDR_SIZE;
		if (field[F_NAMESIZE] == 0 || field[F_NAMESIZE] > PATH_MAX ||
		    field[F_NAMESIZE] > len - name_off)
			return "bad or truncated name";
		name = buf + name_off;
		if (name[field[F_NAMESIZE] - 1] != '\0')
			return "name not terminated";
		data_off = ALIGN(name_off + field[F_NAMESIZE], 4);
		if (data_off > len || field[F_FILESIZE] > len - data_off)
			return "truncated data";
		end = data_off + field[F_FILESIZE];
		if (strcmp(name, "TRAILER!!!"))
			do_member(name, field, buf + data_off);
		off = ALIGN(end, 4);
	}
	return NULL;
}

void populate_rootfs(phys_addr_t start, size_t size)
{
	const char *err;

	if (!pfn_valid(PFN_DOWN(start)) || !pfn_valid(PFN_DOWN(start + size - 1))) {
		pr_err("initramfs: [%#lx+%#zx] is outside RAM; ignored\n", (unsigned long)start, size);
		return;
	}
	pr_info("Unpacking initramfs...\n");
	err = unpack_to_rootfs(__va(start), size);
	if (err)
		pr_err("Initramfs unpacking failed: %s\n", err);
	/* Its contents are in the page cache now: the archive's memory can go (Linux poisons it). */
	free_reserved_area(__va(start), __va(start + size), 0xcc, "initrd");
}
