/*
 * pthread_clone.S: the two moments of a thread's life that cannot be C.
 *
 * __pthread_clone(fn, stack, flags, arg, ptid, tls, ctid): clone(2), and
 * in the child, on its new stack, fn(arg) and then exit(2) with its
 * result.  C could not do it: the child returns from the ecall on a
 * stack holding none of the caller's frames.  riscv64's clone takes
 * flags, newsp, parent_tid, tls, child_tid.  The parent gets the raw
 * result: the new thread's id or a negated errno.
 *
 * __pthread_unmap_exit(base, size): munmap(2) the calling thread's own
 * stack and exit(2), touching no memory in between.
 */
#define SYS_exit	93
#define SYS_munmap	215
#define SYS_clone	220

	.text
	.globl	__pthread_clone
	.type	__pthread_clone, @function
__pthread_clone:
	andi	a1, a1, -16	/* the psABI's 16-byte stack alignment */
	addi	a1, a1, -16
	sd	a0, 0(a1)	/* fn and arg, for the child to find on its stack */
	sd	a3, 8(a1)
	mv	a0, a2		/* flags */
	mv	a2, a4		/* parent_tid */
	mv	a3, a5		/* tls */
	mv	a4, a6		/* child_tid */
	li	a7, SYS_clone
	ecall
	beqz	a0, 1f
	ret			/* the parent: tid or -errno */
1:	li	ra, 0		/* the child's outermost frame */
	li	s0, 0
	ld	t0, 0(sp)
	ld	a0, 8(sp)
	jalr	t0
	li	a7, SYS_exit	/* fn returned: end this thread only */
	ecall
	unimp
	.size	__pthread_clone, . - __pthread_clone

	.globl	__pthread_unmap_exit
	.type	__pthread_unmap_exit, @function
__pthread_unmap_exit:
	li	a7, SYS_munmap
	ecall
	li	a0, 0
	li	a7, SYS_exit
	ecall
	unimp
	.size	__pthread_unmap_exit, . - __pthread_unmap_exit

	.section .note.GNU-stack, "", @progbits
