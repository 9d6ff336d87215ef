/*
 * include/task_files.h: what process code needs from the file table
 * (implemented by the file system: kernel/file_table.c).
 */
#ifndef _RVMM_TASK_FILES_H
#define _RVMM_TASK_FILES_H

#include <err.h>

struct files_struct;

/*
 * Weak until the file table is merged: with no file system every task's
 * files is NULL and these are never called (callers check files first).
 */
#define __files_weak __attribute__((weak))

/* dup_files: a copy of the table for a forked child (the files are shared); NULL on ENOMEM. */
struct files_struct *dup_files(struct files_struct *files) __files_weak;
/* put_files: drop a reference; the last one closes every file. */
void put_files(struct files_struct *files) __files_weak;
/* do_close_on_exec: close every descriptor marked close-on-exec. */
void do_close_on_exec(struct files_struct *files) __files_weak;

#endif
