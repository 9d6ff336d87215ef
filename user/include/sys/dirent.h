/*
 * sys/dirent.h: what picolibc's <dirent.h> includes for the system's part.
 * picolibc ships a stub that stops the build, so this one gives DIR and a
 * struct dirent shaped like glibc's; readdir() fills it from the kernel's
 * struct linux_dirent64 records (user/lib/dirent.c).
 */
#ifndef _RVMM_SYS_DIRENT_H
#define _RVMM_SYS_DIRENT_H

#include <sys/types.h>

/* d_type values: the kernel's, as getdents64 reports them */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct __dirstream DIR;

#ifdef __cplusplus
extern "C" {
#endif

/* The raw system call, as glibc declares it: fills buf with linux_dirent64 records. */
ssize_t getdents64(int fd, void *buf, size_t count);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_DIRENT_H */
