/*
 * start.c: from the stack Linux built to main(), and getauxval().
 */
#include <picolibc.h>	/* defines PICOLIBC_TLS, which picotls.h needs */
#include <picotls.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;
extern int main(int argc, char **argv, char **envp);
extern void __libc_init_array(void);
void __rvmm_start(long *sp) __attribute__((noreturn, used));

/* The auxiliary vector: (type, value) pairs ending with AT_NULL (0). */
static unsigned long *auxv;

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a && a[0]; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

/* Called by _start with the stack pointer the kernel gave the program. */
void __rvmm_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	auxv = (unsigned long *)(p + 1);
	environ = envp;

	/*
	 * errno lives in thread-local storage, addressed from tp.  The block
	 * is copied from the .tdata image and .tbss is zeroed (_init_tls).
	 * It sits in this frame, which lives as long as the program: this
	 * function never returns.
	 */
	size_t align = _tls_align() > 16 ? _tls_align() : 16;
	uintptr_t tls = (uintptr_t)__builtin_alloca(_tls_size() + align);

	tls = (tls + align - 1) & ~(align - 1);
	_init_tls((void *)tls);
	_set_tls((void *)tls);

	__libc_init_array();		/* constructors */
	exit(main(argc, argv, envp));	/* exit runs destructors, flushing stdio */
}
