// glibc's malloc tuning (mallopt), which `kraft` sets once at start (MemoryPolicy).
#ifndef KRAFT_CMALLOC_SHIM_H
#define KRAFT_CMALLOC_SHIM_H
#include <malloc.h>
#endif
