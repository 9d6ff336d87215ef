/*
 * kernel/selftest_user.S: a user program for the proc self-test, written in
 * assembly so that it needs no file system and no libc.  It is copied
 * into an ELF image at run time, so it uses PC-relative addressing only.
 * It exits with a mask of the checks that failed (0: all passed):
 *   1 getpid > 0        2 fork + exit(7) + wait4 gives 0x700
 *   4 a child reading page 0 dies of SIGSEGV
 *   8 a child reading a kernel address dies of SIGSEGV
 *  16 uname with a bad pointer gives -EFAULT
 *  32 brk grows (the new page is writable) and shrinks
 *  64 an unknown system call gives -ENOSYS
 * 128 wait4 with no children left gives -ECHILD
 */
	.section .rodata.user_test, "a"
	.balign 4
	.globl user_test_start
user_test_start:
	li	s11, 0

	li	a7, 172			/* getpid */
	ecall
	bgtz	a0, 1f
	ori	s11, s11, 1
1:
	call	do_fork
	bnez	a0, 2f
	li	a0, 7			/* child: exit(7) */
	li	a7, 94
	ecall
2:	call	reap
	li	t2, 0x700
	beq	a0, t2, 3f
	ori	s11, s11, 2
3:
	call	do_fork
	bnez	a0, 4f
	ld	t0, 0(zero)		/* child: read page 0 */
	li	a7, 94
	ecall
4:	call	reap
	li	t2, 11			/* killed by SIGSEGV */
	beq	a0, t2, 5f
	ori	s11, s11, 4
5:
	call	do_fork
	bnez	a0, 6f
	li	t0, 0xffffffff80200000	/* child: read kernel text */
	ld	t1, 0(t0)
	li	a7, 94
	ecall
6:	call	reap
	li	t2, 11
	beq	a0, t2, 7f
	ori	s11, s11, 8
7:
	li	a0, 1			/* uname((void *)1) */
	li	a7, 160
	ecall
	li	t0, -14
	beq	a0, t0, 8f
	ori	s11, s11, 16
8:
	li	a0, 0			/* brk(0): the current break */
	li	a7, 214
	ecall
	mv	s2, a0
	li	t0, 8192
	add	a0, s2, t0
	li	a7, 214
	ecall
	li	t0, 8192
	add	t1, s2, t0
	bne	a0, t1, 9f
	sb	t1, -1(t1)		/* the new heap page is there and writable */
	mv	a0, s2
	li	a7, 214
	ecall
	beq	a0, s2, 10f
9:	ori	s11, s11, 32
10:
	li	a7, 999			/* no such system call */
	ecall
	li	t0, -38
	beq	a0, t0, 11f
	ori	s11, s11, 64
11:
	li	a0, -1			/* wait4(-1, NULL, 0, NULL): nobody left */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a7, 260
	ecall
	li	t0, -10
	beq	a0, t0, 12f
	ori	s11, s11, 128
12:
	mv	a0, s11
	li	a7, 94			/* exit_group(mask) */
	ecall

/* do_fork: clone(SIGCHLD, 0, 0, 0, 0); returns the child's pid, or 0 in the child. */
do_fork:
	li	a0, 17
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, 220
	ecall
	ret

/* reap: wait4(a0, &status, 0, NULL); returns the status, or -1 if wait4 answered another pid. */
reap:
	mv	t3, a0
	addi	sp, sp, -16
	mv	a1, sp
	li	a2, 0
	li	a3, 0
	li	a7, 260
	ecall
	lw	t1, 0(sp)
	addi	sp, sp, 16
	li	t2, -1
	bne	a0, t3, 1f
	mv	t2, t1
1:	mv	a0, t2
	ret
	.globl user_test_end
user_test_end:

