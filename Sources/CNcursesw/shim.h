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

static inline int mayor_errno(void) { return errno; }
static inline void mayor_clear_errno(void) { errno = 0; }

// Signals. SIGINT, SIGTERM and SIGHUP only record which signal arrived (the
// live loop polls it and ends cleanly); SIGCONT records a resume so the loop
// forces a full redraw; SIGPIPE is ignored. No SA_RESTART, so a blocking read
// in wget_wch returns early and the loop sees the flag at once.
// Install these BEFORE newterm: ncurses only adds its own SIGINT/SIGTERM/TSTP
// handlers where the disposition is still the default.
//
// The flags are `static`, so every translation unit that calls these functions
// gets its own copy: call all of them from ONE Swift source file
// (MayorTerminal/Signals.swift).
static volatile sig_atomic_t mayor_pending_signal_ = 0;
static volatile sig_atomic_t mayor_continued_ = 0;

static inline void mayor_on_quit_signal_(int sig) {
    if (mayor_pending_signal_ == 0) mayor_pending_signal_ = sig;
}
static inline void mayor_on_sigcont_(int sig) { (void)sig; mayor_continued_ = 1; }

// Function-local static: Swift's C importer does not emit file-scope
// tentative definitions (a static array without an initializer).
static inline struct sigaction *mayor_saved_actions_(void) {
    static struct sigaction saved[5];
    return saved;
}
static int mayor_handlers_installed_ = 0;
static const int mayor_handled_signals_[5] = { SIGINT, SIGTERM, SIGHUP, SIGCONT, SIGPIPE };

static inline int mayor_install_signal_handlers(void) {
    if (mayor_handlers_installed_) return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: interrupt the blocking read
    int rc = 0;
    for (int i = 0; i < 5; i++) {
        int sig = mayor_handled_signals_[i];
        sa.sa_handler = sig == SIGCONT ? mayor_on_sigcont_ : sig == SIGPIPE ? SIG_IGN : mayor_on_quit_signal_;
        rc |= sigaction(sig, &sa, &mayor_saved_actions_()[i]);
    }
    // A wall may be started from a parent that blocked these signals (a
    // service manager, a test runner): make sure they are delivered.
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGINT);
    sigaddset(&unblock, SIGTERM);
    sigaddset(&unblock, SIGHUP);
    sigaddset(&unblock, SIGCONT);
    sigaddset(&unblock, SIGWINCH);
    rc |= sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    mayor_handlers_installed_ = 1;
    return rc == 0;
}

// Puts back the dispositions that were in place before the install (after
// endwin, so Ctrl-C works normally again once the dashboard has closed).
static inline void mayor_restore_signal_handlers(void) {
    if (!mayor_handlers_installed_) return;
    for (int i = 0; i < 5; i++) sigaction(mayor_handled_signals_[i], &mayor_saved_actions_()[i], NULL);
    mayor_handlers_installed_ = 0;
}

// The first quit signal received (SIGINT, SIGTERM or SIGHUP), or 0.
static inline int mayor_signal_pending(void) { return (int)mayor_pending_signal_; }

// 1 once after the process was continued (SIGCONT), then 0 until the next one.
static inline int mayor_take_continued(void) {
    if (mayor_continued_ == 0) return 0;
    mayor_continued_ = 0;
    return 1;
}

#endif
