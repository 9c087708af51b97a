// libcurl for walls that read their snapshots over HTTP (--data URL),
// loaded with dlopen the first time it is needed: a wall on local files
// never maps libcurl and the thirty libraries it pulls in (TLS, Kerberos,
// LDAP, …), which would cost it start-up time and resident memory.
//
// The header is needed to build (libcurl4-openssl-dev or another -dev);
// libcurl.so.4 only on walls given a URL. curl_easy_setopt and
// curl_easy_getinfo are variadic, which Swift cannot call: the typed wrappers
// below make the variadic calls in C.
#ifndef MAYOR_CCURL_SHIM_H
#define MAYOR_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>

typedef size_t (*mayor_curl_write_fn)(char *data, size_t size, size_t count, void *context);

struct mayor_curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL *handle);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
    CURLHcode (*easy_header)(CURL *handle, const char *name, size_t index, unsigned int origin, int request, struct curl_header **out);
    int loaded;
};

/// The library's entry points; `loaded` is 0 when libcurl could not be
/// loaded. Not thread-safe the first time: call once before any other use
/// (SnapshotHTTPClient does, in a Swift `static let`).
static inline struct mayor_curl_api *mayor_curl(void) {
    static struct mayor_curl_api api;
    static int tried;
    if (tried) return &api;
    tried = 1;
    static const char *const names[] = {"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return &api;
    *(void **)&api.global_init = dlsym(library, "curl_global_init");
    *(void **)&api.easy_init = dlsym(library, "curl_easy_init");
    *(void **)&api.easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&api.easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&api.easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&api.easy_getinfo = dlsym(library, "curl_easy_getinfo");
    *(void **)&api.easy_strerror = dlsym(library, "curl_easy_strerror");
    *(void **)&api.slist_append = dlsym(library, "curl_slist_append");
    *(void **)&api.slist_free_all = dlsym(library, "curl_slist_free_all");
    *(void **)&api.easy_header = dlsym(library, "curl_easy_header");
    api.loaded = api.global_init && api.easy_init && api.easy_cleanup && api.easy_setopt && api.easy_perform && api.easy_getinfo &&
                 api.easy_strerror && api.slist_append && api.slist_free_all && api.easy_header;
    if (api.loaded) api.global_init(CURL_GLOBAL_DEFAULT);
    return &api;
}

/// Loads libcurl (once) and says whether it is usable (7.83 or later: curl_easy_header).
static inline int mayor_curl_load(void) { return mayor_curl()->loaded; }

static inline CURL *mayor_curl_easy_init(void) { return mayor_curl()->easy_init(); }
static inline void mayor_curl_easy_cleanup(CURL *handle) { mayor_curl()->easy_cleanup(handle); }
static inline CURLcode mayor_curl_perform(CURL *handle) { return mayor_curl()->easy_perform(handle); }
static inline const char *mayor_curl_strerror(CURLcode code) { return mayor_curl()->easy_strerror(code); }
static inline struct curl_slist *mayor_curl_slist_append(struct curl_slist *list, const char *text) {
    return mayor_curl()->slist_append(list, text);
}
static inline void mayor_curl_slist_free_all(struct curl_slist *list) { mayor_curl()->slist_free_all(list); }

static inline CURLcode mayor_curl_set_long(CURL *handle, CURLoption option, long value) {
    return mayor_curl()->easy_setopt(handle, option, value);
}
static inline CURLcode mayor_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return mayor_curl()->easy_setopt(handle, option, value);
}
static inline CURLcode mayor_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return mayor_curl()->easy_setopt(handle, option, value);
}
static inline CURLcode mayor_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return mayor_curl()->easy_setopt(handle, option, value);
}
static inline CURLcode mayor_curl_set_write_function(CURL *handle, mayor_curl_write_fn function) {
    return mayor_curl()->easy_setopt(handle, CURLOPT_WRITEFUNCTION, function);
}
static inline CURLcode mayor_curl_response_code(CURL *handle, long *code) {
    return mayor_curl()->easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

/// The value of a response header of the last transfer, or NULL.
static inline const char *mayor_curl_header(CURL *handle, const char *name) {
    struct curl_header *header = NULL;
    if (mayor_curl()->easy_header(handle, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK || header == NULL) return NULL;
    return header->value;
}

#endif