/*
 * A benchmark program, its work chosen by argc:
 *   1 nothing (the baseline)        2 1000 getpid calls
 *   3 100 x (fork, child exits, wait)
 *   4 write one byte in each page of 16 MiB of fresh heap
 *   5 as 4, then fork; the child exits at once; wait
 *   6 as 4, then fork; the child writes each page again (copy-on-write); wait
 *   7 1000 x (mmap 4 KiB of anonymous memory, munmap it)
 *   8 100 x (mmap 1 MiB of anonymous memory, munmap it)
 *   9 20 x (vfork, the child execs "/bin/echo -n", wait)
 *  10 1000 x (kill self with SIGUSR1, an empty handler, rt_sigreturn)
 *  15 100 x (a thread that exits at once; wait for its CLONE_CHILD_CLEARTID)
 *  16 1000 futex round trips between two threads, then the thread exits
 *  17 1000 clock_gettime(CLOCK_MONOTONIC) calls
 * Modes 1, 2, 7-10 and 15-17 work without an MMU too.
 */
#define THREAD_FLAGS	0x350f00	/* CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
					   CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID */
	.balign 4
	.globl user_bench_start
user_bench_start:
	ld	t0, 0(sp)		/* argc */
	li	t1, 2
	beq	t0, t1, 1f
	li	t1, 3
	beq	t0, t1, 3f
	li	t1, 7
	beq	t0, t1, 8f
	li	t1, 8
	beq	t0, t1, 11f
	li	t1, 9
	beq	t0, t1, 13f
	li	t1, 10
	beq	t0, t1, 16f
	li	t1, 15
	beq	t0, t1, 30f
	li	t1, 16
	beq	t0, t1, 40f
	li	t1, 17
	beq	t0, t1, 50f
	li	t1, 11
	bgeu	t0, t1, 18f
	li	t1, 4
	bltu	t0, t1, 9f
	call	grow16			/* 4, 5, 6: s2..s3 is 16 MiB of fresh heap */
	call	touch16
	ld	t0, 0(sp)
	li	t1, 4
	beq	t0, t1, 9f
	li	a0, 17			/* fork */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, 220
	ecall
	bnez	a0, 7f
	ld	t0, 0(sp)		/* child */
	li	t1, 6
	bne	t0, t1, 6f
	call	touch16
6:	li	a0, 0
	li	a7, 94
	ecall
7:	li	a1, 0			/* parent: wait4(child) */
	li	a2, 0
	li	a3, 0
	li	a7, 260
	ecall
	j	9f
8:	li	s1, 1000
10:	li	a0, 0			/* mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
	li	a1, 4096
	li	a2, 3
	li	a3, 0x22
	li	a4, -1
	li	a5, 0
	li	a7, 222
	ecall
	li	a1, 4096		/* munmap(it, 4096) */
	li	a7, 215
	ecall
	addi	s1, s1, -1
	bnez	s1, 10b
	j	9f
11:	li	s1, 100
12:	li	a0, 0			/* mmap(NULL, 1 MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
	li	a1, 0x100000
	li	a2, 3
	li	a3, 0x22
	li	a4, -1
	li	a5, 0
	li	a7, 222
	ecall
	li	a1, 0x100000		/* munmap(it, 1 MiB) */
	li	a7, 215
	ecall
	addi	s1, s1, -1
	bnez	s1, 12b
	j	9f
13:	li	s1, 20
14:	li	a0, 0x4111		/* clone(CLONE_VM | CLONE_VFORK | SIGCHLD): vfork */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, 220
	ecall
	bnez	a0, 15f
	addi	sp, sp, -32		/* child, on the parent's stack: argv below its sp */
	lla	t0, echo_path
	sd	t0, 0(sp)
	lla	t0, echo_arg
	sd	t0, 8(sp)
	sd	zero, 16(sp)
	lla	a0, echo_path		/* execve("/bin/echo", { "/bin/echo", "-n", NULL }, NULL) */
	mv	a1, sp
	li	a2, 0
	li	a7, 221
	ecall
	li	a0, 127			/* the exec failed */
	li	a7, 94
	ecall
