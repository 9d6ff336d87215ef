/*
 * helper_bss.h: a program whose .bss is BSS_MIB MiB, which test_robust_fault
 * starts with execve (helper_bss96.c and helper_bss512.c define the size).
 * First thing it reads its VmRSS, before it touches the .bss; then it
 * checks that the first and last bytes of the .bss read 0 and take a
 * store, and prints one line: "VmRSS <kB> bss <1 if so, else 0>".
 *
 * Not a test itself (runtests runs only /bin/test_*), but built like one,
 * for rvmm's C library and for glibc.
 */
#include "mm.h"

static char bss[BSS_MIB * MIB];

int main(void)
{
	long rss = vm_rss_kb();
	volatile char *first = bss, *last = bss + sizeof(bss) - 1;
	int zero = *first == 0 && *last == 0;

	*first = 1;
	*last = 1;
	printf("VmRSS %ld bss %d\n", rss, zero && *first == 1 && *last == 1);
	return 0;
}
