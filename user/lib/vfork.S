/*
 * vfork.S: vfork() = clone(CLONE_VM | CLONE_VFORK | SIGCHLD, same stack).
 *
 * In assembly because the child runs on the parent's stack, in the
 * parent's memory, until it calls execve or _exit.  A C function could
 * save ra in its frame and reload it in the epilogue: the child would
 * return through a frame that it then overwrites with its own calls, and
 * the parent, resumed later, would return through the garbage.  Here
 * nothing touches memory: the return address stays in ra.
 */
#define SYS_clone		220
#define CLONE_VM		0x00000100
#define CLONE_VFORK		0x00004000
#define SIGCHLD			17

	.text
	.globl	vfork
	.type	vfork, @function
vfork:
	li	a0, CLONE_VM | CLONE_VFORK | SIGCHLD
	li	a1, 0		/* new stack: 0 keeps the same sp */
	li	a2, 0		/* parent_tid */
	li	a3, 0		/* child_tid */
	li	a4, 0		/* tls */
	li	a7, SYS_clone
	ecall
	li	t0, -4096
	bgtu	a0, t0, 1f	/* -4095..-1 is a negated errno */
	ret
1:	tail	__sys_ret	/* failed: no child exists, the stack is ours */
	.size	vfork, . - vfork

	.section .note.GNU-stack, "", @progbits
