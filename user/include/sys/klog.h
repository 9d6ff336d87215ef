/*
 * sys/klog.h: klogctl(), the syslog(2) system call, under glibc's name.
 * glibc's header declares only the function; the action numbers are
 * added here with the names the syslog(2) man page gives them.
 */
#ifndef _RVMM_SYS_KLOG_H
#define _RVMM_SYS_KLOG_H

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#ifdef __cplusplus
extern "C" {
#endif

int klogctl(int type, char *bufp, int len);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_KLOG_H */
