/*
 * include/tty.h: the terminal, as Linux's tty layer: the console's
 * driver hands received bytes to the line discipline (N_TTY,
 * kernel/drivers/n_tty.c), which edits lines, echoes and sends the job
 * control signals; read(2), write(2) and ioctl(2) on /dev/console and
 * /dev/tty reach it through kernel/drivers/tty_io.c.
 *
 * struct termios and every number here are Linux's asm-generic ones
 * (include/uapi/asm-generic/termbits.h and ioctls.h), which riscv64 uses.
 */
#ifndef _RVMM_TTY_H
#define _RVMM_TTY_H

#include <types.h>
#include <wait.h>

typedef unsigned int tcflag_t;
typedef unsigned char cc_t;

#define NCCS 19
struct termios {
	tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc */
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VEOL	11
#define VWERASE	14
#define VEOL2	16

/* c_iflag */
#define ISTRIP	0000040
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define IXON	0002000

/* c_oflag */
#define OPOST	0000001
#define ONLCR	0000004
#define OCRNL	0000010

/* c_cflag */
#define B38400	0000017
#define CS8	0000060
#define CREAD	0000200
#define HUPCL	0002000
#define CLOCAL	0004000

/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000

/* ioctl commands */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCGSID	0x5429

#define N_TTY_BUF_SIZE	4096

struct tty_struct {
	struct termios termios;
	struct winsize winsize;
	int pgrp;		/* the foreground process group (0: none) */
	int session;		/* the session whose controlling terminal this is (0: none) */
	void (*write_raw)(int c);	/* the driver: one byte, unprocessed */
	/* N_TTY's input: u16 slots, the byte and the flags below */
	u16 buf[N_TTY_BUF_SIZE];
	unsigned int head, tail;	/* received up to head, read up to tail (free-running) */
	unsigned int canon_head;	/* canonical mode: the end of the last complete line */
	unsigned int column;		/* where the cursor is, for erasing */
	struct wait_queue_head read_wait;
};

#define TTY_EOL		0x100	/* this slot ends a line (newline, EOL, EOF) */
#define TTY_EOF		0x200	/* the end-of-file character: ends a line, is not read */

extern struct tty_struct console_tty;

/* tty_init: the console tty and its devices /dev/console (5:1) and /dev/tty (5:0). */
void tty_init(void);
/* tty_receive_char: the driver received c (interrupt context). */
void tty_receive_char(struct tty_struct *tty, u8 c);
/* kill_pgrp: send sig to every process of group pgid; 0, or -ESRCH when there is none. */
int kill_pgrp(int pgid, int sig);

/* The line discipline's side (kernel/drivers/n_tty.c). */
void n_tty_receive_char(struct tty_struct *tty, u8 c);
long n_tty_read(struct tty_struct *tty, char *kbuf, size_t count, bool nonblock);
/* n_tty_output: c written by a program, processed as c_oflag says. */
void n_tty_output(struct tty_struct *tty, u8 c);
/* n_tty_flush_input: forget every byte not yet read. */
void n_tty_flush_input(struct tty_struct *tty);
/* n_tty_readable: bytes a read could return now. */
unsigned int n_tty_readable(const struct tty_struct *tty);

#endif
