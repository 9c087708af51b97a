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

#endif
