/*
 * sys/utsname.h: uname(), which picolibc lacks.  The structure is Linux's
 * struct new_utsname (six fields of 65 bytes), so the kernel fills the
 * caller's structure directly.
 */
#ifndef _RVMM_SYS_UTSNAME_H
#define _RVMM_SYS_UTSNAME_H

#define _UTSNAME_LENGTH 65

struct utsname {
	char sysname[_UTSNAME_LENGTH];
	char nodename[_UTSNAME_LENGTH];
	char release[_UTSNAME_LENGTH];
	char version[_UTSNAME_LENGTH];
	char machine[_UTSNAME_LENGTH];
	char domainname[_UTSNAME_LENGTH];
};

#ifdef __cplusplus
extern "C" {
#endif

int uname(struct utsname *buf);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_UTSNAME_H */
