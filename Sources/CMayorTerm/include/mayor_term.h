#ifndef MAYOR_TERM_H
#define MAYOR_TERM_H

// Process-wide terminal state for the live wall: signal flags, the terminal
// modes saved at start, and the crash handler that gives them back.
//
// This state lives in mayor_term.c, ONE definition for the whole process.
// (It used to be `static` variables in the CNcursesw header: every Swift
// module that inlined a reader got its own copy, so in a release build the
// live loop never saw SIGTERM and reported "the terminal went away".)
// Nothing here calls ncurses; Swift passes in the terminfo strings.

#include <stddef.h>

// --- Quit and resume signals ------------------------------------------------
// SIGINT, SIGTERM, SIGHUP and SIGQUIT only record which arrived first (the
// loop polls it and ends cleanly); SIGCONT records a resume (full redraw);
// SIGPIPE is ignored. No SA_RESTART, so a blocking read returns early.
// Install BEFORE newterm: ncurses adds its own handlers only where the
// disposition is still the default. Clears any recorded signal.
// Returns 1 on success.
int mayor_signals_install(void);
// Puts back the dispositions found by the install. A recorded signal stays.
void mayor_signals_restore(void);
// The first quit signal received since the install, or 0.
int mayor_signals_pending(void);
// 1 once after the process was continued (SIGCONT), then 0.
int mayor_signals_take_continued(void);

// --- Terminal modes for the session -----------------------------------------
// Turns off what lets a stray key stop the wall: software flow control (IXON,
// IXOFF: Ctrl-S would block every write) and the quit character (Ctrl-\ would
// send SIGQUIT; now it arrives as an ignored key). Call after ncurses set its
// modes, then def_prog_mode() so ncurses keeps them across Ctrl-Z and fg;
// endwin restores the shell's modes. Returns 1 on success.
int mayor_tty_session_modes(int fd);

// --- Crash handler ----------------------------------------------------------
// Saves the terminal modes of `fd` (call at start, before ncurses changes
// them). Returns 1 when `fd` is a terminal and its modes were read.
int mayor_crash_save_modes(int fd);
// Arms the fatal-signal handler (SIGSEGV, SIGILL, SIGBUS, SIGFPE, SIGABRT,
// SIGTRAP): on a crash it restores the saved modes with tcsetattr, writes
// `restore` (the terminfo bytes that leave the alternate screen and show the
// cursor, copied here into a static buffer; at most 511 bytes) and a line
// naming the signal to stderr, then re-raises the signal with the default
// disposition so the exit status still says what happened. Async-signal-safe.
// Returns 1 on success.
int mayor_crash_arm(const char *restore, size_t length);
// Puts back the dispositions found by the arm (after a normal close).
void mayor_crash_disarm(void);

// --- Output the terminal edge writes itself ---------------------------------
// A small buffer the clock-tick path fills (through ncurses' vid_puts with
// mayor_out_putc as its output function, and raw bytes), then writes in one
// call. Used only on the thread that runs the session.
int mayor_out_putc(int c);
void mayor_out_bytes(const char *bytes, size_t length);
// Writes what is buffered to `fd` and empties the buffer; 1 on success.
int mayor_out_flush(int fd);

#endif
