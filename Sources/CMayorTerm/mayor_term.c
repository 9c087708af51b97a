#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1

#include "mayor_term.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// --- Quit and resume signals ------------------------------------------------

enum { HANDLED_COUNT = 6 };
static const int handled_signals[HANDLED_COUNT] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCONT, SIGPIPE };
static struct sigaction saved_actions[HANDLED_COUNT];
static int handlers_installed = 0;
static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t continued = 0;

static void on_quit_signal(int sig) {
    if (pending_signal == 0) pending_signal = sig;
}

static void on_sigcont(int sig) {
    (void)sig;
    continued = 1;
}

int mayor_signals_install(void) {
    if (handlers_installed) return 1;
    pending_signal = 0;
    continued = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: interrupt the blocking read
    int rc = 0;
    for (int i = 0; i < HANDLED_COUNT; i++) {
        int sig = handled_signals[i];
        sa.sa_handler = sig == SIGCONT ? on_sigcont : sig == SIGPIPE ? SIG_IGN : on_quit_signal;
        rc |= sigaction(sig, &sa, &saved_actions[i]);
    }
    // A wall may be started from a parent that blocked these signals (a
    // service manager, a test runner): make sure they are delivered.
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGINT);
    sigaddset(&unblock, SIGTERM);
    sigaddset(&unblock, SIGHUP);
    sigaddset(&unblock, SIGQUIT);
    sigaddset(&unblock, SIGCONT);
    sigaddset(&unblock, SIGWINCH);
    rc |= sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    handlers_installed = 1;
    return rc == 0;
}

void mayor_signals_restore(void) {
    if (!handlers_installed) return;
    for (int i = 0; i < HANDLED_COUNT; i++) sigaction(handled_signals[i], &saved_actions[i], NULL);
    handlers_installed = 0;
}

int mayor_signals_pending(void) { return (int)pending_signal; }

int mayor_signals_take_continued(void) {
    if (continued == 0) return 0;
    continued = 0;
    return 1;
}

// --- Terminal modes for the session -----------------------------------------

int mayor_tty_session_modes(int fd) {
    struct termios t;
    if (tcgetattr(fd, &t) != 0) return 0;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    t.c_cc[VQUIT] = _POSIX_VDISABLE;
    return tcsetattr(fd, TCSADRAIN, &t) == 0;
}

// --- Crash handler ----------------------------------------------------------

enum { FATAL_COUNT = 6, RESTORE_MAX = 512 };
static const int fatal_signals[FATAL_COUNT] = { SIGSEGV, SIGILL, SIGBUS, SIGFPE, SIGABRT, SIGTRAP };
static struct sigaction saved_fatal_actions[FATAL_COUNT];
static int crash_armed = 0;
static struct termios saved_modes;
static int saved_modes_fd = -1;
static char restore_bytes[RESTORE_MAX];
static size_t restore_length = 0;
// An alternate stack, so a stack overflow (SIGSEGV on the guard page) still
// runs the handler.
static char crash_stack[64 * 1024];
static stack_t saved_stack;
static int stack_installed = 0;

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += n;
        length -= (size_t)n;
    }
}

static const char *fatal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGILL: return "SIGILL";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    case SIGTRAP: return "SIGTRAP";
    default: return "a fatal signal";
    }
}

static void on_fatal_signal(int sig) {
    int saved_errno = errno;
    if (saved_modes_fd >= 0) {
        tcsetattr(saved_modes_fd, TCSANOW, &saved_modes);
        if (restore_length > 0) write_all(saved_modes_fd, restore_bytes, restore_length);
    }
    static const char prefix[] = "mayor: crashed (";
    static const char suffix[] = "); the terminal was restored\n";
    const char *name = fatal_name(sig);
    write_all(STDERR_FILENO, prefix, sizeof prefix - 1);
    write_all(STDERR_FILENO, name, strlen(name));
    write_all(STDERR_FILENO, suffix, sizeof suffix - 1);
    // Die of the same signal with the default disposition, so the exit status
    // says what happened (132 for a Swift trap, 139 for SIGSEGV, ...).
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    errno = saved_errno;
    // A fault (SIGSEGV, SIGILL from a trap) repeats when the handler returns
    // and now meets the default disposition.
}

int mayor_crash_save_modes(int fd) {
    if (tcgetattr(fd, &saved_modes) != 0) {
        saved_modes_fd = -1;
        return 0;
    }
    saved_modes_fd = fd;
    return 1;
}

int mayor_crash_arm(const char *restore, size_t length) {
    if (crash_armed) return 1;
    if (length > RESTORE_MAX) length = RESTORE_MAX;
    if (restore != NULL && length > 0) memcpy(restore_bytes, restore, length);
    restore_length = restore != NULL ? length : 0;

    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = crash_stack;
    ss.ss_size = sizeof crash_stack;
    ss.ss_flags = 0;
    int rc = sigaltstack(&ss, &saved_stack);
    stack_installed = rc == 0;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK | SA_NODEFER | SA_RESETHAND;
    for (int i = 0; i < FATAL_COUNT; i++) rc |= sigaction(fatal_signals[i], &sa, &saved_fatal_actions[i]);
    crash_armed = 1;
    return rc == 0;
}

void mayor_crash_disarm(void) {
    if (!crash_armed) return;
    for (int i = 0; i < FATAL_COUNT; i++) sigaction(fatal_signals[i], &saved_fatal_actions[i], NULL);
    if (stack_installed) sigaltstack(&saved_stack, NULL);
    stack_installed = 0;
    crash_armed = 0;
}

// --- Output the terminal edge writes itself ---------------------------------

enum { OUT_MAX = 1024 };
static char out_buffer[OUT_MAX];
static size_t out_length = 0;

int mayor_out_putc(int c) {
    if (out_length < OUT_MAX) out_buffer[out_length++] = (char)c;
    return c;
}

void mayor_out_bytes(const char *bytes, size_t length) {
    for (size_t i = 0; i < length && out_length < OUT_MAX; i++) out_buffer[out_length++] = bytes[i];
}

int mayor_out_flush(int fd) {
    size_t done = 0;
    int ok = 1;
    while (done < out_length) {
        ssize_t n = write(fd, out_buffer + done, out_length - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ok = 0;
            break;
        }
        done += (size_t)n;
    }
    out_length = 0;
    return ok;
}
