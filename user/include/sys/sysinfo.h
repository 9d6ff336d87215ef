/*
 * sys/sysinfo.h: sysinfo(2), as glibc declares it (picolibc has none).
 * The memory figures are in units of mem_unit bytes.
 */
#ifndef _RVMM_SYS_SYSINFO_H
#define _RVMM_SYS_SYSINFO_H

#ifdef __cplusplus
extern "C" {
#endif

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5 and 15 minute load averages, << 16 */
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs;		/* processes */
	unsigned short pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;		/* bytes per unit of the memory figures */
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

int sysinfo(struct sysinfo *info);
/* get_nprocs, get_phys_pages...: glibc's shortcuts for sysconf's answers */
int get_nprocs(void);
int get_nprocs_conf(void);
long get_phys_pages(void);
long get_avphys_pages(void);

#ifdef __cplusplus
}
#endif

#endif /* _RVMM_SYS_SYSINFO_H */
