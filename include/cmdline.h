/* include/cmdline.h: the kernel command line (device tree /chosen bootargs). */
#ifndef _RVMM_CMDLINE_H
#define _RVMM_CMDLINE_H

#include <types.h>

#define COMMAND_LINE_SIZE 512
extern char boot_command_line[COMMAND_LINE_SIZE];

/*
 * cmdline_find: look for "name" or "name=value" in the space-separated
 * line.  Returns false when absent; otherwise copies the value (empty for
 * a bare flag) into val, truncated to len bytes.  The last occurrence wins,
 * as BOOTARGS appended by make must override the defaults before it.
 */
bool cmdline_find(const char *line, const char *name, char *val, size_t len);
/*
 * cmdline_init_env: init's environment from the command line, as Linux's
 * unknown_bootoption: each key=value word before "--" whose key has no
 * dot (a module's parameter) and is not one of known[] (NULL-terminated:
 * the parameters the kernel reads) goes into envp, replacing an entry of
 * the same key or added at the end.  envp is NULL-terminated and has room
 * for max strings and the NULL; the words are cut out of a copy of line
 * in buf (len bytes).  NULL, or the word that found envp full.
 */
const char *cmdline_init_env(const char *line, const char *const known[], const char **envp,
			     int max, char *buf, size_t len);
/* memparse: a size like "64M", "3G", "4096" or "0x1000"; *end past the number. */
u64 memparse(const char *s, const char **end);

#endif
