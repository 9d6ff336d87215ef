/* helper_bss512: a program with a 512 MiB .bss (helper_bss.h) */
#define BSS_MIB 512
#include "helper_bss.h"
