/*
 * kernel/drivers/console.c: the character devices of the console's
 * major numbers: /dev/null here, /dev/console and /dev/tty in tty_io.c.
 *
 * /dev/null (major 1, minor 3) reads as end of file and swallows writes.
 */
#include <errno.h>
#include <fs.h>
#include <printk.h>
#include <tty.h>
#include <uaccess.h>

#define MEM_MAJOR	1

static ssize_t read_null(struct file *file, struct iov_iter *to, loff_t *pos)
{
	return 0;
}

static ssize_t write_null(struct file *file, struct iov_iter *from, loff_t *pos)
{
	return (ssize_t)from->count;
}

/* null_lseek: any seek succeeds and leaves the position at 0. */
static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos = 0;
}

static const struct file_operations null_fops = {
	.read = read_null,
	.write = write_null,
	.llseek = null_lseek,
};

void dev_console_init(void)
{
	if (__register_chrdev(MEM_MAJOR, 3, 1, "null", &null_fops))
		panic("dev_console_init: cannot register /dev/null");
	tty_init();
}
