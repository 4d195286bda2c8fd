/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * N_TTY, the line discipline: what happens to a byte between the wire and
 * read(2), and between write(2) and the wire, as Linux's termios describes
 * it.  Input goes into a ring of TTY_BUF bytes with a flag byte each.  In
 * canonical mode (ICANON) the bytes between canon_head and head are the
 * line being edited (ERASE, WERASE, KILL, LNEXT, REPRINT act on it) and
 * only complete lines, up to canon_head, can be read; a delimiter byte
 * (newline, EOL, EOL2, EOF) ends a line, and EOF itself is stored as a
 * flagged marker that ends a read without being returned (so ^D on an
 * empty line reads as end of file).  In non-canonical mode every byte is
 * readable at once.  ISIG turns INTR, QUIT and SUSP into signals for the
 * foreground group, after flushing the input unless NOFLSH.  Echo and
 * output go through the same output processing (OPOST: ONLCR, OCRNL,
 * ONOCR, ONLRET, OLCUC, XTABS), which tracks the column so that erasing
 * a tab backs up the right distance.
 *
 * Everything here runs with tty->lock held (interrupts off) and does not
 * sleep: output goes to the driver, which writes synchronously.
 */
#include <klib/string.h>
#include <linux/signal.h>
#include <kernel/signal.h>
#include "tty_internal.h"

#define MASK (TTY_BUF - 1)
_Static_assert((TTY_BUF & MASK) == 0, "the input ring is a power of two");

#define CTRL(c) ((c)&0x1f)

void n_tty_init_termios(struct termios2 *t)
{
	static const uint8_t cc[NCCS] = {
		[VINTR] = CTRL('C'),
		[VQUIT] = CTRL('\\'),
		[VERASE] = 0x7f,
		[VKILL] = CTRL('U'),
		[VEOF] = CTRL('D'),
		[VTIME] = 0,
		[VMIN] = 1,
		[VSWTC] = 0,
		[VSTART] = CTRL('Q'),
		[VSTOP] = CTRL('S'),
		[VSUSP] = CTRL('Z'),
		[VEOL] = 0,
		[VREPRINT] = CTRL('R'),
		[VDISCARD] = CTRL('O'),
		[VWERASE] = CTRL('W'),
		[VLNEXT] = CTRL('V'),
		[VEOL2] = 0,
	};

	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	/* the 8250 driver's console settings: 115200 8N1, no modem control */
	t->c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->c_cc, cc, sizeof(cc));
	t->c_ispeed = t->c_ospeed = 115200;
}

static bool iflag(const struct tty *tty, unsigned f)
{
	return tty->termios.c_iflag & f;
}

static bool oflag(const struct tty *tty, unsigned f)
{
	return tty->termios.c_oflag & f;
}

static bool lflag(const struct tty *tty, unsigned f)
{
	return tty->termios.c_lflag & f;
}

/* Is `c` the (enabled) control character in slot `idx`? */
static bool is_cc(const struct tty *tty, int idx, uint8_t c)
{
	uint8_t v = tty->termios.c_cc[idx];

	return v != VDISABLE && c == v;
}

static bool is_cntrl(uint8_t c)
{
	return c < 0x20 || c == 0x7f;
}

static bool is_continuation(const struct tty *tty, uint8_t c)
{
	return iflag(tty, IUTF8) && (c & 0xc0) == 0x80;
}

