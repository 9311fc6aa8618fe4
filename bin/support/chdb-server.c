/*
 * Runs ClickHouse's own clickhouse-local program from chDB's libchdb.so, so that bin/local-stack can serve
 * ClickHouse's HTTP interface without a clickhouse-server package (Debian only ships an ancient one).
 *
 *   chdb-server <path to libchdb.so> <clickhouse arguments...>
 *
 * The arguments are passed unchanged, after argv[0] = "clickhouse". bin/local-stack passes server arguments
 * and a query that starts the HTTP listener and then blocks reading a named pipe; the program returns when a
 * line is written into that pipe. Exit status: 0 on success, 1 if the query failed, 2 on a usage or loading error.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

typedef void *(*query_cmdline_fn)(int argc, char **argv);
typedef char *(*result_buffer_fn)(void *result);
typedef size_t (*result_length_fn)(void *result);
typedef const char *(*result_error_fn)(void *result);

static void *symbol(void *library, const char *name) {
    void *found = dlsym(library, name);
    if (found == NULL) {
        fprintf(stderr, "chdb-server: symbol %s not found: %s\n", name, dlerror());
        exit(2);
    }
    return found;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <libchdb.so> [clickhouse arguments...]\n", argv[0]);
        return 2;
    }
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "chdb-server: cannot load %s: %s\n", argv[1], dlerror());
        return 2;
    }
    query_cmdline_fn query_cmdline = (query_cmdline_fn) symbol(library, "chdb_query_cmdline");
    result_buffer_fn result_buffer = (result_buffer_fn) symbol(library, "chdb_result_buffer");
    result_length_fn result_length = (result_length_fn) symbol(library, "chdb_result_length");
    result_error_fn result_error = (result_error_fn) symbol(library, "chdb_result_error");

    /* argv[1] (the library) becomes argv[0] = "clickhouse"; the rest are clickhouse-local's arguments. */
    argv[1] = "clickhouse";
    void *result = query_cmdline(argc - 1, argv + 1);
    if (result == NULL) {
        fprintf(stderr, "chdb-server: chdb_query_cmdline returned no result\n");
        return 1;
    }
    const char *error = result_error(result);
    if (error != NULL && error[0] != '\0') {
        fprintf(stderr, "chdb-server: %s\n", error);
        return 1;
    }
    char *output = result_buffer(result);
    size_t length = result_length(result);
    if (output != NULL && length > 0) {
        fwrite(output, 1, length, stdout);
    }
    return 0;
}
