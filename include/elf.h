/*
 * include/elf.h: the ELF64 structures and constants the kernel reads
 * (Linux's include/uapi/linux/elf.h names).
 */
#ifndef _RVMM_ELF_H
#define _RVMM_ELF_H

#include <types.h>

#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define EM_RISCV	243
#define PT_LOAD		1
#define PT_PHDR		6
#define PF_X		1
#define PF_W		2
#define PF_R		4

typedef struct elf64_hdr {
	unsigned char e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;

typedef struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;

#endif
