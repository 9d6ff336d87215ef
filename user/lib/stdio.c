/*
 * stdio.c: stdin, stdout and stderr for picolibc's stdio, on descriptors
 * 0, 1 and 2 through its buffered-fd FILE (stdio-bufio.h).
 *
 * stdout and stderr are line-buffered: whole lines reach the terminal or
 * pipe in one write, and output comes out in the order it was written
 * even when both go to the same place.  Reading stdin flushes stdout first
 * (picolibc does that), so a prompt without a newline still appears.
 * exit() runs destructors, and the one below flushes what is left; _exit()
 * does not, as POSIX says.
 */
#include <stdio.h>
#include <stdio-bufio.h>
#include <unistd.h>

static char in_buf[512], out_buf[512], err_buf[256];

static struct __file_bufio in_file =
	FDEV_SETUP_BUFIO(0, in_buf, sizeof(in_buf), read, write, lseek, close, __SRD, 0);
static struct __file_bufio out_file =
	FDEV_SETUP_BUFIO(1, out_buf, sizeof(out_buf), read, write, lseek, close, __SWR, __BLBF);
static struct __file_bufio err_file =
	FDEV_SETUP_BUFIO(2, err_buf, sizeof(err_buf), read, write, lseek, close, __SWR, __BLBF);

FILE *const stdin = &in_file.xfile.cfile.file;
FILE *const stdout = &out_file.xfile.cfile.file;
FILE *const stderr = &err_file.xfile.cfile.file;

__attribute__((destructor)) static void flush_at_exit(void)
{
	fflush(stdout);
	fflush(stderr);
}
