/*
 * kernel/riscv/uaccess.S: the instructions that touch user memory.
 *
 * Each load or store of a user address is listed in __ex_table with a
 * fix-up address.  If it faults (an unmapped or protected user page), the
 * trap handler finds the entry and resumes at the fix-up instead of
 * reporting a kernel fault, and the routine returns how much is left.
 * The caller has set sstatus.SUM and checked the range with access_ok.
 */
#define EX_ENTRY(insn, fixup)	\
	.pushsection __ex_table, "a";	\
	.balign 8;			\
	.dword insn, fixup;		\
	.popsection

	.section .text
/* size_t __asm_copy_user(void *to, const void *from, size_t n): bytes NOT copied */
	.globl __asm_copy_user
__asm_copy_user:
	beqz	a2, 2f
	/* Both ends and the length multiples of 8 (a signal frame, a struct): a word at a time. */
	or	t1, a0, a1
	or	t1, t1, a2
	andi	t1, t1, 7
	bnez	t1, 1f
3:
12:	ld	t0, 0(a1)
13:	sd	t0, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	bnez	a2, 3b
	j	2f
1:
10:	lbu	t0, 0(a1)
11:	sb	t0, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	bnez	a2, 1b
2:	mv	a0, a2
	ret
	EX_ENTRY(10b, 2b)
	EX_ENTRY(11b, 2b)
	EX_ENTRY(12b, 2b)
	EX_ENTRY(13b, 2b)

/* size_t __asm_clear_user(void *to, size_t n): bytes NOT cleared */
	.globl __asm_clear_user
__asm_clear_user:
	beqz	a1, 2f
	or	t1, a0, a1		/* aligned and a multiple of 8: a word at a time */
	andi	t1, t1, 7
	bnez	t1, 1f
3:
21:	sd	zero, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, -8
	bnez	a1, 3b
	j	2f
1:
20:	sb	zero, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, -1
	bnez	a1, 1b
2:	mv	a0, a1
	ret
	EX_ENTRY(20b, 2b)
	EX_ENTRY(21b, 2b)

/* int __asm_get_user_u8(u8 *val, const u8 *uaddr): 0, or -1 when it faults */
	.globl __asm_get_user_u8
__asm_get_user_u8:
30:	lbu	t0, 0(a1)
	sb	t0, 0(a0)
	li	a0, 0
	ret
31:	li	a0, -1
	ret
	EX_ENTRY(30b, 31b)
