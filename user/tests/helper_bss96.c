/* helper_bss96: a program with a 96 MiB .bss (helper_bss.h) */
#define BSS_MIB 96
#include "helper_bss.h"
