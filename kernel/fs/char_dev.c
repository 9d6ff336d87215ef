/*
 * kernel/fs/char_dev.c: character devices.
 *
 * A character device node (/dev/console) is an inode with a device
 * number and no data.  Opening it goes through def_chr_fops, whose open
 * finds the driver registered for that major and minor and replaces the
 * file's operations with the driver's, so every later read and write goes
 * straight to the driver.
 */
#include <errno.h>
#include <fs.h>
#include <printk.h>

#define MAX_CHRDEV_REGIONS	16

static struct char_device_struct {
	unsigned int major, baseminor, count;
	const char *name;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEV_REGIONS];
static unsigned int nr_chrdevs;

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	for (unsigned int i = 0; i < nr_chrdevs; i++) {
		const struct char_device_struct *cd = &chrdevs[i];

		if (cd->major == major && baseminor < cd->baseminor + cd->count &&
		    cd->baseminor < baseminor + count)
			return -EBUSY;
	}
	if (nr_chrdevs == MAX_CHRDEV_REGIONS)
		return -ENOSPC;
	chrdevs[nr_chrdevs++] = (struct char_device_struct){ major, baseminor, count, name, fops };
	return 0;
}

static const struct file_operations *lookup_chrdev(dev_t dev)
{
	for (unsigned int i = 0; i < nr_chrdevs; i++) {
		const struct char_device_struct *cd = &chrdevs[i];

		if (cd->major == MAJOR(dev) && MINOR(dev) >= cd->baseminor &&
		    MINOR(dev) < cd->baseminor + cd->count)
			return cd->fops;
	}
	return NULL;
}

/* chrdev_open: hand the file to the driver of its device number. */
static int chrdev_open(struct inode *inode, struct file *file)
{
	const struct file_operations *fops = lookup_chrdev(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	file->f_op = fops;
	return fops->open ? fops->open(inode, file) : 0;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
	.llseek = no_llseek,
};