15:	li	a1, 0			/* parent: wait4(child, NULL, 0, NULL) */
	li	a2, 0
	li	a3, 0
	li	a7, 260
	ecall
	addi	s1, s1, -1
	bnez	s1, 14b
	j	9f
1:	li	s1, 1000
2:	li	a7, 172			/* getpid */
	ecall
	addi	s1, s1, -1
	bnez	s1, 2b
	j	9f
3:	li	s1, 100
4:	li	a0, 17			/* clone(SIGCHLD): fork */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, 220
	ecall
	bnez	a0, 5f
	li	a0, 0			/* child: exit(0) */
	li	a7, 94
	ecall
5:	li	a1, 0			/* wait4(pid, NULL, 0, NULL) */
	li	a2, 0
	li	a3, 0
	li	a7, 260
	ecall
	addi	s1, s1, -1
	bnez	s1, 4b
	j	9f
16:	addi	sp, sp, -32		/* rt_sigaction(SIGUSR1, { bench_sig_handler, 0, 0 }, NULL, 8) */
	lla	t0, bench_sig_handler
	sd	t0, 0(sp)
	sd	zero, 8(sp)
	sd	zero, 16(sp)
	li	a0, 10
	mv	a1, sp
	li	a2, 0
	li	a3, 8
	li	a7, 134
	ecall
	addi	sp, sp, 32
	li	a7, 172			/* getpid */
	ecall
	mv	s2, a0
	li	s1, 1000
17:	mv	a0, s2			/* kill(self, SIGUSR1): the handler runs before kill returns */
	li	a1, 10
	li	a7, 129
	ecall
	addi	s1, s1, -1
	bnez	s1, 17b
	j	9f
18:	li	t1, 13			/* 11: mremap a touched 1 MiB to 2 MiB; 12: the same without the mremap; */
	bltu	t0, t1, 22f		/* 13, 14: the same under a page mapped just above, so that it must move */
	li	a0, 0			/* mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0): top-down, */
	li	a1, 4096		/* so every 1 MiB mapping lands right below it */
	li	a2, 1
	li	a3, 0x22
	li	a4, -1
	li	a5, 0
	li	a7, 222
	ecall
22:	li	s1, 100
19:	li	a0, 0			/* mmap(NULL, 1 MiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
	li	a1, 0x100000
	li	a2, 3
	li	a3, 0x22
	li	a4, -1
	li	a5, 0
	li	a7, 222
	ecall
	mv	s2, a0
	li	t0, 0x100000
	add	s3, s2, t0
	call	touch16			/* every page of it written */
	li	a1, 0x100000		/* munmap's length, without the mremap */
	ld	t0, 0(sp)
	andi	t0, t0, 1
	beqz	t0, 20f			/* 12 and 14: no mremap */
	mv	a0, s2			/* mremap(it, 1 MiB, 2 MiB, MREMAP_MAYMOVE) */
	li	a1, 0x100000
	li	a2, 0x200000
	li	a3, 1
	li	a7, 216
	ecall
	li	t0, -4096
	bgeu	a0, t0, 21f		/* an error: exit 1, and no figure */
	mv	s2, a0
	li	a1, 0x200000
20:	mv	a0, s2			/* munmap */
	li	a7, 215
	ecall
	addi	s1, s1, -1
	bnez	s1, 19b
	j	9f
50:	addi	sp, sp, -16		/* a struct timespec on the stack */
	li	s1, 1000
51:	li	a0, 1			/* clock_gettime(CLOCK_MONOTONIC, sp) */
	mv	a1, sp
	li	a7, 113
	ecall
	addi	s1, s1, -1
	bnez	s1, 51b
	addi	sp, sp, 16
9:	li	a0, 0
	li	a7, 94
	ecall
21:	li	a0, 1
	li	a7, 94
	ecall

	/* The threads touch no memory but the words: any stack does, the parent's too. */
