// libFuzzer's entry for programs that have their own main (compiler-rt, FuzzerInterface.h): it
// parses the libFuzzer flags in argv and then calls `callback` with each input. The library
// itself comes with -sanitize=fuzzer.
#ifndef KRAFT_CLIBFUZZER_SHIM_H
#define KRAFT_CLIBFUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
