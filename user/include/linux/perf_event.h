/*
 * linux/perf_event.h: perf_event_open(2)'s attributes and ioctls, the
 * first PERF_ATTR_SIZE_VER0 bytes of Linux's include/uapi/linux/perf_event.h
 * (a kernel takes a shorter struct than its own, with the size said).
 */
#ifndef _RVMM_LINUX_PERF_EVENT_H
#define _RVMM_LINUX_PERF_EVENT_H

#include <stdint.h>

#define PERF_TYPE_HARDWARE		0
#define PERF_COUNT_HW_CPU_CYCLES	0
#define PERF_COUNT_HW_INSTRUCTIONS	1

#define PERF_ATTR_SIZE_VER0	64
#define PERF_FLAG_FD_CLOEXEC	(1UL << 3)

struct perf_event_attr {
	uint32_t type;
	uint32_t size;
	uint64_t config;
	union {
		uint64_t sample_period;
		uint64_t sample_freq;
	};
	uint64_t sample_type;
	uint64_t read_format;
	uint64_t disabled : 1, inherit : 1, pinned : 1, exclusive : 1,
		 exclude_user : 1, exclude_kernel : 1, exclude_hv : 1, exclude_idle : 1,
		 __reserved_1 : 56;
	union {
		uint32_t wakeup_events;
		uint32_t wakeup_watermark;
	};
	uint32_t bp_type;
	union {
		uint64_t bp_addr;
		uint64_t config1;
	};
};

#define PERF_EVENT_IOC_ENABLE	0x2400	/* _IO('$', 0) */
#define PERF_EVENT_IOC_DISABLE	0x2401	/* _IO('$', 1) */
#define PERF_EVENT_IOC_RESET	0x2403	/* _IO('$', 3) */

#endif /* _RVMM_LINUX_PERF_EVENT_H */
