/* test/host/asm/processor.h: the host's stand-ins for include/asm/processor.h. */
#ifndef _HOST_ASM_PROCESSOR_H
#define _HOST_ASM_PROCESSOR_H

#define leaf_return_address()	((unsigned long)__builtin_return_address(0))

#endif
