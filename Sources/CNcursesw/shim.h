#ifndef MAYOR_NCURSES_SHIM_H
#define MAYOR_NCURSES_SHIM_H

// Wide-character API (add_wch, get_wch, cchar_t).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

// C globals and macros reached through functions, so Swift 6 strict
// concurrency never touches mutable C globals directly.
static inline int mayor_lines(void) { return LINES; }
static inline int mayor_cols(void) { return COLS; }
static inline WINDOW *mayor_stdscr(void) { return stdscr; }
static inline int mayor_colors(void) { return COLORS; }
static inline int mayor_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t mayor_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t mayor_a_bold(void) { return A_BOLD; }
static inline attr_t mayor_a_dim(void) { return A_DIM; }
static inline attr_t mayor_a_reverse(void) { return A_REVERSE; }
static inline attr_t mayor_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mayor_a_normal(void) { return A_NORMAL; }
static inline int mayor_key_resize(void) { return KEY_RESIZE; }
static inline int mayor_key_code_yes(void) { return KEY_CODE_YES; }
static inline int mayor_err(void) { return ERR; }
static inline int mayor_ok(void) { return OK; }
static inline int mayor_set_locale(void) { return setlocale(LC_ALL, "") != NULL; }

// Sets one cell from a UTF-32 string (a grapheme: base plus combining marks).
static inline int mayor_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

// ---------------------------------------------------------------------------
// Added for MayorTerminal (the live terminal edge).

// Most wide characters one cchar_t holds (spacing base plus combining marks).
static inline int mayor_cchar_max(void) { return CCHARW_MAX; }

// 1 when the current locale's character set is UTF-8 (call after mayor_set_locale).
static inline int mayor_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL) return 0;
    return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0 || strcmp(cs, "UTF8") == 0;
}

// When the environment's locale is not UTF-8 (LANG=C, a missing locale over
// SSH), switch the character type alone to C.UTF-8 so Korean text and box
// drawing still reach a UTF-8 terminal. 1 when UTF-8 is in effect afterwards.
static inline int mayor_prefer_utf8_ctype(void) {
    if (mayor_locale_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL && setlocale(LC_CTYPE, "en_US.UTF-8") == NULL) return 0;
    return mayor_locale_is_utf8();
}

// Columns the C library gives one wide character in the current locale
// (-1: not printable here). ncurses lays cells out with this value.
static inline int mayor_wcwidth(wchar_t wc) { return wcwidth(wc); }

// terminfo check before ncurses starts. Declared here rather than including
// <term.h>, whose lower-case capability macros (lines, columns, ...) would
// leak into any C code below.
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);

// 0: usable (has cursor addressing); 1: no terminfo entry for this name;
// 2: generic or hard-copy entry (e.g. "dumb"); 3: no cursor addressing (cup);
// 4: terminfo database not found.
static inline int mayor_check_terminal(const char *name, int fd) {
    int err = 0;
    if (setupterm(name, fd, &err) != OK) {
        if (err == -1) return 4;
        if (err == 1) return 2;   // hard copy
        return err == 0 ? 1 : 1;  // not found, or generic ("dumb")
    }
    const char *cup = tigetstr("cup");
    int result = (cup == NULL || cup == (char *)-1) ? 3 : 0;
    struct term *t = set_curterm(NULL);
    if (t != NULL) del_curterm(t);
    return result;
}

// Starts ncurses on stdout/stdin without ever exiting the process (unlike
// initscr, which exits when the terminal cannot be set up). NULL on failure.
static inline SCREEN *mayor_newterm(const char *name) {
    SCREEN *s = newterm(name, stdout, stdin);
    if (s != NULL) set_term(s);
    return s;
}

// The size of the ncurses screen (getmaxyx on stdscr).
static inline void mayor_screen_size(int *rows, int *cols) {
    int r = 0, c = 0;
    if (stdscr != NULL) { getmaxyx(stdscr, r, c); }
    *rows = r; *cols = c;
}

// The size the terminal reports right now (TIOCGWINSZ); 0 when unknown.
// Lets the loop notice a resize whose SIGWINCH was missed.
static inline int mayor_tty_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) { *rows = 0; *cols = 0; return 0; }
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 1;
}

// Low-level output for the clock-tick path: attributes through ncurses (so it
// knows what the terminal's attributes are) into the caller's output function,
// and a two-parameter capability (cup) expanded.
static inline int mayor_vid_puts(attr_t attrs, short pair, int (*outc)(int)) {
    return vid_puts(attrs, pair, NULL, outc);
}
static inline const char *mayor_tiparm2(const char *cap, int a, int b) { return tiparm(cap, a, b); }
static inline int mayor_has_flag(const char *name) { return tigetflag(name) == 1; }

static inline int mayor_errno(void) { return errno; }
static inline void mayor_clear_errno(void) { errno = 0; }

// Signal flags, terminal modes and the crash handler are process-wide state:
// they live in the CMayorTerm target (one C file), never in this header, where
// `static` variables would be copied into every module that inlines a reader.

#endif
