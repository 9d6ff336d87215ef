/*
 * include/elf.h: the ELF64 structures and numbers the kernel reads, with
 * Linux's names (include/uapi/linux/elf.h), so that struct elf64_hdr and
 * Elf64_Ehdr are one type, as there.  The RISC-V relocation numbers are
 * the psABI's.
 */
#ifndef _RVMM_ELF_H
#define _RVMM_ELF_H

#include <types.h>

typedef u64 Elf64_Addr;
typedef u16 Elf64_Half;
typedef u64 Elf64_Off;
typedef s32 Elf64_Sword;
typedef u32 Elf64_Word;
typedef u64 Elf64_Xword;
typedef s64 Elf64_Sxword;

#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define EM_RISCV	243

typedef struct elf64_hdr {
	unsigned char e_ident[EI_NIDENT];	/* "\177ELF", class, data, version, ABI */
	Elf64_Half e_type;
	Elf64_Half e_machine;
	Elf64_Word e_version;
	Elf64_Addr e_entry;
	Elf64_Off e_phoff;		/* the program headers */
	Elf64_Off e_shoff;		/* the section headers; 0 when there are none */
	Elf64_Word e_flags;
	Elf64_Half e_ehsize;
	Elf64_Half e_phentsize;
	Elf64_Half e_phnum;
	Elf64_Half e_shentsize;
	Elf64_Half e_shnum;
	Elf64_Half e_shstrndx;
} Elf64_Ehdr;

#define PT_LOAD		1
#define PT_PHDR		6
#define PT_TLS		7
#define PF_X		1
#define PF_W		2
#define PF_R		4

typedef struct elf64_phdr {
	Elf64_Word p_type;
	Elf64_Word p_flags;
	Elf64_Off p_offset;
	Elf64_Addr p_vaddr;
	Elf64_Addr p_paddr;
	Elf64_Xword p_filesz;
	Elf64_Xword p_memsz;		/* past p_filesz: zeroed (bss) */
	Elf64_Xword p_align;
} Elf64_Phdr;

#define SHT_NULL	0
#define SHT_PROGBITS	1
#define SHT_SYMTAB	2
#define SHT_STRTAB	3
#define SHT_RELA	4
#define SHT_NOBITS	8

#define SHF_WRITE	0x1
#define SHF_ALLOC	0x2		/* occupies memory while the program runs */
#define SHF_EXECINSTR	0x4
#define SHF_INFO_LINK	0x40		/* sh_info is a section index */

/* Special section indices, as a symbol's st_shndx. */
#define SHN_UNDEF	0
#define SHN_LORESERVE	0xff00
#define SHN_ABS		0xfff1		/* an absolute value, in no section */
#define SHN_COMMON	0xfff2
#define SHN_XINDEX	0xffff

typedef struct elf64_shdr {
	Elf64_Word sh_name;
	Elf64_Word sh_type;
	Elf64_Xword sh_flags;
	Elf64_Addr sh_addr;
	Elf64_Off sh_offset;
	Elf64_Xword sh_size;
	Elf64_Word sh_link;		/* SHT_RELA: its symbol table; SHT_SYMTAB: its string table */
	Elf64_Word sh_info;		/* SHT_RELA: the section it applies to */
	Elf64_Xword sh_addralign;
	Elf64_Xword sh_entsize;
} Elf64_Shdr;

#define STB_LOCAL	0
#define STB_GLOBAL	1
#define STB_WEAK	2
#define ELF64_ST_BIND(i)	((i) >> 4)
#define ELF64_ST_TYPE(i)	((i) & 0xf)

typedef struct elf64_sym {
	Elf64_Word st_name;
	unsigned char st_info;		/* binding and type */
	unsigned char st_other;
	Elf64_Half st_shndx;		/* the section it is defined in, or an SHN_ value */
	Elf64_Addr st_value;		/* in an executable: its link-time address */
	Elf64_Xword st_size;
} Elf64_Sym;

#define ELF64_R_SYM(i)		((i) >> 32)
#define ELF64_R_TYPE(i)		((i) & 0xffffffff)

typedef struct elf64_rela {
	Elf64_Addr r_offset;		/* in an executable: the link-time address of the field */
	Elf64_Xword r_info;		/* symbol index and type */
	Elf64_Sxword r_addend;
} Elf64_Rela;

/* RISC-V relocation types (the psABI's numbers; gaps are reserved). */
#define R_RISCV_NONE		0
#define R_RISCV_32		1
#define R_RISCV_64		2
#define R_RISCV_RELATIVE	3
#define R_RISCV_COPY		4
#define R_RISCV_JUMP_SLOT	5
#define R_RISCV_TLS_DTPMOD32	6
#define R_RISCV_TLS_DTPMOD64	7
#define R_RISCV_TLS_DTPREL32	8
#define R_RISCV_TLS_DTPREL64	9
#define R_RISCV_TLS_TPREL32	10
#define R_RISCV_TLS_TPREL64	11
#define R_RISCV_TLSDESC		12
#define R_RISCV_BRANCH		16
#define R_RISCV_JAL		17
#define R_RISCV_CALL		18
#define R_RISCV_CALL_PLT	19
#define R_RISCV_GOT_HI20	20
#define R_RISCV_TLS_GOT_HI20	21
#define R_RISCV_TLS_GD_HI20	22
#define R_RISCV_PCREL_HI20	23
#define R_RISCV_PCREL_LO12_I	24
#define R_RISCV_PCREL_LO12_S	25
#define R_RISCV_HI20		26
#define R_RISCV_LO12_I		27
#define R_RISCV_LO12_S		28
#define R_RISCV_TPREL_HI20	29
#define R_RISCV_TPREL_LO12_I	30
#define R_RISCV_TPREL_LO12_S	31
#define R_RISCV_TPREL_ADD	32
#define R_RISCV_ADD8		33
#define R_RISCV_ADD16		34
#define R_RISCV_ADD32		35
#define R_RISCV_ADD64		36
#define R_RISCV_SUB8		37
#define R_RISCV_SUB16		38
#define R_RISCV_SUB32		39
#define R_RISCV_SUB64		40
#define R_RISCV_GOT32_PCREL	41
#define R_RISCV_ALIGN		43
#define R_RISCV_RVC_BRANCH	44
#define R_RISCV_RVC_JUMP	45
#define R_RISCV_RVC_LUI		46	/* 46-50: retired from the psABI */
#define R_RISCV_GPREL_I		47
#define R_RISCV_GPREL_S		48
#define R_RISCV_TPREL_I		49
#define R_RISCV_TPREL_S		50
#define R_RISCV_RELAX		51
#define R_RISCV_SUB6		52
#define R_RISCV_SET6		53
#define R_RISCV_SET8		54
#define R_RISCV_SET16		55
#define R_RISCV_SET32		56
#define R_RISCV_32_PCREL	57
#define R_RISCV_IRELATIVE	58
#define R_RISCV_PLT32		59
#define R_RISCV_SET_ULEB128	60
#define R_RISCV_SUB_ULEB128	61
#define R_RISCV_TLSDESC_HI20	62
#define R_RISCV_TLSDESC_LOAD_LO12 63
#define R_RISCV_TLSDESC_ADD_LO12 64
#define R_RISCV_TLSDESC_CALL	65

#endif