30:	addi	sp, sp, -16		/* 11: the word at 0(sp) is the thread's tid until it exits */
	li	s1, 100
31:	li	a0, THREAD_FLAGS
	mv	a1, sp
	mv	a2, sp			/* parent_tid */
	li	a3, 0			/* tls */
	mv	a4, sp			/* child_tid */
	li	a7, 220
	ecall
	beqz	a0, 33f
32:	lw	a2, 0(sp)		/* while (word) futex(&word, FUTEX_WAIT, word) */
	beqz	a2, 34f
	mv	a0, sp
	li	a1, 0
	li	a3, 0
	li	a7, 98
	ecall
	j	32b
33:	li	a0, 0			/* the thread: exit(0) */
	li	a7, 93
	ecall
34:	addi	s1, s1, -1
	bnez	s1, 31b
	addi	sp, sp, 16
	j	9b

40:	addi	sp, sp, -16		/* 12: W at 0(s4): 1 the thread's turn, 0 the main thread's, 2 stop */
	mv	s4, sp
	sw	zero, 0(s4)
	li	a0, THREAD_FLAGS
	mv	a1, sp
	addi	a2, s4, 4		/* the join word, at 4(s4) */
	li	a3, 0
	addi	a4, s4, 4
	li	a7, 220
	ecall
	beqz	a0, 45f
	li	s1, 1000
41:	li	t0, 1			/* W = 1, FUTEX_WAKE(W, 1) */
	sw	t0, 0(s4)
	mv	a0, s4
	li	a1, 1
	li	a2, 1
	li	a7, 98
	ecall
42:	lw	t0, 0(s4)		/* while (W == 1) FUTEX_WAIT(W, 1) */
	li	t1, 1
	bne	t0, t1, 43f
	mv	a0, s4
	li	a1, 0
	li	a2, 1
	li	a3, 0
	li	a7, 98
	ecall
	j	42b
43:	addi	s1, s1, -1
	bnez	s1, 41b
	li	t0, 2			/* W = 2: the thread leaves */
	sw	t0, 0(s4)
	mv	a0, s4
	li	a1, 1
	li	a2, 1
	li	a7, 98
	ecall
44:	lw	a2, 4(s4)		/* join: until the thread's exit zeroes the word */
	beqz	a2, 47f
	addi	a0, s4, 4
	li	a1, 0
	li	a3, 0
	li	a7, 98
	ecall
	j	44b
45:	lw	t0, 0(s4)		/* the thread: while (W == 0) FUTEX_WAIT(W, 0) */
	bnez	t0, 46f
	mv	a0, s4
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a7, 98
	ecall
	j	45b
46:	li	t1, 2
	beq	t0, t1, 48f
	sw	zero, 0(s4)		/* W = 0, FUTEX_WAKE(W, 1) */
	mv	a0, s4
	li	a1, 1
	li	a2, 1
	li	a7, 98
	ecall
	j	45b
48:	li	a0, 0			/* exit(0): this thread only */
	li	a7, 93
	ecall
47:	addi	sp, sp, 16
	j	9b

/* bench_sig_handler: returns at once, through the frame's trampoline (rt_sigreturn). */
bench_sig_handler:
	ret

/* grow16: s2 = the old break, s3 = s2 + 16 MiB, the new one. */
grow16:
	li	a0, 0
	li	a7, 214
	ecall
	mv	s2, a0
	li	t0, 0x1000000
	add	s3, s2, t0
	mv	a0, s3
	li	a7, 214
	ecall
	ret

/* touch16: write one byte in every page of [s2, s3) (16 MiB, or the 1 MiB mapping of the mremap bench). */
touch16:
	mv	t1, s2
	li	t2, 4096
1:	sb	zero, 0(t1)
	add	t1, t1, t2
	bltu	t1, s3, 1b
	ret
echo_path:
	.asciz	"/bin/echo"
echo_arg:
	.asciz	"-n"
	.balign 4
	.globl user_bench_end
user_bench_end:
