/*
 * kernel/riscv/switch.S: __switch_to(prev, next) saves the registers a C caller
 * expects to survive a call (ra, sp, s0-s11) into prev->thread, loads
 * next's, and returns -- on next's stack, into whatever next was doing
 * when it last called __switch_to (or ret_from_fork for a new task).
 * It returns prev, so the new task knows whom it replaced.
 */
	.section .text
	.globl __switch_to
__switch_to:
	sd	ra, 0 * 8(a0)
	sd	sp, 1 * 8(a0)
	sd	s0, 2 * 8(a0)
	sd	s1, 3 * 8(a0)
	sd	s2, 4 * 8(a0)
	sd	s3, 5 * 8(a0)
	sd	s4, 6 * 8(a0)
	sd	s5, 7 * 8(a0)
	sd	s6, 8 * 8(a0)
	sd	s7, 9 * 8(a0)
	sd	s8, 10 * 8(a0)
	sd	s9, 11 * 8(a0)
	sd	s10, 12 * 8(a0)
	sd	s11, 13 * 8(a0)
	ld	ra, 0 * 8(a1)
	ld	sp, 1 * 8(a1)
	ld	s0, 2 * 8(a1)
	ld	s1, 3 * 8(a1)
	ld	s2, 4 * 8(a1)
	ld	s3, 5 * 8(a1)
	ld	s4, 6 * 8(a1)
	ld	s5, 7 * 8(a1)
	ld	s6, 8 * 8(a1)
	ld	s7, 9 * 8(a1)
	ld	s8, 10 * 8(a1)
	ld	s9, 11 * 8(a1)
	ld	s10, 12 * 8(a1)
	ld	s11, 13 * 8(a1)
	ret
