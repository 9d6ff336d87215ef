/*
 * sys/wait.h: picolibc's, plus what Linux's has beyond it: wait4() and
 * waitid() as glibc declares them, the stop and continue options, and
 * WIFCONTINUED.  The status word is Linux's encoding, which picolibc's
 * W* macros already decode.
 */
#ifndef _RVMM_SYS_WAIT_H
#define _RVMM_SYS_WAIT_H

#include_next <sys/wait.h>
#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WSTOPPED	WUNTRACED
#define WEXITED		4
#define WCONTINUED	8
#define WNOWAIT		0x01000000
#define WIFCONTINUED(w)	((w) == 0xffff)
#define WCOREDUMP(w)	((w) & 0x80)

typedef enum { P_ALL = 0, P_PID = 1, P_PGID = 2 } idtype_t;

struct rusage;
pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage);
int waitid(idtype_t idtype, id_t id, siginfo_t *infop, int options);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_WAIT_H */
