/*
 * sys/termios.h: the terminal interface picolibc's <termios.h> expects
 * here, with Linux's asm-generic numbers and its kernel struct termios
 * (which tcgetattr and tcsetattr pass to ioctl(2) as they are).
 */
#ifndef _RVMM_SYS_TERMIOS_H
#define _RVMM_SYS_TERMIOS_H

#include <sys/types.h>

typedef unsigned int tcflag_t;
typedef unsigned char cc_t;
typedef unsigned int speed_t;

#define NCCS 19
struct termios {
	tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
};

#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VSTART	8
#define VSTOP	9
#define VSUSP	10
#define VEOL	11
#define VWERASE	14
#define VEOL2	16

#define IGNBRK	0000001
#define BRKINT	0000002
#define PARMRK	0000010
#define INPCK	0000020
#define ISTRIP	0000040
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define IXON	0002000

#define OPOST	0000001
#define ONLCR	0000004
#define OCRNL	0000010

#define CSIZE	0000060
#define CS8	0000060
#define CREAD	0000200
#define PARENB	0000400
#define CLOCAL	0004000

#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define TOSTOP	0000400
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000

#define TCSANOW		0
#define TCSADRAIN	1
#define TCSAFLUSH	2

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
void cfmakeraw(struct termios *t);

#endif
