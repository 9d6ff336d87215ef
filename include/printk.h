/*
 * include/printk.h: the kernel log.  Messages carry a Linux log level as a
 * "\001N" prefix; all go to the ring buffer (read by dmesg), and those more
 * urgent than console_loglevel also go to the console.
 */
#ifndef _RVMM_PRINTK_H
#define _RVMM_PRINTK_H

#include <compiler.h>
#include <stdarg.h>
#include <types.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_DEFAULT	4	/* level of a message with no prefix */
#define CONSOLE_LOGLEVEL_DEFAULT 7	/* print levels 0..6 */

extern int console_loglevel;

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/* log_buf_read: copy up to len bytes of the log ring from offset off; returns bytes copied. */
size_t log_buf_read(char *out, size_t off, size_t len);
/* log_buf_len: bytes currently held in the log ring. */
size_t log_buf_len(void);

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
/* dump_stack: print a backtrace of the caller (frame pointers). */
void dump_stack(void);
/* dump_stack_from: backtrace starting at frame pointer fp, after printing pc if non-zero. */
void dump_stack_from(unsigned long fp, unsigned long pc);

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)
#define WARN_ON(cond) ({						\
	bool __w = !!(cond);						\
	if (unlikely(__w)) {						\
		pr_warn("WARNING at %s:%d\n", __FILE__, __LINE__);	\
		dump_stack();						\
	}								\
	__w; })

#endif
