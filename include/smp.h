/* include/smp.h: which cpu is running.  Only the boot hart runs so far. */
#ifndef _RVMM_SMP_H
#define _RVMM_SMP_H

static inline unsigned int smp_processor_id(void)
{
	return 0;
}

#endif