static bool is_alnum(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ---- output ---- */

/* A small batch of bytes for the driver. */
struct obuf {
	struct tty *tty;
	size_t n;
	char b[128];
};

static void ob_flush(struct obuf *o)
{
	if (o->n)
		o->tty->driver->write(o->tty, o->b, o->n);
	o->n = 0;
}

static void ob_put(struct obuf *o, char c)
{
	if (o->n == sizeof(o->b))
		ob_flush(o);
	o->b[o->n++] = c;
}

/* One byte through output processing, keeping the column. */
static void out_char(struct obuf *o, uint8_t c)
{
	struct tty *tty = o->tty;

	if (!oflag(tty, OPOST)) {
		ob_put(o, (char)c);
		return;
	}
	switch (c) {
	case '\n':
		if (oflag(tty, ONLRET))
			tty->column = 0;
		if (oflag(tty, ONLCR)) {
			tty->column = 0;
			ob_put(o, '\r');
		}
		tty->canon_column = tty->column;
		break;
	case '\r':
		if (oflag(tty, ONOCR) && tty->column == 0)
			return;
		if (oflag(tty, OCRNL)) {
			c = '\n';
			if (oflag(tty, ONLRET))
				tty->canon_column = tty->column = 0;
			break;
		}
		tty->canon_column = tty->column = 0;
		break;
	case '\t': {
		unsigned spaces = 8 - (tty->column & 7);

		tty->column += spaces;
		if ((tty->termios.c_oflag & TABDLY) == XTABS) {
			while (spaces--)
				ob_put(o, ' ');
			return;
		}
		break;
	}
	case '\b':
		if (tty->column > 0)
			tty->column--;
		break;
	default:
		if (!is_cntrl(c)) {
			if (oflag(tty, OLCUC) && c >= 'a' && c <= 'z')
				c -= 'a' - 'A';
			if (!is_continuation(tty, c))
				tty->column++;
		}
	}
	ob_put(o, (char)c);
}

void n_tty_output(struct tty *tty, const uint8_t *s, size_t n)
{
	struct obuf o = {.tty = tty};

	for (size_t i = 0; i < n; i++)
		out_char(&o, s[i]);
	ob_flush(&o);
}

/* Echo `c` as the terminal shows it: control characters as ^X with
 * ECHOCTL (but tab and newline as themselves). */
static void echo_char(struct obuf *o, uint8_t c)
{
	if (lflag(o->tty, ECHOCTL) && is_cntrl(c) && c != '\t' && c != '\n') {
		out_char(o, '^');
		out_char(o, c ^ 0x40);
	} else {
		out_char(o, c);
	}
}

/* ---- the input buffer ---- */

static unsigned count(const struct tty *tty)
{
	return tty->head - tty->tail;
}

static void put(struct tty *tty, uint8_t c, uint8_t flags)
{
	tty->buf[tty->head & MASK] = c;
	tty->flags[tty->head & MASK] = flags;
	WRITE_ONCE(tty->head, tty->head + 1);
}

/* Commit the line being edited, ending with `c` (flags: a delimiter). */
static void end_line(struct tty *tty, uint8_t c, uint8_t flags)
{
	put(tty, c, TTYF_DELIM | flags);
	WRITE_ONCE(tty->canon_head, tty->head);
}

void n_tty_flush_input(struct tty *tty)
{
	WRITE_ONCE(tty->tail, tty->head);
	WRITE_ONCE(tty->canon_head, tty->head);
	tty->lnext = false;
}

unsigned n_tty_readable(const struct tty *tty)
{
	if (tty->termios.c_lflag & ICANON)
		return READ_ONCE(tty->canon_head) - READ_ONCE(tty->tail);
	return READ_ONCE(tty->head) - READ_ONCE(tty->tail);
}

unsigned n_tty_inq(const struct tty *tty)
{
	unsigned n = n_tty_readable(tty);

	if (lflag(tty, ICANON)) {
		for (unsigned i = tty->tail; i != tty->canon_head; i++) {
			if (tty->flags[i & MASK] & TTYF_EOF)
				n--;
		}
	}
	return n;
}

size_t n_tty_take(struct tty *tty, uint8_t *dst, size_t n, bool *line_end, bool *eof)
{
	bool canon = lflag(tty, ICANON);
	unsigned end = canon ? tty->canon_head : tty->head;
	size_t done = 0;

	*line_end = *eof = false;
	while (done < n && tty->tail != end) {
		unsigned i = tty->tail & MASK;

		WRITE_ONCE(tty->tail, tty->tail + 1);
		if (canon && (tty->flags[i] & TTYF_EOF)) {
			*line_end = *eof = true;
			break;
		}
		dst[done++] = tty->buf[i];
		if (canon && (tty->flags[i] & TTYF_DELIM)) {
			*line_end = true;
			break;
		}
	}
	return done;
}

void n_tty_set_termios(struct tty *tty, const struct termios2 *old)
{
	if ((old->c_lflag ^ tty->termios.c_lflag) & ICANON) {
		if (!lflag(tty, ICANON) || !count(tty)) {
			WRITE_ONCE(tty->canon_head, tty->tail);
		} else {
			/* what was typed in raw mode becomes one line */
			tty->flags[(tty->head - 1) & MASK] |= TTYF_DELIM;
			WRITE_ONCE(tty->canon_head, tty->head);
		}
		tty->lnext = false;
	}
}

/* ---- canonical editing ---- */

/* The column the echo of the edited line reaches at position `upto`. */
static unsigned line_column(const struct tty *tty, unsigned upto)
{
	unsigned col = tty->canon_column;

	for (unsigned i = tty->canon_head; i != upto; i++) {
		uint8_t c = tty->buf[i & MASK];

		if (c == '\t')
			col = (col | 7) + 1;
		else if (lflag(tty, ECHOCTL) && is_cntrl(c))
			col += 2;
		else if (!is_continuation(tty, c))
			col++;
	}
	return col;
}

enum erase_kind { ERASE, WERASE, KILL };

static void eraser(struct obuf *o, uint8_t c)
{
	struct tty *tty = o->tty;
	enum erase_kind kind;
	unsigned seen_alnums = 0;

	if (tty->head == tty->canon_head)
		return;
	if (is_cc(tty, VERASE, c))
		kind = ERASE;
	else if (is_cc(tty, VWERASE, c))
		kind = WERASE;
	else
		kind = KILL;
	if (kind == KILL) {
		if (!lflag(tty, ECHO)) {
			WRITE_ONCE(tty->head, tty->canon_head);
			return;
		}
		if (!lflag(tty, ECHOK) || !lflag(tty, ECHOKE) || !lflag(tty, ECHOE)) {
			WRITE_ONCE(tty->head, tty->canon_head);
			echo_char(o, c);
			if (lflag(tty, ECHOK))
				out_char(o, '\n');
			return;
		}
	}
	while (tty->head != tty->canon_head) {
		unsigned pos = tty->head - 1;
		uint8_t ch = tty->buf[pos & MASK];
		unsigned before, after;

		/* a UTF-8 character goes whole */
		while (is_continuation(tty, tty->buf[pos & MASK]) && pos != tty->canon_head)
			pos--;
		ch = tty->buf[pos & MASK];
		if (kind == WERASE) {
			if (is_alnum(ch) || ch == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		before = line_column(tty, tty->head);
		after = line_column(tty, pos);
		WRITE_ONCE(tty->head, pos);
		if (lflag(tty, ECHO)) {
			if (kind == ERASE && !lflag(tty, ECHOE)) {
				echo_char(o, tty->termios.c_cc[VERASE]);
			} else if (ch == '\t') {
				while (before-- > after)
					out_char(o, '\b');
			} else {
				for (unsigned k = after; k < before; k++) {
					out_char(o, '\b');
					out_char(o, ' ');
					out_char(o, '\b');
				}
			}
		}
		if (kind == ERASE)
			break;
	}
}

static void reprint(struct obuf *o, uint8_t c)
{
	struct tty *tty = o->tty;

	echo_char(o, c);
	out_char(o, '\n');
	tty->canon_column = tty->column;
	for (unsigned i = tty->canon_head; i != tty->head; i++)
		echo_char(o, tty->buf[i & MASK]);
}

/* Room for an ordinary byte (one slot stays free for a delimiter)? */
static bool room(const struct tty *tty, bool delimiter)
{
	return count(tty) < (delimiter ? TTY_BUF : TTY_BUF - 1);
}

/* An ordinary byte: echo it and store it. */
static bool receive_plain(struct obuf *o, uint8_t c)
{
	struct tty *tty = o->tty;

	if (!room(tty, false))
		return false;
	if (lflag(tty, ECHO)) {
		if (c == '\n') {
			out_char(o, '\n');
		} else {
			if (tty->head == tty->canon_head)
				tty->canon_column = tty->column;
			echo_char(o, c);
		}
	}
	put(tty, c, 0);
	return !lflag(tty, ICANON); /* raw: readable at once */
}

static int signal_of(const struct tty *tty, uint8_t c)
{
	if (is_cc(tty, VINTR, c))
		return SIGINT;
	if (is_cc(tty, VQUIT, c))
		return SIGQUIT;
	if (is_cc(tty, VSUSP, c))
		return SIGTSTP;
	return 0;
}

/* One received byte.  Returns true when readers should be woken. */
static bool receive_char(struct obuf *o, uint8_t c, uint64_t *sigs)
{
	struct tty *tty = o->tty;
	bool canon = lflag(tty, ICANON);
	int sig;

	if (iflag(tty, ISTRIP))
		c &= 0x7f;
	if (iflag(tty, IUCLC) && lflag(tty, IEXTEN) && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (tty->lnext) {
		tty->lnext = false;
		if (lflag(tty, ECHO) && lflag(tty, ECHOCTL))
			out_char(o, '\b'); /* over the '^' shown for LNEXT */
		return receive_plain(o, c);
	}
	if (iflag(tty, IXON) && (is_cc(tty, VSTOP, c) || is_cc(tty, VSTART, c)))
		return false; /* flow control: accepted, output never stops */
	if (lflag(tty, ISIG) && (sig = signal_of(tty, c))) {
		if (!lflag(tty, NOFLSH))
			n_tty_flush_input(tty);
		if (lflag(tty, ECHO))
			echo_char(o, c);
		*sigs |= SIGBIT(sig);
		return false;
	}
	if (c == '\r') {
		if (iflag(tty, IGNCR))
			return false;
		if (iflag(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && iflag(tty, INLCR)) {
		c = '\r';
	}
	if (!canon)
		return receive_plain(o, c);

	if (is_cc(tty, VERASE, c) || is_cc(tty, VKILL, c) ||
	    (is_cc(tty, VWERASE, c) && lflag(tty, IEXTEN))) {
		eraser(o, c);
		return false;
	}
	if (is_cc(tty, VLNEXT, c) && lflag(tty, IEXTEN)) {
		tty->lnext = true;
		if (lflag(tty, ECHO) && lflag(tty, ECHOCTL)) {
			if (tty->head == tty->canon_head)
				tty->canon_column = tty->column;
			out_char(o, '^');
		}
		return false;
	}
	if (is_cc(tty, VREPRINT, c) && lflag(tty, ECHO) && lflag(tty, IEXTEN)) {
		reprint(o, c);
		return false;
	}
	if (c == '\n') {
		if (!room(tty, true))
			return false;
		if (lflag(tty, ECHO) || lflag(tty, ECHONL))
			out_char(o, '\n');
		end_line(tty, c, 0);
		return true;
	}
	if (is_cc(tty, VEOF, c)) {
		if (!room(tty, true))
			return false;
		end_line(tty, 0, TTYF_EOF);
		return true;
	}
	if (is_cc(tty, VEOL, c) || (is_cc(tty, VEOL2, c) && lflag(tty, IEXTEN))) {
		if (!room(tty, true))
			return false;
		if (lflag(tty, ECHO)) {
			if (tty->head == tty->canon_head)
				tty->canon_column = tty->column;
			echo_char(o, c);
		}
		end_line(tty, c, 0);
		return true;
	}
	return receive_plain(o, c);
}

uint64_t n_tty_receive(struct tty *tty, const uint8_t *s, size_t n, bool *wake)
{
	struct obuf o = {.tty = tty};
	uint64_t sigs = 0;

	for (size_t i = 0; i < n; i++) {
		if (receive_char(&o, s[i], &sigs))
			*wake = true;
	}
	ob_flush(&o);
	return sigs;
}
