/*
 * crt0.S: process entry.  Linux starts a program with sp pointing at
 *
 *	argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs..., AT_NULL
 *
 * and sp 16-byte aligned (the psABI's stack alignment).  a0 may hold a
 * function for atexit() when a dynamic linker ran; a static program
 * ignores it.  Everything else happens in C (__rvmm_start in start.c).
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	.cfi_startproc
	.cfi_undefined ra	/* the outermost frame: debuggers stop here */
	li	s0, 0		/* no caller frame for backtraces to follow */
	li	ra, 0
	mv	a0, sp		/* __rvmm_start(sp at entry) */
	andi	sp, sp, -16	/* already aligned; cheap insurance */
	call	__rvmm_start
	unimp			/* __rvmm_start never returns */
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
